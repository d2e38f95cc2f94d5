import { expect, fixture, html } from '@open-wc/testing';
import type { FsVideoPhone } from '../src/index.js';
import { SIP_DOMAIN, SIP_WS, nextEvent, part, phone, unmountAll, waitFor } from './helpers.js';

describe('registration', () => {
  afterEach(unmountAll);

  it('registers against the SIP server and reflects the state', async () => {
    const el = await phone('1002');
    expect(el.getAttribute('registration-state')).to.equal('registered');
    expect(el.getAttribute('call-state')).to.equal('idle');
    expect(part(el, 'registration').textContent).to.contain('Registered');
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
