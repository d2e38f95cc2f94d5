import { expect, fixture, html } from '@open-wc/testing';
import type { FsVideoPhone } from '../src/index.js';
import { ICE_RECOVERY } from '../src/index.js';
import { SIP_DOMAIN, SIP_WS, idle, inCall, mediaFlows, mount, nextEvent, part, phone, server, sleep, waitFor, watchPageErrors } from './helpers.js';

interface DevStats {
  registers: number;
  invites: number;
}

function unconfigured(attrs: Record<string, string>): FsVideoPhone {
  const el = document.createElement('fs-video-phone') as FsVideoPhone;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
}

describe('bad input and refusals', function () {
  this.timeout(40000);
  watchPageErrors();

  it('an unreachable ws-url shows a connection error and keeps retrying', async () => {
    const el = unconfigured({ 'sip-uri': `sip:1003@${SIP_DOMAIN}`, 'ws-url': 'ws://127.0.0.1:5999', password: '1234' });
    const error = nextEvent<{ code: string }>(el, 'fs-error');
    mount(el);
    expect((await error).detail.code).to.equal('connection-error');
    await el.updateComplete;
    expect(el.getAttribute('registration-state')).to.equal('connecting');
    expect(part(el, 'error').textContent).to.contain('ws://127.0.0.1:5999');
    expect(await el.call('1001')).to.equal(false);
  });

  it('a wrong password fails once: two REGISTERs in an 8 s window, no retry storm', async () => {
    const before = await server<DevStats>('stats');
    const el = unconfigured({ 'sip-uri': `sip:1003@${SIP_DOMAIN}`, 'ws-url': SIP_WS, password: 'wrong' });
    const failed = nextEvent<{ reason: string; status: number }>(el, 'fs-registration-failed');
    mount(el);
    expect((await failed).detail).to.deep.equal({ reason: 'auth-failed', status: 403 });
    await sleep(8000);
    const after = await server<DevStats>('stats');
    const sent = after.registers - before.registers;
    console.log(`REGISTERs sent in an 8 s wrong-password window: ${sent}`);
    expect(sent, 'one challenged REGISTER, one with credentials').to.equal(2);
    expect(el.registrationState).to.equal('failed');
    const error = nextEvent<{ code: string }>(el, 'fs-error');
    expect(await el.call('1001')).to.equal(false);
    expect((await error).detail.code).to.equal('not-registered');
  });

  it('a user the server forbids (403) is refused with a visible state', async () => {
    const el = unconfigured({ 'sip-uri': `sip:2000@${SIP_DOMAIN}`, 'ws-url': SIP_WS, password: '1234' });
    const failed = nextEvent<{ reason: string; status: number }>(el, 'fs-registration-failed');
    mount(el);
    expect((await failed).detail.status).to.equal(403);
    await el.updateComplete;
    expect(el.getAttribute('registration-state')).to.equal('failed');
    expect(part(el, 'error').textContent).to.match(/refused/i);
  });

  it('calling while already in a call is refused with busy when max-calls is 1', async () => {
    const a = await phone('1004');
    a.maxCalls = 1;
    await a.updateComplete;
    await phone('1005', { autoAnswer: true });
    await a.call('1005');
    await waitFor(() => a.callState === 'connected', 'connected');
    const error = nextEvent<{ code: string }>(a, 'fs-error');
    expect(await a.call('1006')).to.equal(false);
    expect((await error).detail.code).to.equal('busy');
    expect(a.callState).to.equal('connected');
    a.hangup();
    await idle(a);
  });

  it('registers with ha1 + realm instead of a clear-text password', async () => {
    // MD5("1008:127.0.0.1:1234")
    const el = await fixture<FsVideoPhone>(html`<fs-video-phone sip-uri="sip:1008@${SIP_DOMAIN}" ws-url=${SIP_WS}
      realm="127.0.0.1" ha1="1fa93a5660cb0ed895eeeee1f20fb4e6"></fs-video-phone>`);
    expect(el.hasAttribute('ha1'), 'the ha1 attribute is taken out of the DOM').to.equal(false);
    await waitFor(() => el.registrationState !== 'connecting' && el.registrationState !== 'unregistered', 'registration settles');
    expect(el.registrationState).to.equal('registered');
  });
});

describe('camera and microphone problems', function () {
  this.timeout(30000);
  watchPageErrors();
  const realGetUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  afterEach(() => {
    navigator.mediaDevices.getUserMedia = realGetUserMedia;
  });

  /**
   * Replaces getUserMedia for the next call placed (both phones share this page): `video` and
   * `audio` name how requests with that kind fail; `never` leaves the prompt unanswered. Once the
   * failing caller has given up on video, or has its audio, later requests get the real devices.
   */
  function stubMedia(fail: { video?: string; audio?: string; never?: boolean }) {
    let audioAsked = false;
    navigator.mediaDevices.getUserMedia = (constraints?: MediaStreamConstraints) => {
      if (fail.never) return new Promise<MediaStream>(() => {});
      if (audioAsked) return realGetUserMedia(constraints);
      if (constraints?.video && fail.video) return Promise.reject(new DOMException('stubbed', fail.video));
      if (fail.audio) return Promise.reject(new DOMException('stubbed', fail.audio));
      audioAsked = true;
      return realGetUserMedia(constraints);
    };
  }

  for (const name of ['NotAllowedError', 'NotFoundError', 'NotReadableError']) {
    it(`camera ${name}: the call goes ahead audio-only with a visible notice`, async () => {
      const a = await phone('1006');
      const b = await phone('1007', { autoAnswer: true });
      stubMedia({ video: name });
      const error = nextEvent<{ code: string }>(a, 'fs-error');
      expect(await a.call('1007')).to.equal(true);
      expect((await error).detail.code).to.equal('media-error');
      await waitFor(() => a.callState === 'connected', 'connected');
      await a.updateComplete;
      expect(part(a, 'notice').textContent).to.match(/audio only/i);
      expect(a.localStream!.getVideoTracks()).to.have.length(0);
      await mediaFlows(b.peerConnection!, 'audio', '1007 hears 1006');
      await mediaFlows(a.peerConnection!, 'video', '1006 still sees 1007');
      a.hangup();
      await Promise.all([idle(a), idle(b)]);
    });
  }

  it('no microphone either: media-error and no INVITE is sent', async () => {
    const a = await phone('1006');
    stubMedia({ video: 'NotFoundError', audio: 'NotFoundError' });
    const before = await server<DevStats>('stats');
    const error = nextEvent<{ code: string }>(a, 'fs-error');
    expect(await a.call('1007')).to.equal(false);
    expect((await error).detail.code).to.equal('media-error');
    await a.updateComplete;
    expect(part(a, 'error').textContent).to.match(/microphone/i);
    const after = await server<DevStats>('stats');
    expect(after.invites - before.invites).to.equal(0);
    await idle(a);
  });

  it('a permission prompt nobody answers ends in an error, not a hang', async () => {
    const a = await phone('1006');
    a.mediaTimeout = 400;
    await a.updateComplete;
    stubMedia({ never: true });
    const error = nextEvent<{ code: string; message: string }>(a, 'fs-error');
    expect(await a.call('1007')).to.equal(false);
    const e = await error;
    expect(e.detail.code).to.equal('media-error');
    expect(e.detail.message).to.match(/camera and microphone request/i);
    await idle(a);
  });
});

describe('what the far end does', function () {
  this.timeout(40000);
  watchPageErrors();

  it('a callee already ringing answers a second caller with 486: reason busy', async () => {
    const [a, b, c] = await Promise.all([phone('1009'), phone('1010'), phone('1011')]);
    await c.call('1010');
    await waitFor(() => b.callState === 'incoming', 'rings');
    const ended = nextEvent<{ reason: string; status?: number }>(a, 'fs-call-ended');
    await a.call('1010');
    expect((await ended).detail).to.include({ reason: 'busy', status: 486 });
    c.hangup();
    await Promise.all([idle(b), idle(c)]);
  });

  it('no answer within no-answer-timeout gives up with reason no-answer', async () => {
    const a = await phone('1009');
    const b = await phone('1010');
    a.noAnswerTimeout = 2;
    await a.updateComplete;
    const ended = nextEvent<{ reason: string; originator: string }>(a, 'fs-call-ended', 8000);
    const endedB = nextEvent<{ reason: string }>(b, 'fs-call-ended', 8000);
    await a.call('1010');
    expect((await ended).detail).to.include({ reason: 'no-answer', originator: 'local' });
    expect((await endedB).detail.reason).to.equal('canceled');
  });

  it('a second call while in a call: decline keeps the first; hold-and-answer holds it and brings it back', async () => {
    const [a, b, c] = await Promise.all([phone('1009'), phone('1010', { autoAnswer: false }), phone('1011')]);
    a.autoAnswer = true;
    await b.call('1009');
    await waitFor(() => a.callState === 'connected' && b.callState === 'connected', 'first call up');

    // Decline: the first call is untouched.
    a.autoAnswer = false;
    let ringing = nextEvent<{ from: string }>(a, 'fs-incoming-call');
    await c.call('1009');
    expect((await ringing).detail.from).to.equal('sip:1011@127.0.0.1');
    await a.updateComplete;
    expect(part(a, 'answer-button').textContent).to.match(/hold/i);
    part(a, 'decline-button').click();
    await idle(c);
    expect(a.callState).to.equal('connected');

    // Hold and answer.
    ringing = nextEvent(a, 'fs-incoming-call');
    await c.call('1009');
    await ringing;
    await a.updateComplete;
    part(a, 'answer-button').click();
    await waitFor(() => c.callState === 'connected' && !!a.heldCall, 'second call up, first one held');
    await waitFor(() => !!b.currentCall?.remoteHeld, 'the first caller is told it is held');
    await mediaFlows(c.peerConnection!, 'video', '1011');
    await a.updateComplete;
    expect(part(a, 'held-call').textContent).to.contain('User 1010');

    // The second call ends: the first comes back, held, and resumes.
    c.hangup();
    await idle(c);
    await waitFor(() => a.callState === 'held', 'the first call is back, on hold');
    expect(a.unhold()).to.equal(true);
    await waitFor(() => a.callState === 'connected', 'resumed');
    await mediaFlows(a.peerConnection!, 'video', '1009 after resume');
    a.hangup();
    await Promise.all([idle(a), idle(b)]);
  });
});

describe('media that stops arriving', function () {
  this.timeout(40000);
  watchPageErrors();
  const saved = { ...ICE_RECOVERY };
  beforeEach(() => Object.assign(ICE_RECOVERY, { silenceMs: 2000, flowCheckMs: 500, restartTimeoutMs: 3000, giveUpMs: 5000 })); // shorter than in real use
  afterEach(() => Object.assign(ICE_RECOVERY, saved));

  it('a connected call that stops receiving any RTP is renegotiated, then ends with media-error', async () => {
    const [a, b] = await inCall('1009', '1010');
    a.rejoinWithin = 0; // no far end's page to wait for: ICE_RECOVERY.giveUpMs applies
    await mediaFlows(a.peerConnection!, 'video', '1009');
    const before = await server<DevStats>('stats');
    // The far end goes silent without any signalling: what a failed DTLS/SRTP path looks like.
    // (Firefox keeps sending audio for an inactive encoding; with no track as well it stops. The
    // far end's own keyframe refresh would turn its encoding on again after each restart.)
    b.keyframeRefresh = 'off';
    await b.updateComplete;
    for (const sender of b.peerConnection!.getSenders()) {
      const params = sender.getParameters();
      for (const encoding of params.encodings) encoding.active = false;
      await sender.setParameters(params);
      await sender.replaceTrack(null);
    }
    const ended = nextEvent<{ reason: string; originator: string }>(a, 'fs-call-ended', 20000);
    const endedB = nextEvent<{ reason: string; originator: string }>(b, 'fs-call-ended', 20000);
    expect((await ended).detail).to.include({ reason: 'media-error', originator: 'local' });
    await a.updateComplete;
    expect(part(a, 'call-status').textContent!.trim()).to.equal('Call ended: media failed');
    expect((await endedB).detail).to.include({ reason: 'hangup', originator: 'remote' });
    const after = await server<DevStats>('stats');
    // Restarts at once, and again after each restartTimeoutMs until giveUpMs: two or three.
    expect(after.invites - before.invites, 'ICE-restart re-INVITEs before giving up').to.be.within(1, 3);
    await a.updateComplete;
    expect(part(a, 'error').textContent).to.match(/media connection was lost/i);
  });

  it('a call on hold receives nothing and is left alone', async () => {
    const [a, b] = await inCall('1009', '1010');
    const before = await server<DevStats>('stats');
    expect(a.hold()).to.equal(true);
    await waitFor(() => a.callState === 'held' && !!b.currentCall?.remoteHeld, 'held');
    await sleep(3 * ICE_RECOVERY.silenceMs);
    expect(a.callState).to.equal('held');
    expect(b.callState).to.equal('connected');
    expect(a.unhold()).to.equal(true);
    await waitFor(() => a.callState === 'connected', 'resumed');
    await mediaFlows(a.peerConnection!, 'video', '1009 after resume');
    await mediaFlows(b.peerConnection!, 'video', '1010 after resume');
    const after = await server<DevStats>('stats');
    expect(after.invites - before.invites, 'only the hold and resume re-INVITEs').to.equal(2);
    a.hangup();
    await Promise.all([idle(a), idle(b)]);
  });
});

describe('a browser that blocks playback until the person clicks', function () {
  this.timeout(30000);
  watchPageErrors();
  const play = HTMLMediaElement.prototype.play;
  afterEach(() => {
    HTMLMediaElement.prototype.play = play;
  });

  it('offers a button to start sound and video, with an fs-error autoplay-blocked', async () => {
    // What Chromium, Firefox and Safari do on a page the person has not interacted with yet.
    HTMLMediaElement.prototype.play = () => Promise.reject(new DOMException('play() needs a user gesture', 'NotAllowedError'));
    const a = await phone('1009');
    const b = await phone('1010', { autoAnswer: true });
    const errors: string[] = [];
    a.addEventListener('fs-error', e => errors.push((e as CustomEvent<{ code: string }>).detail.code));
    await a.call('1010');
    await waitFor(() => a.callState === 'connected', 'connected');
    await waitFor(() => !!a.shadowRoot!.querySelector('[part~="play-button"]'), 'the play button shows');
    expect(errors).to.deep.equal(['autoplay-blocked']);

    HTMLMediaElement.prototype.play = play; // the click is the gesture the browser wanted
    part(a, 'play-button').click();
    await waitFor(() => !a.shadowRoot!.querySelector('[part~="play-button"]'), 'the play button goes');
    const video = part(a, 'remote-video') as HTMLVideoElement;
    expect(video.paused).to.equal(false);
    await mediaFlows(a.peerConnection!, 'video', '1009');
    a.hangup();
    await Promise.all([idle(a), idle(b)]);
  });
});

describe('lifecycle: no socket left behind', function () {
  this.timeout(30000);
  watchPageErrors();

  it('removing the element mid-call sends BYE and closes its WebSocket', async () => {
    const a = await phone('1012', { autoAnswer: true });
    const b = await phone('1013');
    await b.call('1012');
    await waitFor(() => a.callState === 'connected' && b.callState === 'connected', 'connected');
    const pc = b.peerConnection!;
    const sockets = () => server<number>('sockets', { users: ['1013'] });
    expect(await sockets(), "1013's connection").to.equal(1);
    const ended = nextEvent<{ reason: string; originator: string }>(a, 'fs-call-ended');
    const removed = performance.now();
    b.remove();
    expect((await ended).detail).to.include({ reason: 'hangup', originator: 'remote' });
    expect(pc.signalingState).to.equal('closed');
    await waitFor(async () => (await sockets()) === 0, 'its WebSocket closes', 5000);
    console.log(`1013's open WebSockets: 1 before removal, 0 after ${Math.round(performance.now() - removed)} ms`);
  });

  it('changing ws-url and sip-uri re-registers without leaking the old connection', async () => {
    const a = await phone('1014');
    const users = ['1014', '1015', '1016'];
    const sockets = () => server<number>('sockets', { users });
    // A page of an earlier suite may still be closing its connections as these users.
    await waitFor(async () => (await sockets()) === 1, 'this phone alone connected as these users', 6000);
    for (const user of ['1015', '1016', '1014']) {
      const registered = nextEvent(a, 'fs-registered');
      a.sipUri = `sip:${user}@${SIP_DOMAIN}`;
      a.wsUrl = user === '1016' ? 'ws://localhost:5066' : SIP_WS;
      await registered;
    }
    // JsSIP closes a stopped phone's connection once its last transaction ends (at most 2 s).
    await waitFor(async () => (await sockets()) === 1, 'old connections close', 6000);
    await sleep(1000);
    expect(await sockets(), 'no connection left over after three re-registrations').to.equal(1);
  });

  it('two phones on one page are independent', async () => {
    const a = await phone('1017');
    const b = await phone('1018');
    a.password = 'wrong';
    await waitFor(() => a.registrationState === 'failed', 'a fails');
    expect(b.registrationState).to.equal('registered');
  });
});
