import { expect } from '@open-wc/testing';
import { ICE_RECOVERY } from '../src/sip/phone.js';
import { TARGET, idle, mediaFlows, nextEvent, part, phone, server, sleep, unmountAll, waitFor } from './helpers.js';

interface DevStats {
  registers: number;
}

describe(`server outage (${TARGET})`, function () {
  this.timeout(40000);
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

  it("the window's online event reconnects at once instead of waiting for the next back-off step", async () => {
    const a = await phone('1012');
    await server('stop');
    await waitFor(() => a.registrationState === 'connecting', 'connecting');
    await sleep(4000); // by now the back-off waits up to 3 s between attempts
    await server('start');
    const back = performance.now();
    window.dispatchEvent(new Event('online'));
    await waitFor(() => a.registrationState === 'registered', 'registered right after online', 1200);
    console.log(`[${TARGET}] registered ${Math.round(performance.now() - back)} ms after 'online'`);
  });

  it('a call goes on through a signalling outage, and hanging up afterwards reaches the peer', async () => {
    const a = await phone('1012');
    const b = await phone('1013', { autoAnswer: true });
    await a.call('1013');
    await waitFor(() => a.callState === 'connected' && b.callState === 'connected', 'connected');

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

  if (TARGET === 'relayed') {
    it('when the media relay dies and comes back, an ICE restart brings the media back', async () => {
      const a = await phone('1012');
      const b = await phone('1013', { autoAnswer: true });
      await a.call('1013');
      await waitFor(() => a.callState === 'connected' && b.callState === 'connected', 'connected');
      await mediaFlows(a.peerConnection!, 'video', '1012 before');
      const pc = a.peerConnection!;

      await server('stop-relay');
      await waitFor(() => pc.iceConnectionState === 'disconnected' || pc.iceConnectionState === 'failed', 'ICE notices', 15000);
      const broken = performance.now();
      await server('start-relay');
      await waitFor(() => pc.iceConnectionState === 'connected' || pc.iceConnectionState === 'completed', 'ICE restarted', 20000);
      await mediaFlows(pc, 'video', '1012 after the restart');
      await mediaFlows(b.peerConnection!, 'video', '1013 after the restart');
      console.log(`[relayed] media back ${Math.round(performance.now() - broken)} ms after ICE reported the break`);
      expect(a.callState).to.equal('connected');
      a.hangup();
      await Promise.all([idle(a), idle(b)]);
    });

    it('when the media relay stays away, the call ends with media-error', async () => {
      const saved = { ...ICE_RECOVERY };
      Object.assign(ICE_RECOVERY, { restartTimeoutMs: 2000, maxRestarts: 1 }); // shorter than in real use
      try {
        const a = await phone('1012');
        const b = await phone('1013', { autoAnswer: true });
        await a.call('1013');
        await waitFor(() => a.callState === 'connected' && b.callState === 'connected', 'connected');
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
