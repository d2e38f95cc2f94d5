import { expect } from '@open-wc/testing';
import type { FsVideoPhone, HistoryEntry } from '../src/index.js';
import { idle, mount, nextEvent, part, phone, waitFor, watchPageErrors, SIP_DOMAIN, SIP_WS, PASSWORD } from './helpers.js';

const KEY = `fs-video-phone-history:1002@${SIP_DOMAIN}`;

/** `a` calls `b`, which rings; resolves once it does. */
async function ring(a: FsVideoPhone, b: FsVideoPhone, user: string): Promise<void> {
  const ringing = nextEvent(b, 'fs-incoming-call');
  await a.call(user);
  await ringing;
}

/** A phone for 1002 keeping its history in localStorage (the `history` attribute). */
async function storingPhone(): Promise<FsVideoPhone> {
  const el = document.createElement('fs-video-phone');
  Object.assign(el, { sipUri: `sip:1002@${SIP_DOMAIN}`, wsUrl: SIP_WS, password: PASSWORD, noPreview: true, noPersist: true });
  el.setAttribute('history', '');
  mount(el);
  await waitFor(() => el.registrationState === 'registered', '1002 registers');
  return el;
}

describe('call history', function () {
  this.timeout(40000);
  watchPageErrors();
  afterEach(() => localStorage.removeItem(KEY));

  it('records each call with direction, peer, time, duration and how it ended; missed calls are marked and counted until seen', async () => {
    const [a, b] = await Promise.all([phone('1000'), phone('1001')]);
    const t0 = Date.now();
    await ring(a, b, '1001');
    b.decline();
    await Promise.all([idle(a), idle(b)]);
    await ring(a, b, '1001');
    a.hangup();
    await Promise.all([idle(a), idle(b)]);
    await ring(a, b, '1001');
    await b.answer();
    await waitFor(() => a.callState === 'connected', 'connected');
    await new Promise(r => setTimeout(r, 1100));
    b.hangup();
    await Promise.all([idle(a), idle(b)]);

    const pick = (e: HistoryEntry) => [e.direction, e.peer, e.reason, e.missed];
    expect(a.history.map(pick)).to.deep.equal([
      ['outgoing', `sip:1001@${SIP_DOMAIN}`, 'hangup', false],
      ['outgoing', `sip:1001@${SIP_DOMAIN}`, 'canceled', false],
      ['outgoing', `sip:1001@${SIP_DOMAIN}`, 'rejected', false],
    ]);
    expect(b.history.map(pick)).to.deep.equal([
      ['incoming', `sip:1000@${SIP_DOMAIN}`, 'hangup', false],
      ['incoming', `sip:1000@${SIP_DOMAIN}`, 'canceled', true],
      ['incoming', `sip:1000@${SIP_DOMAIN}`, 'rejected', false],
    ]);
    expect(b.history[0].durationMs).to.be.within(1000, 5000);
    expect(b.history[1].durationMs).to.equal(0);
    expect(b.history[2].startedAt).to.be.within(t0, Date.now());
    expect(b.history[0].displayName).to.equal('User 1000');

    // One missed call: a badge on the history button until the list is opened.
    expect(b.missedCalls).to.equal(1);
    await b.updateComplete;
    expect(part(b, 'missed-badge').textContent).to.equal('1');
    expect(part(b, 'history-button').getAttribute('aria-label')).to.equal('Recent calls, 1 missed');
    part(b, 'history-button').click();
    await b.updateComplete;
    await b.updateComplete;
    expect(b.missedCalls).to.equal(0);
    expect(b.shadowRoot!.querySelector('[part~="missed-badge"]')).to.equal(null);
    const rows = [...b.shadowRoot!.querySelectorAll<HTMLElement>('[part~="history-entry"]')];
    expect(rows.map(r => r.dataset.reason)).to.deep.equal(['hangup', 'canceled', 'rejected']);
    expect(rows[1].part.contains('history-missed')).to.equal(true);
    expect(rows[1].textContent).to.contain('Missed call');
    expect(rows[0].textContent).to.contain('00:01').and.contain('User 1000');
    expect(rows[2].textContent).to.contain('Call declined');
    await expect(b).to.be.accessible();

    // Redial from the list.
    const back = nextEvent<{ from: string }>(a, 'fs-incoming-call');
    rows[0].querySelector<HTMLElement>('[part~="redial-button"]')!.click();
    expect((await back).detail.from).to.equal(`sip:1001@${SIP_DOMAIN}`);
    b.hangup();
    await Promise.all([idle(a), idle(b)]);
    expect(b.history[0]).to.include({ direction: 'outgoing', peer: `sip:1000@${SIP_DOMAIN}`, reason: 'canceled' });
    // Kept in memory only: nothing stored without the `history` attribute.
    expect(Object.keys(localStorage).filter(k => k.startsWith('fs-video-phone-history'))).to.deep.equal([]);
  });

  it('with the history attribute, keeps up to 100 calls in localStorage per account; clearHistory() forgets them', async () => {
    const old = Array.from({ length: 100 }, (_, i) => ({
      id: `old-${i}`, direction: 'outgoing', peer: `sip:1003@${SIP_DOMAIN}`, displayName: '', startedAt: Date.now() - 100000 - i, durationMs: 0, reason: 'busy', missed: false,
    }));
    localStorage.setItem(KEY, JSON.stringify({ seenAt: 0, entries: old }));
    const [c, b] = await Promise.all([storingPhone(), phone('1001')]);
    expect(c.history.length).to.equal(100);
    await ring(c, b, '1001');
    b.decline();
    await Promise.all([idle(c), idle(b)]);
    const stored = JSON.parse(localStorage.getItem(KEY)!);
    expect(stored.entries.length).to.equal(100);
    expect(stored.entries[0]).to.include({ direction: 'outgoing', peer: `sip:1001@${SIP_DOMAIN}`, reason: 'rejected' });
    expect(stored.entries[99].id).to.equal('old-98');

    // The same account in a new element reads it back.
    c.remove();
    const again = await storingPhone();
    expect(again.history[0]).to.deep.equal(stored.entries[0]);
    again.clearHistory();
    expect(again.history).to.deep.equal([]);
    expect(JSON.parse(localStorage.getItem(KEY)!).entries).to.deep.equal([]);
  });

  it('unreadable stored history is set aside: the phone starts an empty one and keeps working', async () => {
    localStorage.setItem(KEY, '{"entries": [broken');
    const [c, b] = await Promise.all([storingPhone(), phone('1001')]);
    expect(c.history).to.deep.equal([]);
    await ring(c, b, '1001');
    b.decline();
    await Promise.all([idle(c), idle(b)]);
    expect(c.history.map(e => e.reason)).to.deep.equal(['rejected']);
    expect(JSON.parse(localStorage.getItem(KEY)!).entries.length).to.equal(1);
  });
});

describe('the order of the recent calls', () => {
  it('newest first by the time shown (when each call began), not by when it ended', async () => {
    const { CallHistory } = await import('../src/elements/video-phone/history/call-history.js');
    const list = new CallHistory();
    const end = (callId: string, startedAt: number) =>
      list.add({ callId, direction: 'outgoing', remote: `sip:${callId}@${SIP_DOMAIN}`, displayName: callId, startedAt, reason: 'hangup', originator: 'local', durationMs: 1000 });
    // A short call made during a long one ends first; the long one, begun earlier, stays below it.
    end('short', 2000);
    end('long', 1000);
    end('later', 3000);
    expect(list.entries.map(e => e.id)).to.deep.equal(['later', 'short', 'long']);
  });
});
