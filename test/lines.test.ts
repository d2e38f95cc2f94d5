import { expect } from '@open-wc/testing';
import type { FsVideoPhone } from '../src/index.js';
import { BROWSER, TARGET, connect, idle, inbound, nextEvent, part, phone, waitFor, watchPageErrors } from './helpers.js';

const URI = (user: string) => `sip:${user}@127.0.0.1`;

/** Video frames decoded on `pc` go up within a couple of seconds. */
async function decodes(pc: RTCPeerConnection, label: string): Promise<void> {
  const before = (await inbound(pc, 'video')).framesDecoded;
  await waitFor(async () => (await inbound(pc, 'video')).framesDecoded > before + 5, `${label} decodes video`);
}

/** No video frame is decoded on `pc` for a while (the line is on hold). */
async function silent(pc: RTCPeerConnection, label: string): Promise<void> {
  // Let frames already in flight when the hold took effect drain first.
  await waitFor(async () => {
    const a = (await inbound(pc, 'video')).framesDecoded;
    await new Promise(resolve => setTimeout(resolve, 1000));
    return (await inbound(pc, 'video')).framesDecoded === a;
  }, `${label} stops decoding while held`);
}

/** Waits until `el`'s active call is with `user`, connected, and the other line is with `held`, on hold by us. */
async function activeIs(el: FsVideoPhone, user: string, held: string): Promise<void> {
  await waitFor(
    () => el.calls.length === 2 && el.currentCall?.remote === URI(user) && el.callState === 'connected' && el.heldCall?.remote === URI(held) && el.heldCall.held,
    `${el.id} talks to ${user} while ${held} waits on hold`,
  );
}

describe('two lines: call waiting and swap (1000 with 1001 and 1002)', function () {
  this.timeout(60000);
  watchPageErrors();

  it('a second call waits with three choices; hold & answer; swap both ways, media on the active line only', async () => {
    const [a, b, c] = await Promise.all([phone('1000'), phone('1001'), phone('1002')]);
    await connect(b, a, '1000');
    const ringing = nextEvent<{ callId: string; from: string }>(a, 'fs-incoming-call');
    expect(await c.call('1000')).to.equal(true);
    const ring = await ringing;
    expect(ring.detail.from).to.equal(URI('1002'));
    await a.updateComplete;
    expect(part(a, 'incoming').getAttribute('aria-label')).to.equal('Call waiting');
    expect(part(a, 'answer-button').textContent).to.match(/hold & answer/i);
    expect(part(a, 'end-answer-button').textContent).to.match(/end & answer/i);
    expect(part(a, 'decline-button').getAttribute('aria-label')).to.equal('Decline');
    expect(a.calls.map(call => call.state)).to.deep.equal(['connected', 'incoming']);
    await expect(a).to.be.accessible();

    part(a, 'answer-button').click();
    await activeIs(a, '1002', '1001');
    await waitFor(() => !!b.currentCall?.remoteHeld, '1001 is told it is held');
    const [withB, withC] = a.calls;
    expect(withC.id).to.equal(ring.detail.callId);
    const pcC = a.peerConnection!;
    await decodes(pcC, '1000 ← 1002');
    await a.updateComplete;
    expect(part(a, 'held-call').textContent).to.contain('User 1001');
    await expect(a).to.be.accessible();

    // Swap by clicking the held line: 1001 is back, 1002 waits.
    const swapped = performance.now();
    part(a, 'held-call').click();
    await activeIs(a, '1001', '1002');
    expect(a.currentCall!.id).to.equal(withB.id);
    const pcB = a.peerConnection!;
    expect(pcB).not.to.equal(pcC);
    await decodes(pcB, '1000 ← 1001 after the swap');
    console.log(`[${TARGET}/${BROWSER}] swap click → the resumed line decodes again: ${Math.round(performance.now() - swapped)} ms`);
    await silent(pcC, '1000 ← 1002 after the swap');
    await waitFor(() => !!c.currentCall?.remoteHeld && !b.currentCall?.remoteHeld, 'the far ends know who is held');

    // And back, from script.
    expect(a.swap()).to.equal(true);
    await activeIs(a, '1002', '1001');
    await decodes(pcC, '1000 ← 1002 after swapping back');
    await silent(pcB, '1000 ← 1001 after swapping back');

    // Hanging up the active call brings the held one back, still held, until resumed.
    const ended = nextEvent<{ callId: string; reason: string }>(a, 'fs-call-ended');
    expect(a.hangup()).to.equal(true);
    expect((await ended).detail.callId).to.equal(withC.id);
    await waitFor(() => a.calls.length === 1 && a.callState === 'held', 'the held call is the active one again');
    expect(a.unhold()).to.equal(true);
    await waitFor(() => a.callState === 'connected', 'resumed');
    await decodes(a.peerConnection!, '1000 ← 1001 resumed');
    a.hangup();
    await Promise.all([idle(a), idle(b), idle(c)]);
  });

  it('End & answer hangs up the current call and answers the waiting one', async () => {
    const [a, b, c] = await Promise.all([phone('1000'), phone('1001'), phone('1002')]);
    await connect(b, a, '1000');
    const ringing = nextEvent(a, 'fs-incoming-call');
    await c.call('1000');
    await ringing;
    await a.updateComplete;
    part(a, 'end-answer-button').click();
    await idle(b);
    await waitFor(() => a.calls.length === 1 && a.currentCall?.remote === URI('1002') && a.callState === 'connected', '1000 talks to 1002 only');
    await decodes(a.peerConnection!, '1000 ← 1002');
    a.hangup();
    await Promise.all([idle(a), idle(c)]);
  });

  it('max-calls="1" answers a second caller with 486 and keeps the call', async () => {
    const [a, b, c] = await Promise.all([phone('1000'), phone('1001'), phone('1002')]);
    a.setAttribute('max-calls', '1');
    await a.updateComplete;
    await connect(b, a, '1000');
    const ended = nextEvent<{ reason: string; status?: number }>(c, 'fs-call-ended');
    let rang = 0;
    a.addEventListener('fs-incoming-call', () => rang++);
    await c.call('1000');
    expect((await ended).detail).to.include({ reason: 'busy', status: 486 });
    expect(rang).to.equal(0);
    expect(a.calls.length).to.equal(1);
    expect(a.callState).to.equal('connected');
    // No room for a call of its own either.
    const error = nextEvent<{ code: string }>(a, 'fs-error');
    expect(await a.call('1002')).to.equal(false);
    expect((await error).detail.code).to.equal('busy');
    a.hangup();
    await Promise.all([idle(a), idle(b)]);
  });
});

describe('hold collisions', function () {
  this.timeout(60000);
  watchPageErrors();

  it('both ends holding at the same moment (491 glare) keeps the call and ends up held both ways; both resume', async () => {
    const [a, b] = await Promise.all([phone('1000'), phone('1001')]);
    await connect(a, b, '1001');
    const ended: string[] = [];
    for (const el of [a, b]) el.addEventListener('fs-call-ended', e => ended.push(`${el.id}: ${e.detail.reason}`));
    expect(a.hold()).to.equal(true);
    expect(b.hold()).to.equal(true);
    await waitFor(() => a.callState === 'held' && b.callState === 'held' && !!a.currentCall?.remoteHeld && !!b.currentCall?.remoteHeld, 'held both ways');
    expect(a.unhold()).to.equal(true);
    expect(b.unhold()).to.equal(true);
    await waitFor(() => a.callState === 'connected' && b.callState === 'connected' && !a.currentCall?.remoteHeld && !b.currentCall?.remoteHeld, 'resumed both ways', 20000);
    await decodes(a.peerConnection!, '1000 ← 1001 resumed');
    await decodes(b.peerConnection!, '1001 ← 1000 resumed');
    expect(ended, 'no call was dropped').to.deep.equal([]);
    a.hangup();
    await Promise.all([idle(a), idle(b)]);
  });
});
