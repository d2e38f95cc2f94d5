import { expect } from '@open-wc/testing';
import type { FsDialpad, FsVideoPhone } from '../src/index.js';
import { RELAY_PORTS, TARGET, connect, farEndSetup, showsCard, idle, inbound, mediaFlows, mount, nextEvent, part, phone, selectedPair, unmountAll, waitFor, realEndedState } from './helpers.js';

type Detail<T> = CustomEvent<T>;

describe('a call between two phones (1000 → 1001)', function () {
  this.timeout(40000);
  realEndedState();
  let a: FsVideoPhone;
  let b: FsVideoPhone;

  before(async () => {
    [a, b] = await Promise.all([phone('1000'), phone('1001')]);
  });
  after(unmountAll);

  it('is accessible while idle', async () => {
    await expect(a).to.be.accessible();
  });

  it('connects when the callee clicks answer, and video and audio flow both ways', async () => {
    const connected = nextEvent<{ remote: string; direction: string }>(a, 'fs-call-connected');
    const incoming = nextEvent<{ from: string; displayName: string }>(b, 'fs-incoming-call');
    const dialed = performance.now();
    const call = connect(a, b, '1001');
    const ring = await incoming;
    expect(ring.detail.from).to.equal('sip:1000@127.0.0.1');
    expect(ring.detail.displayName).to.equal('User 1000');
    await call;
    expect((await connected).detail.remote).to.equal('sip:1001@127.0.0.1');
    expect(a.getAttribute('call-state')).to.equal('connected');
    expect(b.getAttribute('call-state')).to.equal('connected');

    const pcA = a.peerConnection!;
    const pcB = b.peerConnection!;
    await waitFor(async () => (await inbound(pcA, 'video')).framesDecoded > 0, 'first frame at the caller');
    console.log(`[${TARGET}] dial → first remote video frame at the caller: ${Math.round(performance.now() - dialed)} ms (answered by click at once)`);
    await mediaFlows(pcA, 'video', '1000');
    await mediaFlows(pcB, 'video', '1001');
    await mediaFlows(pcA, 'audio', '1000');
    await mediaFlows(pcB, 'audio', '1001');
    for (const el of [a, b]) {
      const video = part(el, 'remote-video') as HTMLVideoElement;
      await waitFor(() => video.videoWidth > 0, `${el.id} remote video has a size`);
      // Waited for, not read once: Firefox starts its receive counters over when the sender
      // restarts its encoding (the keyframe refresh), so a single read can catch them at 0.
      await waitFor(async () => (await inbound(el.peerConnection!, 'video')).framesDecoded > 0, `${el.id} decodes`);
    }
    await waitFor(() => /\d\d:\d\d/.test(part(a, 'timer').textContent ?? ''), 'call timer shows');
  });

  it(TARGET === 'relayed' ? 'sends the media through the relay, not browser to browser' : 'sends the media browser to browser', async () => {
    const [pairA, pairB] = await Promise.all([selectedPair(a.peerConnection!), selectedPair(b.peerConnection!)]);
    const inRelay = (p: number) => p >= RELAY_PORTS[0] && p <= RELAY_PORTS[1];
    if (TARGET === 'relayed') {
      expect(inRelay(pairA.remote.port), `1000 talks to ${pairA.remote.address}:${pairA.remote.port}`).to.equal(true);
      expect(inRelay(pairB.remote.port), `1001 talks to ${pairB.remote.address}:${pairB.remote.port}`).to.equal(true);
      expect(pairA.remote.port).not.to.equal(pairB.local.port);
      expect(pairB.remote.port).not.to.equal(pairA.local.port);
    } else {
      expect(pairA.remote, 'each browser talks to the other one').to.deep.equal(pairB.local);
      expect(pairB.remote).to.deep.equal(pairA.local);
    }
  });

  it('is accessible in a call', async () => {
    await expect(a).to.be.accessible();
    await expect(b).to.be.accessible();
  });

  it('carries chat both ways and shows it in both panels', async () => {
    const atB = nextEvent<{ from: string; body: string; direction: string }>(b, 'fs-message');
    expect(await a.sendMessage('hello from 1000')).to.equal(true);
    const got = await atB;
    expect(got.detail).to.deep.equal({ from: 'sip:1000@127.0.0.1', body: 'hello from 1000', direction: 'incoming' });

    // 1001 sees an unread badge on its chat button, opens the chat and answers there.
    await b.updateComplete;
    expect(part(b, 'unread-badge').textContent).to.equal('1');
    part(b, 'chat-button').click();
    part(a, 'chat-button').click();
    await Promise.all([a.updateComplete, b.updateComplete]);
    await b.updateComplete;
    expect(b.shadowRoot!.querySelector('[part~="unread-badge"]')).to.equal(null);
    const atA = nextEvent<{ body: string; direction: string }>(a, 'fs-message', 10000);
    const input = part(b, 'chat-input') as HTMLInputElement;
    input.value = 'hi 1000, <b>not bold</b>';
    input.dispatchEvent(new InputEvent('input'));
    await b.updateComplete;
    part(b, 'chat-send-button').click();
    expect((await atA).detail).to.include({ body: 'hi 1000, <b>not bold</b>', direction: 'incoming' });

    await a.updateComplete;
    await b.updateComplete;
    const logA = part(a, 'chat-log').textContent ?? '';
    const logB = part(b, 'chat-log').textContent ?? '';
    expect(logA).to.contain('hello from 1000').and.contain('hi 1000, <b>not bold</b>');
    expect(logB).to.contain('hello from 1000').and.contain('hi 1000, <b>not bold</b>');
    // Message bodies are text, never markup.
    expect(part(a, 'chat-log').querySelector('b')).to.equal(null);
  });

  it('sends DTMF from a linked dialpad as SIP INFO', async () => {
    a.dtmfMode = 'info';
    await a.updateComplete;
    const pad = mount(document.createElement('fs-dialpad') as FsDialpad);
    pad.setAttribute('for', 'phone-1000');
    await pad.updateComplete;
    const tones: string[] = [];
    const onDtmf = (e: Event) => {
      const d = (e as Detail<{ tone: string; direction: string }>).detail;
      if (d.direction === 'incoming') tones.push(d.tone);
    };
    b.addEventListener('fs-dtmf', onDtmf);
    try {
      for (const key of ['key-1', 'key-2', 'key-hash']) part(pad, key).click();
      await waitFor(() => tones.length === 3, 'three tones arrive at 1001');
      expect(tones).to.deep.equal(['1', '2', '#']);
      expect(part(pad, 'display').textContent).to.equal('12#');
    } finally {
      b.removeEventListener('fs-dtmf', onDtmf);
    }
  });

  it('sends DTMF as RTP telephone-events in rfc2833 mode', async () => {
    a.dtmfMode = 'rfc2833';
    await a.updateComplete;
    const sender = a.peerConnection!.getSenders().find(s => s.track?.kind === 'audio')!;
    expect(sender.dtmf?.canInsertDTMF).to.equal(true);
    const seen: string[] = [];
    const onTone = (e: Event) => seen.push((e as RTCDTMFToneChangeEvent).tone);
    sender.dtmf!.addEventListener('tonechange', onTone);
    const infoAtB: string[] = [];
    const onInfo = (e: Event) => infoAtB.push((e as Detail<{ tone: string }>).detail.tone);
    b.addEventListener('fs-dtmf', onInfo);
    try {
      expect(a.sendDtmf('59')).to.equal(true);
      await waitFor(() => seen.includes('5') && seen.includes('9'), 'tonechange fires for 5 and 9');
      expect(infoAtB).to.deep.equal([]); // nothing went as SIP INFO
    } finally {
      sender.dtmf!.removeEventListener('tonechange', onTone);
      b.removeEventListener('fs-dtmf', onInfo);
    }
  });

  it('mutes the microphone and shows it', async () => {
    expect(a.setMuted({ audio: true })).to.equal(true);
    await a.updateComplete;
    expect(a.localStream!.getAudioTracks()[0].enabled).to.equal(false);
    expect(a.muted.audio).to.equal(true);
    expect(part(a, 'mute-button').getAttribute('aria-pressed')).to.equal('true');
    a.setMuted({ audio: false });
    await a.updateComplete;
    expect(a.localStream!.getAudioTracks()[0].enabled).to.equal(true);
    expect(part(a, 'mute-button').getAttribute('aria-pressed')).to.equal('false');
  });

  it('turns the camera off and on from the UI; meanwhile the far end sees a card with the name, not black', async () => {
    part(a, 'camera-button').click();
    await a.updateComplete;
    expect(a.localStream!.getVideoTracks()[0].enabled).to.equal(false);
    await waitFor(() => showsCard(b), 'the far end shows the card');
    part(a, 'camera-button').click();
    await a.updateComplete;
    expect(a.localStream!.getVideoTracks()[0].enabled).to.equal(true);
    await waitFor(() => !showsCard(b), 'the camera is back at the far end');
  });

  it('holds (inbound video stops) and resumes (video flows both ways again)', async () => {
    expect(a.hold()).to.equal(true);
    await waitFor(() => a.callState === 'held', '1000 shows held');
    expect(a.getAttribute('call-state')).to.equal('held');
    await waitFor(() => !!b.currentCall?.remoteHeld, '1001 learns it is held');
    // An offer within the call keeps the DTLS role the call has (the callee answered active), so
    // no far end can answer with the other one. (Through rtpengine 1001 sees the relay's offer.)
    if (TARGET !== 'relayed') expect(farEndSetup(b.peerConnection), "1000's hold offer").to.deep.equal(['passive']);
    const pcA = a.peerConnection!;
    await new Promise(r => setTimeout(r, 700)); // let packets already in flight land
    const before = await inbound(pcA, 'video');
    await new Promise(r => setTimeout(r, 1500));
    const after = await inbound(pcA, 'video');
    expect(after.bytesReceived, 'no video reaches the holder').to.equal(before.bytesReceived);

    expect(a.unhold()).to.equal(true);
    await waitFor(() => a.callState === 'connected', '1000 resumes');
    await mediaFlows(pcA, 'video', '1000 after resume');
    await mediaFlows(b.peerConnection!, 'video', '1001 after resume');
  });

  it('hangs up: both idle, every local track ended, peer connections closed', async () => {
    const pcs = [a.peerConnection!, b.peerConnection!];
    const tracks = [...a.localStream!.getTracks(), ...b.localStream!.getTracks()];
    expect(tracks.length).to.equal(4);
    const endedA = nextEvent<{ reason: string; originator: string; durationMs: number }>(a, 'fs-call-ended');
    const endedB = nextEvent<{ reason: string; originator: string }>(b, 'fs-call-ended');
    part(a, 'hangup-button').click();
    const [ea, eb] = await Promise.all([endedA, endedB]);
    expect(ea.detail).to.include({ reason: 'hangup', originator: 'local' });
    expect(ea.detail.durationMs).to.be.greaterThan(1000);
    expect(eb.detail).to.include({ reason: 'hangup', originator: 'remote' });
    await waitFor(() => a.callState === 'ended', '1000 shows ended');
    await Promise.all([idle(a), idle(b)]);
    for (const t of tracks) expect(t.readyState, `${t.kind} track`).to.equal('ended');
    for (const pc of pcs) expect(pc.signalingState).to.equal('closed');
    expect(a.peerConnection).to.equal(null);
  });
});

describe('calls that do not connect (1005 → 1006)', function () {
  this.timeout(30000);
  let a: FsVideoPhone;
  let b: FsVideoPhone;

  before(async () => {
    [a, b] = await Promise.all([phone('1005'), phone('1006')]);
  });
  after(unmountAll);
  afterEach(async () => {
    a.hangup();
    await Promise.all([idle(a), idle(b)]);
  });

  it('decline: the caller ends with reason rejected (603) and its devices are released', async () => {
    const ringing = nextEvent(b, 'fs-incoming-call');
    const ended = nextEvent<{ reason: string; status?: number; originator: string }>(a, 'fs-call-ended');
    const progress = nextEvent<{ status?: number }>(a, 'fs-call-progress');
    await a.call('1006');
    await ringing;
    expect((await progress).detail.status).to.equal(180);
    await waitFor(() => a.callState === 'ringing', 'caller hears ringing');
    expect(a.getAttribute('call-state')).to.equal('ringing');
    const stream = a.localStream!;
    await b.updateComplete;
    part(b, 'decline-button').click();
    const e = await ended;
    expect(e.detail).to.include({ reason: 'rejected', status: 603, originator: 'remote' });
    for (const t of stream.getTracks()) expect(t.readyState).to.equal('ended');
  });

  it('the caller hangs up while it rings: the callee sees canceled', async () => {
    const ringing = nextEvent(b, 'fs-incoming-call');
    const endedB = nextEvent<{ reason: string; originator: string }>(b, 'fs-call-ended');
    await a.call('1006');
    await ringing;
    await waitFor(() => b.callState === 'incoming', 'callee rings');
    a.hangup();
    const e = await endedB;
    expect(e.detail).to.include({ reason: 'canceled', originator: 'remote' });
  });

  it('a user that is not registered (1019) is unavailable (480)', async () => {
    const ended = nextEvent<{ reason: string; status?: number }>(a, 'fs-call-ended');
    await a.call('1019');
    expect((await ended).detail).to.include({ reason: 'unavailable', status: 480 });
  });

  it('an unknown number (2000) is not found (404)', async () => {
    const ended = nextEvent<{ reason: string; status?: number }>(a, 'fs-call-ended');
    await a.call('2000');
    expect((await ended).detail).to.include({ reason: 'not-found', status: 404 });
  });

  it('auto-answer connects without a click, and a listener can veto it', async () => {
    b.autoAnswer = true;
    try {
      await a.call('1006');
      await waitFor(() => a.callState === 'connected' && b.callState === 'connected', 'auto-answered');
      await mediaFlows(b.peerConnection!, 'video', '1006');
      a.hangup();
      await Promise.all([idle(a), idle(b)]);

      const veto = (e: Event) => e.preventDefault();
      b.addEventListener('fs-incoming-call', veto, { once: true });
      await a.call('1006');
      await waitFor(() => b.callState === 'incoming', 'rings instead');
      await new Promise(r => setTimeout(r, 500));
      expect(b.callState).to.equal('incoming');
    } finally {
      b.autoAnswer = false;
    }
  });

  it('shows a hostile caller name as text, never as markup', async () => {
    const hostile = '<img src=x onerror="window.__fsXss = 1">';
    let registered = nextEvent(a, 'fs-registered');
    a.displayName = hostile;
    await registered;
    const ringing = nextEvent<{ displayName: string }>(b, 'fs-incoming-call');
    await a.call('1006');
    expect((await ringing).detail.displayName).to.equal(hostile);
    await b.updateComplete;
    expect(part(b, 'caller').textContent).to.contain(hostile);
    expect(b.shadowRoot!.querySelector('img')).to.equal(null);
    expect((window as unknown as { __fsXss?: number }).__fsXss).to.equal(undefined);
    b.decline();
    await idle(a);
    registered = nextEvent(a, 'fs-registered');
    a.displayName = 'User 1005';
    await registered;
  });

  it('audio-only calls open no camera and carry audio both ways', async () => {
    a.audioOnly = true;
    b.autoAnswer = true;
    try {
      await a.call('1006');
      await waitFor(() => a.callState === 'connected' && b.callState === 'connected', 'connected');
      expect(a.localStream!.getVideoTracks()).to.have.length(0);
      expect(a.localStream!.getAudioTracks()).to.have.length(1);
      await mediaFlows(a.peerConnection!, 'audio', '1005');
      await mediaFlows(b.peerConnection!, 'audio', '1006');
      expect((await inbound(b.peerConnection!, 'video')).bytesReceived).to.equal(0);
    } finally {
      a.audioOnly = false;
      b.autoAnswer = false;
    }
  });
});
