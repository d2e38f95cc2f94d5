import { expect } from '@open-wc/testing';
import type { FsVideoPhone } from '../src/index.js';
import { SIP_WS, inbound, loadFrame, mediaFlows, mount, nextEvent, part, phone, sleep, unmountAll, waitFor, watchPageErrors } from './helpers.js';

// Short-lived credentials from the page's back end: the test runner's /credentials stands in for
// it (web-test-runner.config.mjs; dev/credentials.mjs issues them), and the SIP server (the
// development server, or Kamailio with auth_ephemeral) checks them with the shared secret.

interface Issued {
  username: string;
  password: string;
  expires: number;
}

/** How often the back end was asked under `key`. */
const asked = async (key: string): Promise<number> => (await (await fetch(`/credentials/count?key=${key}`)).json()).asked;

/** Credentials as the back end issues them to a visitor signed in as `user`. */
async function issue(user: string, ttl: number): Promise<Issued> {
  document.cookie = `fs-visitor=${user}; path=/`;
  return (await fetch(`/credentials?ttl=${ttl}`)).json();
}

/** A phone with no sip-uri and no password, only where its credentials come from. */
function credentialPhone(source: string | (() => Promise<unknown>)): FsVideoPhone {
  const el = document.createElement('fs-video-phone') as FsVideoPhone;
  el.setAttribute('ws-url', SIP_WS);
  el.setAttribute('no-preview', '');
  el.setAttribute('no-persist', '');
  if (typeof source === 'string') el.setAttribute('credentials-url', source);
  else (el as unknown as { credentials: unknown }).credentials = source;
  return mount(el);
}

/** Every text a page or a person could read of `el`: its markup, and every shadow root's inside it. */
function everything(el: Element): string {
  let out = el.outerHTML;
  for (const node of [el, ...el.querySelectorAll('*')]) if (node.shadowRoot) out += everything(node.shadowRoot as unknown as Element) + node.shadowRoot.innerHTML;
  return out;
}

describe('short-lived credentials (credentials-url, credentials)', function () {
  this.timeout(90000);
  watchPageErrors();
  afterEach(() => {
    unmountAll();
    document.cookie = 'fs-visitor=; path=/; max-age=0';
  });

  it('keeps the credentials out of the DOM, attributes, events, logs (with the SIP trace on) and storage', async () => {
    const issued = await issue('1006', 60);
    const secret = issued.password;
    // A page of its own, with JsSIP's trace of every SIP message on and its console kept.
    const frame = await loadFrame(new URL('./fixtures/traced.html', import.meta.url));
    const win = frame.contentWindow as Window & { logged: string[] };
    const doc = frame.contentDocument!;
    const el = doc.createElement('fs-video-phone') as FsVideoPhone;
    const seen: string[] = [];
    for (const n of ['fs-registered', 'fs-error', 'fs-registration-failed', 'fs-call-started', 'fs-call-ended']) el.addEventListener(n, e => seen.push(JSON.stringify((e as CustomEvent).detail ?? null)));
    el.setAttribute('ws-url', SIP_WS);
    el.setAttribute('no-preview', '');
    (el as unknown as { credentials: unknown }).credentials = async () => ({ ...issued });
    doc.body.append(el);
    try {
      await waitFor(() => el.registrationState === 'registered', 'registered');
      const callee = await phone('1001', { autoAnswer: true });
      expect(await el.call('1001')).to.equal(true);
      await waitFor(() => el.callState === 'connected', 'connected');
      el.hangup();
      await waitFor(() => callee.callState === 'idle', 'hung up');
      const storage = [win.localStorage, win.sessionStorage].flatMap(s => Object.keys(s).map(k => `${k}=${s.getItem(k)}`)).join('\n');
      expect(win.logged.filter(l => l.includes('REGISTER sip:')).length, 'the SIP trace was on').to.be.greaterThan(0);
      expect(win.logged.join('\n')).not.to.contain(secret);
      expect(seen.join('\n')).not.to.contain(secret);
      expect(everything(doc.documentElement)).not.to.contain(secret);
      expect(storage).not.to.contain(secret);
      expect([...el.attributes].map(a => a.value).join()).not.to.contain(secret);
    } finally {
      frame.remove();
    }
  });

  it('registers with what the back end gives the signed-in visitor, renews it before it expires, and a call goes on through the renewals', async () => {
    document.cookie = 'fs-visitor=1005; path=/';
    const failures: string[] = [];
    // Four seconds' worth each time: a new set every 3.2 s.
    const el = credentialPhone('/credentials?ttl=4&key=renew');
    for (const n of ['fs-registration-failed', 'fs-unregistered', 'fs-error']) el.addEventListener(n, e => failures.push(`${n} ${JSON.stringify((e as CustomEvent).detail)}`));
    await waitFor(() => el.registrationState === 'registered', 'registered with the issued credentials');
    await el.updateComplete;
    expect(part(el, 'identity').textContent, 'the user the credentials name').to.equal('1005');

    const callee = await phone('1001', { autoAnswer: true });
    expect(await el.call('1001')).to.equal(true);
    await waitFor(() => el.callState === 'connected', 'connected');
    const pc = el.peerConnection!;
    await mediaFlows(pc, 'video', '1005 sees 1001');
    // Two renewals during the call, so the first credentials have run out meanwhile.
    const before = await asked('renew');
    await waitFor(async () => (await asked('renew')) >= before + 2, 'renewed twice during the call', 20000);
    const frames = (await inbound(pc, 'video')).framesDecoded;
    await waitFor(async () => (await inbound(pc, 'video')).framesDecoded > frames + 10, 'video still decoding after the renewals');
    expect(el.callState).to.equal('connected');
    expect(callee.callState).to.equal('connected');
    // A renewal re-registers with the new credentials at once: the server still has us.
    await waitFor(() => el.registrationState === 'registered', 'registered after the renewals');
    expect(failures, 'no failure, no unregistration').to.deep.equal([]);
    el.hangup();
  });

  it('a failed fetch shows and says so (credentials-failed), and is retried until it works', async () => {
    document.cookie = 'fs-visitor=1007; path=/';
    const el = document.createElement('fs-video-phone') as FsVideoPhone;
    const error = nextEvent<{ code: string; message: string }>(el, 'fs-error');
    el.setAttribute('ws-url', SIP_WS);
    el.setAttribute('credentials-url', '/credentials?fail=2&key=retry');
    mount(el);
    const e = (await error).detail;
    expect(e.code).to.equal('credentials-failed');
    expect(e.message).to.contain('HTTP 503');
    await el.updateComplete;
    expect(el.getAttribute('registration-state')).to.equal('failed');
    expect(part(el, 'error').textContent).to.contain('Could not get sign-in details');
    // Retried after 2 s, then 4 s: the third answer is good.
    await waitFor(() => el.registrationState === 'registered', 'registered after the retries', 20000);
    expect(await asked('retry')).to.equal(3);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part~="error"]'), 'the error is gone').to.equal(null);
  });

  it('an answer without a password, a throwing function and expired credentials fail visibly, nothing thrown', async () => {
    const codes: string[] = [];
    const bad = credentialPhone(async () => ({ username: '1008' }));
    bad.addEventListener('fs-error', e => codes.push((e as CustomEvent).detail.code));
    const throwing = credentialPhone(async () => {
      throw new SyntaxError('{"password":"do-not-show-me"} is not JSON');
    });
    // Already run out (a Unix time in the past): refused before anything is sent, not fetched again every second.
    let pastAsked = 0;
    const past = credentialPhone(async () => (pastAsked++, { username: '1008', password: 'x', expires: Math.floor(Date.now() / 1000) - 60 }));
    // A user name JsSIP cannot put in a header.
    const unusable = credentialPhone(async () => ({ username: '10"08', password: 'x' }));
    const expired = await issue('1009', -30);
    const late = credentialPhone(async () => ({ username: expired.username, password: expired.password }));
    const failed = nextEvent<{ reason: string }>(late, 'fs-registration-failed');
    await waitFor(() => codes.length > 0 && throwing.registrationState === 'failed', 'both failed');
    expect(codes[0]).to.equal('credentials-failed');
    await Promise.all([bad.updateComplete, throwing.updateComplete]);
    expect(part(bad, 'error').textContent).to.contain('cannot be used');
    expect(part(throwing, 'error').textContent, 'the kind of error, not what came').to.contain('(SyntaxError)').and.not.contain('do-not-show-me');
    expect((await failed).detail.reason, 'the server refuses expired credentials').to.equal('auth-failed');
    await waitFor(() => past.registrationState === 'failed' && unusable.registrationState === 'failed', 'run-out and unusable credentials fail visibly');
    await Promise.all([past.updateComplete, unusable.updateComplete]);
    expect(part(past, 'error').textContent).to.contain('cannot be used');
    expect(part(unusable, 'error').textContent!.trim()).to.not.equal('');
    // Asked again only after the back-off (2, 4, 8 s apart), not every second.
    const asked0 = pastAsked;
    await sleep(3000);
    expect(pastAsked - asked0, 'at most one more ask in 3 s').to.be.at.most(1);
  });
});
