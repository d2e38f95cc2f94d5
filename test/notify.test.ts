import { expect } from '@open-wc/testing';
import type { FsVideoPhone } from '../src/index.js';
import { idle, nextEvent, part, phone, waitFor, watchPageErrors } from './helpers.js';

/** Stands in for the browser's Notification: records what is shown and asked. */
class FakeNotification {
  static permission: NotificationPermission = 'default';
  static asked = 0;
  static shown: FakeNotification[] = [];
  static requestPermission(): Promise<NotificationPermission> {
    FakeNotification.asked++;
    FakeNotification.permission = 'granted';
    return Promise.resolve('granted');
  }
  closed = false;
  onclick: (() => void) | null = null;
  constructor(
    readonly title: string,
    readonly options: NotificationOptions,
  ) {
    FakeNotification.shown.push(this);
  }
  close(): void {
    this.closed = true;
  }
}

describe('desktop notifications', function () {
  this.timeout(40000);
  watchPageErrors();
  const real = { Notification: window.Notification, focus: window.focus };
  let hidden = false;
  let focused = 0;

  before(() => {
    Object.assign(window, { Notification: FakeNotification, focus: () => focused++ });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
  });
  after(() => {
    Object.assign(window, real);
    delete (document as { hidden?: boolean }).hidden;
  });

  async function ring(a: FsVideoPhone, b: FsVideoPhone): Promise<void> {
    const ringing = nextEvent(b, 'fs-incoming-call');
    await a.call('1001');
    await ringing;
  }

  it('with notify: the bell asks for permission on a click, never on load; a call ringing in a hidden tab shows one, and a click on it focuses the page', async () => {
    const [a, b] = await Promise.all([phone('1000'), phone('1001')]);
    b.notify = true;
    await b.updateComplete;
    const bell = part(b, 'notify-button');
    expect(FakeNotification.asked, 'not asked on load').to.equal(0);
    expect(bell.getAttribute('aria-pressed')).to.equal('false');
    // One name; the pressed state and the title say whether notifications are on.
    expect(bell.getAttribute('aria-label')).to.equal('Call notifications');
    expect(bell.title).to.equal('Turn on call notifications');
    bell.click();
    await waitFor(() => bell.getAttribute('aria-pressed') === 'true', 'the bell shows notifications on');
    expect(bell.getAttribute('aria-label')).to.equal('Call notifications');
    expect(bell.title).to.equal('Call notifications are on');
    expect(FakeNotification.asked).to.equal(1);

    // Visible tab: no notification.
    await ring(a, b);
    a.hangup();
    await Promise.all([idle(a), idle(b)]);
    expect(FakeNotification.shown).to.deep.equal([]);

    hidden = true;
    await ring(a, b);
    expect(FakeNotification.shown.length).to.equal(1);
    const n = FakeNotification.shown[0];
    expect(n.title).to.equal('Incoming call');
    expect(n.options.body).to.equal('User 1000\n1000@127.0.0.1');
    n.onclick!();
    expect(focused).to.equal(1);
    expect(n.closed).to.equal(true);
    a.hangup();
    await Promise.all([idle(a), idle(b)]);

    // Closed when the call stops ringing: answered here, or cancelled.
    await ring(a, b);
    const second = FakeNotification.shown[1];
    expect(second.closed).to.equal(false);
    await b.answer();
    expect(second.closed).to.equal(true);
    b.hangup();
    await Promise.all([idle(a), idle(b)]);
    await ring(a, b);
    a.hangup();
    await waitFor(() => FakeNotification.shown[2]?.closed === true, 'closed on cancel');
    await Promise.all([idle(a), idle(b)]);

    // Without notify: no bell and no notification.
    b.notify = false;
    await b.updateComplete;
    expect(b.shadowRoot!.querySelector('[part~="notify-button"]')).to.equal(null);
    await ring(a, b);
    expect(FakeNotification.shown.length).to.equal(3);
    a.hangup();
    await Promise.all([idle(a), idle(b)]);
    hidden = false;
  });
});
