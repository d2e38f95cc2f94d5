import { expect, fixture, html } from '@open-wc/testing';
import type { FsVideoPhone } from '../src/index.js';
import { SIP_DOMAIN, SIP_WS, idle, nextEvent, phone, unmountAll, waitFor } from './helpers.js';

describe('registration lifecycle and settings', function () {
  this.timeout(30000);
  afterEach(unmountAll);

  it('manual-register connects without registering until register(), and unregister() ends it', async () => {
    const el = await fixture<FsVideoPhone>(html`<fs-video-phone manual-register sip-uri="sip:1012@${SIP_DOMAIN}" ws-url=${SIP_WS} password="1234"></fs-video-phone>`);
    const caller = await phone('1013');
    await new Promise(r => setTimeout(r, 500));
    expect(el.registrationState).to.equal('unregistered');
    let ended = nextEvent<{ reason: string; status?: number }>(caller, 'fs-call-ended');
    await caller.call('1012');
    expect((await ended).detail).to.include({ reason: 'unavailable', status: 480 });
    await idle(caller);

    const registered = nextEvent(el, 'fs-registered');
    expect(el.register()).to.equal(true);
    await registered;
    expect(el.getAttribute('registration-state')).to.equal('registered');

    const unregistered = nextEvent(el, 'fs-unregistered');
    el.unregister();
    await unregistered;
    expect(el.getAttribute('registration-state')).to.equal('unregistered');
    ended = nextEvent<{ reason: string; status?: number }>(caller, 'fs-call-ended');
    await caller.call('1012');
    expect((await ended).detail).to.include({ reason: 'unavailable', status: 480 });
  });

  it('changing sip-uri re-registers as the new user and releases the old one', async () => {
    const el = await phone('1014');
    const other = await phone('1016');
    const registered = nextEvent(el, 'fs-registered');
    el.setAttribute('sip-uri', `sip:1015@${SIP_DOMAIN}`);
    await registered;
    expect(el.registrationState).to.equal('registered');

    // The old identity is gone from the server, the new one rings.
    let ended = nextEvent<{ reason: string; status?: number }>(other, 'fs-call-ended');
    await other.call('1014');
    expect((await ended).detail).to.include({ reason: 'unavailable', status: 480 });
    await idle(other);
    const ringing = nextEvent<{ from: string }>(el, 'fs-incoming-call');
    await other.call('1015');
    expect((await ringing).detail.from).to.equal('sip:1016@127.0.0.1');
    ended = nextEvent(other, 'fs-call-ended');
    el.decline();
    await ended;
  });

  it('a settings change during a call waits for the call to end', async () => {
    const a = await phone('1017', { autoAnswer: true });
    const b = await phone('1018');
    await b.call('1017');
    await waitFor(() => a.callState === 'connected' && b.callState === 'connected', 'connected');
    a.displayName = 'Renamed';
    await new Promise(r => setTimeout(r, 800));
    expect(a.callState, 'the call survives the change').to.equal('connected');
    const reregistered = nextEvent(a, 'fs-registered');
    b.hangup();
    await reregistered;
    expect(a.registrationState).to.equal('registered');
  });

  it('moving the element in the page keeps its registration and its call', async () => {
    const a = await phone('1010', { autoAnswer: true });
    const b = await phone('1011');
    await b.call('1010');
    await waitFor(() => a.callState === 'connected', 'connected');
    const elsewhere = document.createElement('div');
    document.body.append(elsewhere);
    try {
      elsewhere.append(b);
      await new Promise(r => setTimeout(r, 300));
      expect(b.callState).to.equal('connected');
      expect(b.registrationState).to.equal('registered');
    } finally {
      b.hangup();
      await idle(a);
      elsewhere.remove();
    }
  });

  it('removing the element hangs up its call and stops its devices', async () => {
    const a = await phone('1002', { autoAnswer: true });
    const b = await phone('1003');
    await b.call('1002');
    await waitFor(() => a.callState === 'connected' && b.callState === 'connected', 'connected');
    const tracks = b.localStream!.getTracks();
    const ended = nextEvent<{ reason: string; originator: string }>(a, 'fs-call-ended');
    b.remove();
    expect((await ended).detail).to.include({ reason: 'hangup', originator: 'remote' });
    for (const t of tracks) expect(t.readyState).to.equal('ended');
  });
});

describe('ICE gathering does not wait for a STUN server that never answers', function () {
  this.timeout(30000);
  afterEach(unmountAll);

  it('the INVITE leaves and the call connects with media', async () => {
    const [a, b] = await Promise.all([phone('1004'), phone('1019', { autoAnswer: true })]);
    // 127.0.0.1:3479 swallows every packet (test/run.mjs): gathering there never completes.
    a.iceServers = 'stun:127.0.0.1:3479';
    b.iceServers = [{ urls: 'stun:127.0.0.1:3479' }];
    await Promise.all([a.updateComplete, b.updateComplete]);
    const started = performance.now();
    const ringing = nextEvent(b, 'fs-incoming-call', 8000);
    await a.call('1019');
    await ringing;
    const inviteMs = performance.now() - started;
    await waitFor(() => a.callState === 'connected', 'connected', 8000);
    const { inbound } = await import('./helpers.js');
    await waitFor(async () => (await inbound(a.peerConnection!, 'video')).framesDecoded > 0, 'video decodes', 8000);
    console.log(`INVITE reached the callee ${Math.round(inviteMs)} ms after call() with a silent STUN server`);
    a.hangup();
  });
});
