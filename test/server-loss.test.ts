import { expect } from '@open-wc/testing';
import { DEFAULTS, ICE_RECOVERY } from '../src/index.js';
import { BROWSER, TARGET, farEndSetup, idle, inCall, mediaFlows, mediaReport, nextEvent, part, phone, server, sleep, unmountAll, waitFor } from './helpers.js';

interface DevStats {
  registers: number;
}

describe(`server outage (${TARGET})`, function () {
  this.timeout(60000);
  afterEach(async () => {
    await server('start'); // whatever happened, the next test has a server
    if (TARGET === 'relayed') await server('start-relay');
    unmountAll();
  });

  it('shows the outage at once and registers again soon after the server returns, without a REGISTER burst', async () => {
    const a = await phone('1012');
    const stopped = performance.now();
    await server('stop');
    await waitFor(() => a.registrationState === 'connecting', 'connecting after the server stops', 1000);
    const noticedMs = performance.now() - stopped;
    await a.updateComplete;
    expect(a.getAttribute('registration-state')).to.equal('connecting');
    expect(part(a, 'registration').textContent).to.contain('Connecting');
    expect(part(a, 'error').textContent).to.match(/lost|reconnect/i);

    await sleep(4000); // a real outage: several reconnection attempts fail meanwhile
    const back = performance.now();
    await server('start');
    await waitFor(() => a.registrationState === 'registered', 'registered again', 5000);
    const reregisterMs = performance.now() - back;
    await a.updateComplete;
    expect(a.shadowRoot!.querySelector('[part~="error"]')).to.equal(null);
    if (TARGET === 'dev') {
      await sleep(1500); // anything else that would follow
      const stats = await server<DevStats>('stats');
      // One REGISTER challenged, one with credentials: no burst.
      expect(stats.registers, 'REGISTERs after the server returned').to.equal(2);
    }
    console.log(`[${TARGET}] outage noticed after ${Math.round(noticedMs)} ms; registered ${Math.round(reregisterMs)} ms after the server returned`);
  });

  // The phone's own reaction to the browser's online event: the same whatever the server.
  if (TARGET === 'dev') {
    it("the window's online event reconnects at once instead of waiting for the next back-off step", async () => {
      // A back-off of a minute: registered again within the wait below can only be the online event's doing.
      const { reconnectMinSeconds, reconnectMaxSeconds } = DEFAULTS;
      Object.assign(DEFAULTS, { reconnectMinSeconds: 60, reconnectMaxSeconds: 60 });
      let a: Awaited<ReturnType<typeof phone>>;
      try {
        a = await phone('1012');
      } finally {
        Object.assign(DEFAULTS, { reconnectMinSeconds, reconnectMaxSeconds });
      }
      await server('stop');
      await waitFor(() => a.registrationState === 'connecting', 'connecting');
      await sleep(500); // past the first attempt at once, if any
      await server('start');
      const back = performance.now();
      window.dispatchEvent(new Event('online'));
      await waitFor(() => a.registrationState === 'registered', 'registered after online, long before the back-off would try again', 30000);
      console.log(`[${TARGET}] registered ${Math.round(performance.now() - back)} ms after 'online'`);
    });
  }

  it('a call goes on through a signalling outage, and hanging up afterwards reaches the peer', async () => {
    const [a, b] = await inCall('1012', '1013');

    await server('stop');
    await waitFor(() => a.registrationState === 'connecting' && b.registrationState === 'connecting', 'both see the outage');
    await sleep(2000);
    expect(a.callState).to.equal('connected');
    expect(b.callState).to.equal('connected');
    await mediaFlows(a.peerConnection!, 'video', '1012 during the outage');
    await mediaFlows(b.peerConnection!, 'video', '1013 during the outage');

    await server('start');
    await waitFor(() => a.registrationState === 'registered' && b.registrationState === 'registered', 'both registered again', 8000);
    const ended = nextEvent<{ reason: string; originator: string }>(b, 'fs-call-ended');
    a.hangup();
    expect((await ended).detail).to.include({ reason: 'hangup', originator: 'remote' });
    await Promise.all([idle(a), idle(b)]);
  });

  it('key tones pressed while the server is away arrive (in the media); a hold is sent once it is back; a hang-up during a cut ends the call at once and reaches the peer once it is back', async () => {
    const [a, b] = await inCall('1014', '1015');
    const tones: string[] = [];
    b.addEventListener('fs-dtmf', e => tones.push((e as CustomEvent<{ tone: string }>).detail.tone));
    const ended: string[] = [];
    for (const p of [a, b]) p.addEventListener('fs-call-ended', e => ended.push(`${p.id}: ${(e as CustomEvent<{ reason: string }>).detail.reason}`));

    await server('stop');
    await waitFor(() => a.registrationState === 'connecting' && b.registrationState === 'connecting', 'both see the outage');
    // Key tones go in the media (RFC 2833), which needs no server.
    const played: string[] = [];
    a.peerConnection!.getSenders().find(s => s.track?.kind === 'audio')!.dtmf!.addEventListener('tonechange', e => played.push((e as RTCDTMFToneChangeEvent).tone));
    expect(a.sendDtmf('12')).to.equal(true);
    await waitFor(() => played.includes('1') && played.includes('2'), 'the key tones are played into the call during the cut');
    expect(tones, 'none needed the server (SIP INFO)').to.deep.equal([]);
    expect(a.hold()).to.equal(true);
    await waitFor(() => a.callState === 'held', '1014 shows held at once');
    await sleep(1000);
    expect(b.currentCall?.remoteHeld, 'the hold has not reached 1015 yet').to.not.equal(true);
    expect(ended, 'no call ended by the cut').to.deep.equal([]);

    await server('start');
    await waitFor(() => !!b.currentCall?.remoteHeld, '1015 learns it is held once the server is back', 25000);
    expect(a.unhold()).to.equal(true);
    await waitFor(() => a.callState === 'connected' && !b.currentCall?.remoteHeld, 'resumed');
    await mediaFlows(b.peerConnection!, 'video', '1015 after the cut and the resume');

    // A hang-up while the server is away again: the call ends here at once, the peer hears of it when the server is back.
    await server('stop');
    await waitFor(() => a.registrationState === 'connecting', '1014 sees the second outage');
    const endedB = nextEvent<{ reason: string; originator: string }>(b, 'fs-call-ended', 30000);
    a.hangup();
    await idle(a);
    expect(b.callState, 'the peer does not know yet').to.equal('connected');
    await server('start');
    expect((await endedB).detail).to.include({ reason: 'hangup', originator: 'remote' });
    await idle(b);
  });

  if (TARGET === 'relayed') {
    it('a network blip on the media path: the call keeps going and media comes back when the path heals', async () => {
      const [a, b] = await inCall('1012', '1013');
      await mediaFlows(a.peerConnection!, 'video', '1012 before');
      const pc = a.peerConnection!;

      await server('cut-media');
      try {
        // Long enough for the browsers to notice (5-8 s) and the caller's ICE restart to go out.
        await sleep(12000);
      } finally {
        await server('restore-media');
      }
      const healed = performance.now();
      // The next restart may be one restart time (4 s, then 8 s, …) after the heal.
      await mediaFlows(pc, 'video', '1012 after the blip', 25000);
      await mediaFlows(b.peerConnection!, 'video', '1013 after the blip', 25000);
      console.log(`[relayed/${BROWSER}] media back ${Math.round(performance.now() - healed)} ms after the path healed`);
      expect(a.callState).to.equal('connected');
      a.hangup();
      await Promise.all([idle(a), idle(b)]);
    });

    // A relay restarted without its state answers the ICE restart with a new DTLS certificate.
    // Chromium handshakes again with it; Firefox keeps its old association and receives nothing,
    // so the phone carries the call on over a new session (an INVITE with Replaces for its own
    // dialog). Either way the same call goes on, media flowing both ways, and neither side ends it.
    it('when the media relay restarts, the media comes back on both sides and the call goes on', async function () {
      this.timeout(90000);
      const [a, b] = await inCall('1012', '1013');
      await mediaFlows(a.peerConnection!, 'video', '1012 before');
      const calls = [a.calls.map(c => c.id), b.calls.map(c => c.id)];
      const history = [a.history.length, b.history.length];
      a.setMuted({ audio: true }); // kept over whatever session the call goes on in
      const ended: string[] = [];
      for (const el of [a, b]) el.addEventListener('fs-call-ended', (e: Event) => ended.push(JSON.stringify((e as CustomEvent).detail)));

      await server('stop-relay');
      const first = a.peerConnection!;
      await waitFor(() => !['connected', 'completed'].includes(first.iceConnectionState), 'ICE notices', 20000);
      const broken = performance.now();
      await server('start-relay');
      const relayBack = performance.now();
      try {
        await mediaFlows(() => a.peerConnection, 'video', '1012 after the restart', 30000);
        await mediaFlows(() => b.peerConnection, 'video', '1013 after the restart', 10000);
      } catch (e) {
        const pa = a.peerConnection;
        const pb = b.peerConnection;
        console.log(`[relayed/${BROWSER}] no media after the relay's restart: 1012 ${a.callState}, ${pa && (await mediaReport(pa))}; 1013 ${b.callState}, ${pb && (await mediaReport(pb))}; ended: ${ended.join(' ')}`);
        throw e;
      }
      const renewed = a.peerConnection !== first ? ', over a new session' : '';
      console.log(`[relayed/${BROWSER}] media back ${Math.round(performance.now() - broken)} ms after ICE reported the break, ${Math.round(performance.now() - relayBack)} ms after the relay was back${renewed}`);
      expect(ended, 'no side ended the call').to.deep.equal([]);
      expect([a.calls.map(c => c.id), b.calls.map(c => c.id)], 'the same call, one line each').to.deep.equal(calls);
      expect([a.callState, b.callState]).to.deep.equal(['connected', 'connected']);
      expect(a.muted, "1012's microphone still muted").to.deep.equal({ audio: true, video: false });
      // The new session offered to open the DTLS handshake itself, and the relay let it.
      if (renewed) expect(farEndSetup(a.peerConnection), 'the relay answers passive').to.deep.equal(['passive']);
      // Hold and resume go on working over whatever session the call is in now.
      expect(a.hold()).to.equal(true);
      await waitFor(() => a.callState === 'held' && !!b.currentCall?.remoteHeld, 'held');
      expect(a.unhold()).to.equal(true);
      await waitFor(() => a.callState === 'connected', '1012 resumes');
      await mediaFlows(() => a.peerConnection, 'video', '1012 after resume');
      await mediaFlows(() => b.peerConnection, 'video', '1013 after resume');
      a.hangup();
      await Promise.all([idle(a), idle(b)]);
      expect([a.history.length, b.history.length], 'one call in each history').to.deep.equal(history.map(n => n + 1));
    });

    it('when the media relay stays away, the call ends with media-error', async () => {
      const saved = { ...ICE_RECOVERY };
      Object.assign(ICE_RECOVERY, { restartTimeoutMs: 2000, giveUpMs: 5000 }); // shorter than in real use
      try {
        const [a, b] = await inCall('1012', '1013');
        a.rejoinWithin = 0; // no far end's page to wait for: ICE_RECOVERY.giveUpMs applies
        const ended = nextEvent<{ reason: string; originator: string }>(a, 'fs-call-ended', 30000);
        await server('stop-relay');
        expect((await ended).detail).to.include({ reason: 'media-error', originator: 'local' });
        await Promise.all([idle(a), idle(b)]);
      } finally {
        Object.assign(ICE_RECOVERY, saved);
      }
    });
  }
});
