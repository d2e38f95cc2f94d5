import { expect } from '@open-wc/testing';
import type { FsVideoPhone } from '../src/index.js';
import { BROWSER, TARGET, connect, idle, mediaFlows, nextEvent, part, phone, waitFor, watchPageErrors } from './helpers.js';

const URI = (user: string) => `sip:${user}@127.0.0.1`;

interface Transfer {
  callId: string;
  target: string;
  state: string;
  status?: number;
  replaces?: string;
}

/** Every `fs-transfer` event of `el`, in order. */
function transfers(el: FsVideoPhone): Transfer[] {
  const seen: Transfer[] = [];
  el.addEventListener('fs-transfer', e => seen.push((e as CustomEvent<Transfer>).detail));
  return seen;
}

/** Every `fs-call-ended` reason of `el`, in order. */
function endings(el: FsVideoPhone): string[] {
  const seen: string[] = [];
  el.addEventListener('fs-call-ended', e => seen.push((e as CustomEvent<{ reason: string }>).detail.reason));
  return seen;
}

/** `a` and `c` are in one call with each other and nothing else, and see each other's video. */
async function talking(a: FsVideoPhone, aUser: string, c: FsVideoPhone, cUser: string): Promise<void> {
  await waitFor(() => a.calls.length === 1 && a.callState === 'connected' && a.currentCall?.remote === URI(cUser), `${aUser} talks to ${cUser}`);
  await waitFor(() => c.calls.length === 1 && c.callState === 'connected' && c.currentCall?.remote === URI(aUser), `${cUser} talks to ${aUser}`);
  await mediaFlows(a.peerConnection!, 'video', `${aUser} ← ${cUser}`);
  await mediaFlows(c.peerConnection!, 'video', `${cUser} ← ${aUser}`);
}

describe('transfers (1000 calls 1001, who passes the call on to 1002)', function () {
  this.timeout(60000);
  watchPageErrors();

  it('blind transfer from the Transfer button: 1000 and 1002 end up talking, 1001 is idle', async () => {
    const [a, b, c] = await Promise.all([phone('1000'), phone('1001'), phone('1002', { autoAnswer: true })]);
    await connect(a, b, '1001');
    const firstCall = a.currentCall!.id;
    const request = nextEvent<{ callId: string; target: string; referredBy: string }>(a, 'fs-transfer-request');
    const seen = transfers(b);
    const endedB = endings(b);
    const endedA = endings(a);
    // What 1001's status line says when its call ends.
    let shown = '';
    b.addEventListener('fs-call-ended', () => b.updateComplete.then(() => (shown = part(b, 'call-status').textContent!.trim())), { once: true });

    await b.updateComplete;
    part(b, 'transfer-button').click();
    await b.updateComplete;
    const input = part(b, 'transfer-input') as HTMLInputElement;
    expect(b.shadowRoot!.activeElement, 'the number field has the focus').to.equal(input);
    await expect(b).to.be.accessible();
    input.value = '1002';
    input.dispatchEvent(new InputEvent('input'));
    await b.updateComplete;
    const started = performance.now();
    part(b, 'transfer-submit-button').click();

    expect((await request).detail).to.deep.equal({ callId: firstCall, target: URI('1002'), referredBy: URI('1001') });
    await talking(a, '1000', c, '1002');
    console.log(`[${TARGET}/${BROWSER}] blind transfer: Transfer pressed → 1000 and 1002 decoding each other: ${Math.round(performance.now() - started)} ms`);
    await idle(b);
    expect(seen.map(t => t.state)).to.deep.equal(['trying', 'accepted', 'succeeded']);
    expect(seen[0]).to.deep.include({ target: URI('1002') });
    expect(endedB).to.deep.equal(['transferred']);
    expect(endedA).to.deep.equal(['transferred']);
    expect(shown).to.equal('Call transferred');
    a.hangup();
    await Promise.all([idle(a), idle(c)]);
  });

  it('attended transfer: 1001 consults 1002 on a second line, then Complete transfer connects 1000 and 1002', async () => {
    const [a, b, c] = await Promise.all([phone('1000'), phone('1001'), phone('1002')]);
    await connect(a, b, '1001');
    const heldId = b.currentCall!.id;
    // The consultation call: the first one goes on hold by itself.
    const ringC = nextEvent(c, 'fs-incoming-call');
    expect(await b.call('1002')).to.equal(true);
    await ringC;
    await c.updateComplete;
    part(c, 'answer-button').click();
    await waitFor(() => b.calls.length === 2 && b.callState === 'connected' && b.heldCall?.id === heldId && b.heldCall.held, '1001 consults 1002, 1000 waits');
    const consultId = b.currentCall!.id;
    await mediaFlows(b.peerConnection!, 'video', '1001 ← 1002');
    let rang = 0;
    c.addEventListener('fs-incoming-call', () => rang++);
    const seen = transfers(b);
    const endedB = endings(b);

    await b.updateComplete;
    expect(part(b, 'complete-transfer-button').getAttribute('aria-label')).to.contain('User 1000');
    const started = performance.now();
    part(b, 'complete-transfer-button').click();
    await talking(a, '1000', c, '1002');
    console.log(`[${TARGET}/${BROWSER}] attended transfer: Complete transfer pressed → 1000 and 1002 decoding each other: ${Math.round(performance.now() - started)} ms`);
    await idle(b);
    expect(rang, '1002 did not ring again').to.equal(0);
    expect(seen.map(t => t.state)).to.deep.equal(['trying', 'accepted', 'succeeded']);
    expect(seen[0]).to.deep.equal({ callId: heldId, target: URI('1002'), state: 'trying', replaces: consultId });
    expect(endedB.sort()).to.deep.equal(['transferred', 'transferred']);
    a.hangup();
    await Promise.all([idle(a), idle(c)]);
  });

  it('a transfer to a number that does not exist fails with its status and leaves the call up, resumed', async () => {
    const [a, b] = await Promise.all([phone('1000'), phone('1001')]);
    await connect(a, b, '1001');
    const seen = transfers(b);
    expect(b.transfer('1999')).to.equal(true);
    await waitFor(() => seen.some(t => t.state === 'failed'), 'the transfer fails');
    expect(seen.map(t => t.state)).to.deep.equal(['trying', 'accepted', 'failed']);
    expect(seen[2].status).to.equal(404);
    await waitFor(() => b.callState === 'connected' && a.callState === 'connected' && !a.currentCall?.remoteHeld, 'the call is up and resumed');
    expect(a.calls.length).to.equal(1);
    await b.updateComplete;
    expect(part(b, 'notice').textContent).to.match(/transfer to 1999 failed \(404\)/i);
    await mediaFlows(b.peerConnection!, 'video', '1001 ← 1000 after the failed transfer');
    await mediaFlows(a.peerConnection!, 'video', '1000 ← 1001 after the failed transfer');
    a.hangup();
    await Promise.all([idle(a), idle(b)]);
  });

  it('a page that cancels fs-transfer-request keeps its call; the transfer fails with 603', async () => {
    const [a, b] = await Promise.all([phone('1000'), phone('1001')]);
    await connect(a, b, '1001');
    a.addEventListener('fs-transfer-request', e => e.preventDefault(), { once: true });
    const seen = transfers(b);
    expect(b.transfer('1002')).to.equal(true);
    await waitFor(() => seen.some(t => t.state === 'failed'), 'the transfer fails');
    expect(seen.at(-1)!.status).to.equal(603);
    await waitFor(() => b.callState === 'connected' && a.callState === 'connected' && a.calls.length === 1, 'the call stays');
    a.hangup();
    await Promise.all([idle(a), idle(b)]);
  });
});
