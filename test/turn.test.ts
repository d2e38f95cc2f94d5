import { expect } from '@open-wc/testing';
import { BROWSER, idle, mediaFlows, nextEvent, phone, selectedPair, server, waitFor, watchPageErrors } from './helpers.js';

/** coturn on 127.0.0.1 (test/servers/turn.mjs): its relay ports. */
const TURN_RELAY_PORTS = [49160, 49239];

interface Turn {
  url: string;
  username: string;
  credential: string;
  /** The coturn that takes time-limited credentials made with a shared secret. */
  restUrl: string;
  secret: string;
}

/**
 * Time-limited TURN credentials as a page's back end makes them for coturn's use-auth-secret
 * (docs/scaling.md, section 3): user name "expiry:user", password base64(HMAC-SHA1(secret, user name)).
 */
async function restCredentials(turn: Turn, user: string, ttlSeconds: number): Promise<RTCIceServer> {
  const username = `${Math.floor(Date.now() / 1000) + ttlSeconds}:${user}`;
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(turn.secret), { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(username)));
  return { urls: turn.restUrl, username, credential: btoa(String.fromCharCode(...mac)) };
}

/**
 * Media through a TURN relay only (ice-transport-policy="relay"), against Debian's coturn with
 * long-term credentials; and what a wrong TURN password does. Runs on the development target,
 * which starts coturn next to the SIP server.
 */
describe('TURN relay (coturn)', function () {
  this.timeout(45000);
  watchPageErrors();
  let turn: Turn;
  before(async () => {
    turn = (await server<Turn | null>('turn'))!;
    expect(turn, 'coturn runs with the development target').to.be.an('object');
  });

  /** A relay-only call between 1016 and 1017 with these ICE servers: relay candidates on both ends, video decoded. */
  async function relayedCall(label: string, servers: (user: string) => Promise<RTCIceServer[]>): Promise<void> {
    const a = await phone('1016', { iceServers: await servers('1016'), iceTransportPolicy: 'relay' });
    const b = await phone('1017', { iceServers: await servers('1017'), iceTransportPolicy: 'relay', autoAnswer: true });
    expect(await a.call('1017')).to.equal(true);
    await waitFor(() => a.callState === 'connected' && b.callState === 'connected', 'connected');
    await mediaFlows(a.peerConnection!, 'video', '1016');
    await mediaFlows(b.peerConnection!, 'video', '1017');
    for (const [name, el] of [['1016', a], ['1017', b]] as const) {
      const pair = await selectedPair(el.peerConnection!);
      expect(pair.local.type, `${name}: own end of the selected pair`).to.equal('relay');
      expect(pair.remote.type, `${name}: far end of the selected pair`).to.equal('relay');
      for (const end of [pair.local, pair.remote]) {
        expect(end.port, `${name}: a coturn relay port`).to.be.within(TURN_RELAY_PORTS[0], TURN_RELAY_PORTS[1]);
      }
      console.log(`[turn/${BROWSER}] ${label}, ${name}: relay ${pair.local.address}:${pair.local.port} ⇄ relay ${pair.remote.address}:${pair.remote.port}`);
    }
    a.hangup();
    await Promise.all([idle(a), idle(b)]);
  }

  it('relay only, long-term credentials: both ends send and receive through the TURN server, and video is decoded', async () => {
    await relayedCall('long-term credentials', async () => [{ urls: turn.url, username: turn.username, credential: turn.credential }]);
  });

  it('relay only, time-limited credentials made with the shared secret (use-auth-secret), as the guide shows', async () => {
    await relayedCall('shared-secret credentials', async user => [await restCredentials(turn, user, 600)]);
  });

  it('expired time-limited credentials end the call with media-error at once', async () => {
    const a = await phone('1016', { iceServers: [await restCredentials(turn, '1016', -60)], iceTransportPolicy: 'relay' });
    await phone('1017');
    const error = nextEvent<{ code: string }>(a, 'fs-error', 10000);
    await a.call('1017');
    expect((await error).detail.code).to.equal('media-error');
    await idle(a);
  });

  it('a wrong TURN password ends the call with media-error within the ICE gathering cut-off, before the far end rings', async () => {
    const a = await phone('1016', { iceServers: [{ urls: turn.url, username: turn.username, credential: 'wrong' }], iceTransportPolicy: 'relay' });
    const b = await phone('1017');
    let rang = false;
    b.addEventListener('fs-incoming-call', () => (rang = true));
    const error = nextEvent<{ code: string; message: string }>(a, 'fs-error', 10000);
    const ended = nextEvent<{ reason: string }>(a, 'fs-call-ended', 10000);
    const start = performance.now();
    await a.call('1017');
    expect((await error).detail.code).to.equal('media-error');
    expect((await ended).detail.reason).to.equal('media-error');
    const ms = performance.now() - start;
    // Failed at the ICE gathering cut-off, for want of a relay candidate (the message says TURN
    // below), not when ICE gathering gives up (10-40 s, past the events' 10 s wait above).
    await a.updateComplete;
    expect(a.shadowRoot!.textContent).to.match(/TURN/);
    expect(rang, 'the far end never rang').to.equal(false);
    await idle(a);
    console.log(`[turn/${BROWSER}] wrong TURN password: call failed with media-error after ${Math.round(ms)} ms`);
  });

  it('a TURN server that never answers ends the call with media-error at the ICE gathering cut-off', async () => {
    // 127.0.0.1:3479 takes the packets and never answers (test/run.mjs): the browser alone would
    // wait for its own TURN timeout, with no candidate at all meanwhile.
    const a = await phone('1016', { iceServers: [{ urls: 'turn:127.0.0.1:3479', username: 'x', credential: 'y' }], iceTransportPolicy: 'relay' });
    await phone('1017');
    const error = nextEvent<{ code: string }>(a, 'fs-error', 10000);
    const start = performance.now();
    await a.call('1017');
    expect((await error).detail.code).to.equal('media-error');
    const ms = performance.now() - start;
    expect(ms, 'ms to fail').to.be.within(a.iceGatheringTimeout - 100, a.iceGatheringTimeout + 2000);
    await idle(a);
    console.log(`[turn/${BROWSER}] TURN server not answering: call failed with media-error after ${Math.round(ms)} ms`);
  });

  it('answering with a wrong TURN password refuses the call with media-error', async () => {
    const a = await phone('1016');
    const b = await phone('1017', { iceServers: [{ urls: turn.url, username: turn.username, credential: 'wrong' }], iceTransportPolicy: 'relay' });
    const error = nextEvent<{ code: string }>(b, 'fs-error', 10000);
    const endedA = nextEvent<{ reason: string; status?: number }>(a, 'fs-call-ended', 10000);
    expect(await a.call('1017')).to.equal(true);
    await waitFor(() => b.callState === 'incoming', '1017 rings');
    await b.answer();
    expect((await error).detail.code).to.equal('media-error');
    expect((await endedA).detail.status, 'the caller is told why').to.equal(488);
    await Promise.all([idle(a), idle(b)]);
  });

  it('a TURN server without credentials is a configuration error', async () => {
    const el = document.createElement('fs-video-phone');
    const error = nextEvent<{ code: string }>(el, 'fs-error');
    el.iceServers = [{ urls: turn.url }];
    el.setAttribute('sip-uri', 'sip:1016@127.0.0.1');
    el.setAttribute('ws-url', 'ws://127.0.0.1:5066');
    el.password = '1234';
    document.body.append(el);
    expect((await error).detail.code).to.equal('invalid-ice-servers');
    el.remove();
  });
});
