import { expect, fixture, html } from '@open-wc/testing';
import type { FsVideoPhone } from '../src/index.js';
import { SIP_DOMAIN, SIP_WS, mount, nextEvent, part, phone, unmountAll, waitFor, watchPageErrors } from './helpers.js';

describe('registration', () => {
  afterEach(unmountAll);

  it('registers against the SIP server and reflects the state', async () => {
    const el = await phone('1002');
    expect(el.getAttribute('registration-state')).to.equal('registered');
    expect(el.getAttribute('call-state')).to.equal('idle');
    expect(part(el, 'registration').textContent).to.contain('Registered');
    // The header names whose phone it is: the display name, else the user.
    expect(part(el, 'identity').textContent).to.equal(el.displayName || '1002');
    el.displayName = '';
    await el.updateComplete;
    expect(part(el, 'identity').textContent).to.equal('1002');
  });

  it('keeps the password out of the DOM, attributes and events', async () => {
    const events: string[] = [];
    const el = document.createElement('fs-video-phone') as FsVideoPhone;
    for (const n of ['fs-registered', 'fs-error', 'fs-registration-failed']) el.addEventListener(n, e => events.push(JSON.stringify((e as CustomEvent).detail)));
    el.setAttribute('sip-uri', `sip:1003@${SIP_DOMAIN}`);
    el.setAttribute('ws-url', SIP_WS);
    el.setAttribute('password', 'secret-1234-x');
    document.body.append(el);
    try {
      expect(el.hasAttribute('password')).to.equal(false);
      expect(el.outerHTML).not.to.contain('secret-1234-x');
      await waitFor(() => el.registrationState !== 'connecting', 'registration settles');
      expect(el.shadowRoot!.innerHTML).not.to.contain('secret-1234-x');
      expect(events.join()).not.to.contain('secret-1234-x');
    } finally {
      el.remove();
    }
  });

  it('a wrong password fails with auth-failed', async () => {
    const el = await fixture<FsVideoPhone>(html`<fs-video-phone sip-uri="sip:1004@${SIP_DOMAIN}" ws-url=${SIP_WS}></fs-video-phone>`);
    const failed = nextEvent<{ reason: string; status?: number }>(el, 'fs-registration-failed');
    const error = nextEvent<{ code: string }>(el, 'fs-error');
    el.password = 'wrong';
    const e = await failed;
    expect(e.detail.reason).to.equal('auth-failed');
    expect(e.detail.status).to.equal(403);
    expect((await error).detail.code).to.equal('auth-failed');
    await el.updateComplete;
    expect(el.getAttribute('registration-state')).to.equal('failed');
    expect(part(el, 'error').textContent).to.match(/password/i);
  });
});

describe('bad input never throws into the page', () => {
  const thrown = watchPageErrors();

  const cases: Array<{ name: string; attrs: Record<string, string>; code: string }> = [
    { name: 'sip-uri="nonsense"', attrs: { 'sip-uri': 'nonsense', 'ws-url': SIP_WS, password: '1234' }, code: 'invalid-sip-uri' },
    { name: 'ws-url="http://x"', attrs: { 'sip-uri': `sip:1009@${SIP_DOMAIN}`, 'ws-url': 'http://x', password: '1234' }, code: 'invalid-ws-url' },
    { name: 'no password', attrs: { 'sip-uri': `sip:1009@${SIP_DOMAIN}`, 'ws-url': SIP_WS }, code: 'missing-password' },
    { name: 'ice-servers="garbage"', attrs: { 'sip-uri': `sip:1009@${SIP_DOMAIN}`, 'ws-url': SIP_WS, password: '1234', 'ice-servers': 'garbage' }, code: 'invalid-ice-servers' },
    { name: 'dtmf-mode="loud"', attrs: { 'sip-uri': `sip:1009@${SIP_DOMAIN}`, 'ws-url': SIP_WS, password: '1234', 'dtmf-mode': 'loud' }, code: 'invalid-option' },
  ];
  for (const c of cases) {
    it(`${c.name} → fs-error ${c.code} and a visible error`, async () => {
      const el = document.createElement('fs-video-phone') as FsVideoPhone;
      const error = nextEvent<{ code: string; message: string }>(el, 'fs-error');
      for (const [k, v] of Object.entries(c.attrs)) el.setAttribute(k, v);
      mount(el);
      const e = await error;
      expect(e.detail.code).to.equal(c.code);
      expect(e.detail.message).to.be.a('string').and.not.contain('1234');
      await el.updateComplete;
      expect(el.getAttribute('registration-state')).to.equal('failed');
      expect(part(el, 'error').textContent!.trim()).to.equal(e.detail.message);
      // Methods on an unusable phone report, they do not throw.
      const callError = nextEvent<{ code: string }>(el, 'fs-error');
      expect(await el.call('1001')).to.equal(false);
      expect((await callError).detail.code).to.equal('not-configured');
      expect(el.hangup()).to.equal(false);
      expect(thrown).to.deep.equal([]);
    });
  }

  it('fixing the attribute clears the error and registers', async () => {
    const el = document.createElement('fs-video-phone') as FsVideoPhone;
    el.setAttribute('sip-uri', 'nonsense');
    el.setAttribute('ws-url', SIP_WS);
    el.setAttribute('password', '1234');
    mount(el);
    await waitFor(() => el.registrationState === 'failed', 'fails first');
    el.sipUri = `sip:1009@${SIP_DOMAIN}`;
    await waitFor(() => el.registrationState === 'registered', 'registers after the fix');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part~="error"]')).to.equal(null);
  });

  it('an empty or garbage target, answer() without a call, and a second call give codes', async () => {
    const el = await phone('1009');
    const codes: string[] = [];
    el.addEventListener('fs-error', e => codes.push(e.detail.code));
    expect(await el.call('')).to.equal(false);
    expect(await el.call('no spaces allowed')).to.equal(false);
    expect(await el.answer()).to.equal(false);
    expect(el.decline()).to.equal(false);
    expect(el.hold()).to.equal(false);
    expect(el.sendDtmf('1')).to.equal(false);
    expect(codes).to.deep.equal(['invalid-target', 'invalid-target', 'no-incoming-call', 'no-incoming-call', 'no-call', 'no-call']);
    expect(thrown).to.deep.equal([]);
  });
});
