import { expect } from '@open-wc/testing';
import { TARGET, idle, mediaFlows, nextEvent, part, phone, server, sleep, unmountAll, waitFor } from './helpers.js';

interface DevStats {
  registers: number;
  openSockets: number;
}

describe(`server outage (${TARGET})`, function () {
  this.timeout(40000);
  afterEach(async () => {
    await server('start'); // whatever happened, the next test has a server
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
});
