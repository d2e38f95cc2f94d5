import { expect } from '@open-wc/testing';
import { render, html } from 'lit';
import type { FsVideoPhone } from '../src/index.js';
import { connect, idle, nextEvent, part, phone, waitFor, watchPageErrors, realEndedState } from './helpers.js';

interface Ended {
  reason: string;
  status?: number;
  originator: string;
}

/** `el`'s call-status text and reason right after its call ended. */
async function endedAs(el: FsVideoPhone, ended: Promise<CustomEvent<Ended>>): Promise<{ reason: string; text: string }> {
  const e = await ended;
  await el.updateComplete;
  expect(el.callState).to.equal('ended');
  const status = part(el, 'call-status');
  expect(status.dataset.reason, 'the shown reason is the event reason').to.equal(e.detail.reason);
  return { reason: e.detail.reason, text: status.textContent!.trim() };
}

describe('why a call ended, on screen', function () {
  this.timeout(40000);
  watchPageErrors();
  realEndedState();

  it('declined, cancelled and missed each say so', async () => {
    const [a, b] = await Promise.all([phone('1000'), phone('1001')]);
    let ringing = nextEvent(b, 'fs-incoming-call');
    await a.call('1001');
    await ringing;
    let endedA = nextEvent<Ended>(a, 'fs-call-ended');
    b.decline();
    expect(await endedAs(a, endedA)).to.deep.equal({ reason: 'rejected', text: 'Call declined' });
    await Promise.all([idle(a), idle(b)]);

    ringing = nextEvent(b, 'fs-incoming-call');
    await a.call('1001');
    await ringing;
    endedA = nextEvent<Ended>(a, 'fs-call-ended');
    const endedB = nextEvent<Ended>(b, 'fs-call-ended');
    a.hangup();
    expect(await endedAs(a, endedA)).to.deep.equal({ reason: 'canceled', text: 'Call cancelled' });
    expect(await endedAs(b, endedB)).to.deep.equal({ reason: 'canceled', text: 'Missed call' });
  });

  it('hung up while ringing out just as the far end answers: its answer, crossing the cancel, is ended at both ends at once', async () => {
    const [a, b] = await Promise.all([phone('1000'), phone('1001')]);
    const ringing = nextEvent(b, 'fs-incoming-call');
    await a.call('1001');
    await ringing;
    await waitFor(() => a.callState === 'ringing', 'ringing out (a provisional answer came)');
    // The callee's 200 OK has just left when it reports the call up: the caller hangs up before
    // that answer reaches it, so its CANCEL and the answer cross.
    b.addEventListener('fs-call-connected', () => a.hangup(), { once: true });
    const endedA = nextEvent<Ended>(a, 'fs-call-ended');
    const endedB = nextEvent<Ended>(b, 'fs-call-ended');
    await b.answer();
    expect((await endedA).detail).to.include({ reason: 'canceled', originator: 'local' });
    // Long before the callee would give up waiting for an ACK (32 s): the caller acknowledged the answer and said BYE.
    expect((await endedB).detail).to.include({ reason: 'hangup', originator: 'remote' });
    await Promise.all([idle(a), idle(b)]);
  });

  it('busy, not found, not available and no answer each say so', async () => {
    const [a, b, c] = await Promise.all([phone('1002'), phone('1003'), phone('1004')]);
    b.maxCalls = 1;
    await b.updateComplete;
    await connect(c, b, '1003');
    let ended = nextEvent<Ended>(a, 'fs-call-ended');
    await a.call('1003');
    expect(await endedAs(a, ended)).to.deep.equal({ reason: 'busy', text: 'Busy' });
    c.hangup();
    await idle(a);

    ended = nextEvent<Ended>(a, 'fs-call-ended');
    await a.call('1999');
    expect(await endedAs(a, ended)).to.deep.equal({ reason: 'not-found', text: 'Number not found' });
    await idle(a);

    ended = nextEvent<Ended>(a, 'fs-call-ended');
    await a.call('1018'); // a known user, not registered: 480
    expect(await endedAs(a, ended)).to.deep.equal({ reason: 'unavailable', text: 'Not available' });
    await idle(a);

    a.noAnswerTimeout = 1;
    await a.updateComplete;
    ended = nextEvent<Ended>(a, 'fs-call-ended');
    await a.call('1003');
    expect(await endedAs(a, ended)).to.deep.equal({ reason: 'no-answer', text: 'No answer' });
    await Promise.all([idle(a), idle(b)]);
  });

  it('while a call rings in, Call is disabled and call() refuses; no "Ready" without registration', async () => {
    const [a, b] = await Promise.all([phone('1005'), phone('1006')]);
    const ringing = nextEvent(b, 'fs-incoming-call');
    await a.call('1006');
    await ringing;
    await b.updateComplete;
    expect((part(b, 'call-button') as HTMLButtonElement).disabled).to.equal(true);
    const error = nextEvent<{ code: string }>(b, 'fs-error');
    expect(await b.call('1005')).to.equal(false);
    expect((await error).detail.code).to.equal('busy');
    expect(b.calls).to.have.length(1);
    a.hangup();
    await Promise.all([idle(a), idle(b)]);

    const div = document.createElement('div');
    document.body.append(div);
    render(html`<fs-video-phone sip-uri="sip:1007@127.0.0.1" ws-url="ws://127.0.0.1:5066" password="wrong" no-preview></fs-video-phone>`, div);
    const el = div.firstElementChild as FsVideoPhone;
    await waitFor(() => el.registrationState === 'failed', 'registration fails');
    await el.updateComplete;
    expect(part(el, 'registration').textContent).to.match(/Registration failed/);
    expect(part(el, 'call-status').textContent!.trim()).to.equal('');
    div.remove();
  });
});
