import { expect } from '@open-wc/testing';
// The parsing units themselves, from the sources (the suites drive the built script elsewhere).
import { parseConfig, parseIceServers, resolveTarget } from '../src/sip/config.js';
import { PhoneError } from '../src/sip/errors.js';
import { IceGatheringCutoff, iceSettleMs } from '../src/sip/call/ice-cutoff.js';
import { answeredBy } from '../src/sip/call/names.js';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (err) {
    return err instanceof PhoneError ? err.code : `not a PhoneError: ${err}`;
  }
  return undefined;
};

describe('configuration parsing', () => {
  const base = { sipUri: 'sip:1000@pbx.example.com', wsUrl: 'wss://pbx.example.com:7443', password: '1234' };

  it('accepts the reference deployment and fills FreeSWITCH-safe defaults', () => {
    const c = parseConfig(base);
    expect(c).to.include({ user: '1000', domain: 'pbx.example.com', authorizationUser: '1000', dtmfMode: 'rfc2833', iceGatheringTimeout: 1000 });
    expect(c.iceServers).to.deep.equal([]);
  });

  it('accepts user@host without a scheme', () => {
    expect(parseConfig({ ...base, sipUri: '1001@pbx.example.com' }).uri).to.equal('sip:1001@pbx.example.com');
  });

  it('names the first problem with a code', () => {
    expect(codeOf(() => parseConfig({ ...base, sipUri: '' }))).to.equal('invalid-sip-uri');
    expect(codeOf(() => parseConfig({ ...base, sipUri: 'sip:pbx.example.com' }))).to.equal('invalid-sip-uri');
    expect(codeOf(() => parseConfig({ ...base, wsUrl: 'https://pbx.example.com' }))).to.equal('invalid-ws-url');
    expect(codeOf(() => parseConfig({ ...base, wsUrl: 'not a url' }))).to.equal('invalid-ws-url');
    expect(codeOf(() => parseConfig({ ...base, password: '' }))).to.equal('missing-password');
    expect(codeOf(() => parseConfig({ ...base, iceGatheringTimeout: -1 }))).to.equal('invalid-option');
    expect(codeOf(() => parseConfig({ ...base, iceServers: 'http://stun.example.com' }))).to.equal('invalid-ice-servers');
  });

  it('refuses ws:// from an https page (browsers block it), except to this machine', () => {
    expect(codeOf(() => parseConfig({ ...base, wsUrl: 'ws://pbx.example.com:5066' }, true))).to.equal('invalid-ws-url');
    let message = '';
    try {
      parseConfig({ ...base, wsUrl: 'ws://pbx.example.com:5066' }, true);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).to.match(/wss:\/\//);
    expect(parseConfig({ ...base, wsUrl: 'ws://pbx.example.com:5066' }, false).wsUrl).to.equal('ws://pbx.example.com:5066');
    expect(parseConfig({ ...base, wsUrl: 'ws://127.0.0.1:5066' }, true).wsUrl).to.equal('ws://127.0.0.1:5066');
  });

  it('accepts ha1 + realm instead of a password, and checks them', () => {
    const c = parseConfig({ ...base, password: '', ha1: '1FA93A5660CB0ED895EEEEE1F20FB4E6', realm: 'pbx.example.com' });
    expect(c).to.include({ ha1: '1fa93a5660cb0ed895eeeee1f20fb4e6', realm: 'pbx.example.com', password: '' });
    expect(codeOf(() => parseConfig({ ...base, password: '', ha1: 'nothex' , realm: 'x' }))).to.equal('invalid-option');
    expect(codeOf(() => parseConfig({ ...base, password: '', ha1: '1fa93a5660cb0ed895eeeee1f20fb4e6' }))).to.equal('invalid-option');
  });

  it('takes ICE servers as space-separated URLs or RTCIceServer objects', () => {
    expect(parseIceServers('stun:stun.example.com:3478  stuns:stun.example.org')).to.deep.equal([
      { urls: 'stun:stun.example.com:3478' },
      { urls: 'stuns:stun.example.org' },
    ]);
    const turn = [{ urls: ['turns:turn.example.com:5349', 'turn:turn.example.com:3478?transport=tcp'], username: 'u', credential: 'c' }];
    expect(parseIceServers(turn)).to.equal(turn);
  });

  it('refuses a TURN server without credentials (the browser would refuse every call)', () => {
    expect(codeOf(() => parseIceServers('turn:turn.example.com'))).to.equal('invalid-ice-servers');
    expect(codeOf(() => parseIceServers([{ urls: 'turn:turn.example.com', username: 'u' }]))).to.equal('invalid-ice-servers');
  });

  it('takes an ICE transport policy: all (the default) or relay', () => {
    expect(parseConfig(base).iceTransportPolicy).to.equal('all');
    expect(parseConfig({ ...base, iceTransportPolicy: ' Relay ' }).iceTransportPolicy).to.equal('relay');
    expect(codeOf(() => parseConfig({ ...base, iceTransportPolicy: 'turn-only' }))).to.equal('invalid-option');
  });

  it('takes several WebSocket servers, each with an optional weight', () => {
    const c = parseConfig({ ...base, wsUrl: ' wss://a.example.com:7443;weight=2   wss://b.example.com:7443/ws wss://c.example.com;WEIGHT=0 ' });
    expect(c.servers).to.deep.equal([
      { url: 'wss://a.example.com:7443', weight: 2 },
      { url: 'wss://b.example.com:7443/ws', weight: 0 },
      { url: 'wss://c.example.com', weight: 0 },
    ]);
    expect(parseConfig(base).servers).to.deep.equal([{ url: 'wss://pbx.example.com:7443', weight: 0 }]);
    expect(parseConfig({ ...base, wsUrl: 'wss://a.example.com, wss://b.example.com' }).servers.map(s => s.url)).to.deep.equal(['wss://a.example.com', 'wss://b.example.com']);
    for (const bad of ['wss://a.example.com wss://b.example.com;weight=x', 'wss://a.example.com;weight=101', 'wss://a.example.com https://b.example.com']) {
      expect(codeOf(() => parseConfig({ ...base, wsUrl: bad })), bad).to.equal('invalid-ws-url');
    }
    // From an https page each of them must be wss:// (or this machine).
    expect(codeOf(() => parseConfig({ ...base, wsUrl: 'wss://a.example.com ws://b.example.com' }, true))).to.equal('invalid-ws-url');
  });

  it('never puts the password in an error message', () => {
    let message = '';
    try {
      parseConfig({ ...base, sipUri: 'bad', password: 'hunter2' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).to.contain('sip-uri').and.not.contain('hunter2');
  });
});

describe('dial targets', () => {
  const d = 'pbx.example.com';
  it('dials a bare number or user name at the phone’s own domain', () => {
    expect(resolveTarget('1001', d)).to.equal('sip:1001@pbx.example.com');
    expect(resolveTarget(' 9196 ', d)).to.equal('sip:9196@pbx.example.com');
    expect(resolveTarget('+1 (555) 010-0000', d)).to.equal('sip:+15550100000@pbx.example.com');
    expect(resolveTarget('alice', d)).to.equal('sip:alice@pbx.example.com');
  });
  it('keeps full addresses', () => {
    expect(resolveTarget('bob@other.example.org', d)).to.equal('sip:bob@other.example.org');
    expect(resolveTarget('sip:3500@conf.example.com', d)).to.equal('sip:3500@conf.example.com');
  });
  it('refuses empty and garbage targets', () => {
    expect(codeOf(() => resolveTarget('', d))).to.equal('invalid-target');
    expect(codeOf(() => resolveTarget('   ', d))).to.equal('invalid-target');
    expect(codeOf(() => resolveTarget('two words', d))).to.equal('invalid-target');
    expect(codeOf(() => resolveTarget('<script>', d))).to.equal('invalid-target');
  });
});

describe('ICE gathering cut-off', () => {
  const tick = (ms: number) => new Promise(r => setTimeout(r, ms));

  it('sends the SDP once the host candidates are in when no STUN or TURN server is configured, and waits longer with one', async () => {
    const stun = [{ urls: 'stun:stun.example.com' }];
    expect(iceSettleMs([])).to.be.below(iceSettleMs(stun));
    expect(iceSettleMs(undefined)).to.equal(iceSettleMs([]));
    // The settle decides when `ready` runs: with nothing more to come, long before the cap.
    const sent: string[] = [];
    const hostOnly = new IceGatheringCutoff(() => 60000, () => iceSettleMs([]));
    const withStun = new IceGatheringCutoff(() => 60000, () => 60000);
    hostOnly.candidate(() => sent.push('host only'));
    withStun.candidate(() => sent.push('with STUN'));
    await tick(iceSettleMs([]) + 200);
    expect(sent).to.deep.equal(['host only']);
    withStun.dispose();
  });

  it('a candidate after another restarts the quiet period; the cap sends the SDP in any case', async () => {
    const sent: number[] = [];
    const cutoff = new IceGatheringCutoff(() => 0, () => 60000);
    cutoff.candidate(() => sent.push(1));
    cutoff.candidate(() => sent.push(2));
    await tick(100);
    expect(sent).to.deep.equal([2]);
  });
});

describe('who answered a call', () => {
  const response = (headers: Record<string, string>) => ({ getHeader: (name: string) => headers[name] });

  it('reads the name from P-Asserted-Identity, Remote-Party-ID or X-FS-Display-Name, in that order', () => {
    expect(answeredBy(response({ 'P-Asserted-Identity': '"Bob \\"B\\" Smith" <sip:1001@pbx.example.com>' }))).to.equal('Bob "B" Smith');
    expect(answeredBy(response({ 'P-Asserted-Identity': 'Bob <sip:1001@pbx.example.com>' }))).to.equal('Bob');
    expect(answeredBy(response({ 'Remote-Party-ID': '"Front desk" <sip:1002@pbx.example.com>;party=calling;screen=yes' }))).to.equal('Front desk');
    expect(answeredBy(response({ 'P-Asserted-Identity': '<sip:1001@pbx.example.com>', 'X-FS-Display-Name': 'Carol' }))).to.equal('Carol');
    expect(answeredBy(response({}))).to.equal(undefined);
    expect(answeredBy(undefined)).to.equal(undefined);
  });
});
