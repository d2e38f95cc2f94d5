import { expect } from '@open-wc/testing';
import type { FsVideoPhone } from '../src/index.js';
import { SIP_DOMAIN, SIP_WS, idle, mediaFlows, mount, nextEvent, part, phone, unmountAll, waitFor, watchPageErrors } from './helpers.js';

/** A phone as a public page puts it: no SIP URI, no password, a guest with a name. */
async function guest(name = 'Visitor'): Promise<FsVideoPhone> {
  const el = document.createElement('fs-video-phone') as FsVideoPhone;
  el.setAttribute('ws-url', SIP_WS);
  el.setAttribute('guest', '');
  el.setAttribute('display-name', name);
  el.setAttribute('no-preview', '');
  el.setAttribute('no-persist', '');
  mount(el);
  await waitFor(() => el.registrationState === 'guest', 'connected as a guest');
  await el.updateComplete;
  return el;
}

describe('guest calls (no account, no registration)', function () {
  this.timeout(60000);
  watchPageErrors();
  afterEach(unmountAll);

  it('a guest calls a number open to guests: video both ways, the callee sees the name, nothing of an account shows', async () => {
    const callee = await phone('1000', { autoAnswer: true });
    const g = await guest('Visitor from the web');
    expect(g.getAttribute('registration-state')).to.equal('guest');
    expect(part(g, 'registration').textContent).to.contain('Guest');
    expect(g.shadowRoot!.querySelector('[part~="chat-button"]'), 'no chat: it needs an account').to.equal(null);
    expect(g.shadowRoot!.querySelector('[part~="identity"]')!.textContent).to.equal('Visitor from the web');
    expect((part(g, 'call-button') as HTMLButtonElement).disabled, 'Call is there to press').to.equal(false);
    await expect(g).to.be.accessible();

    const ringing = nextEvent<{ displayName: string; from: string }>(callee, 'fs-incoming-call');
    expect(await g.call('1000')).to.equal(true);
    const incoming = (await ringing).detail;
    expect(incoming.displayName).to.equal('Visitor from the web');
    expect(incoming.from, 'an anonymous guest, not an account').to.match(/^sip:guest@anonymous\.invalid/);
    await waitFor(() => g.callState === 'connected' && callee.callState === 'connected', 'connected');
    await mediaFlows(g.peerConnection!, 'video', 'the guest sees 1000');
    await mediaFlows(callee.peerConnection!, 'video', '1000 sees the guest');
    const ended = nextEvent<{ reason: string; originator: string }>(callee, 'fs-call-ended');
    g.hangup();
    expect((await ended).detail).to.include({ reason: 'hangup', originator: 'remote' });
    await Promise.all([idle(g), idle(callee)]);
  });

  it('a guest calling any other number is refused with words of its own, and that phone never rings', async () => {
    const other = await phone('1001');
    let rang = 0;
    other.addEventListener('fs-incoming-call', () => rang++);
    const g = await guest();
    const ended = nextEvent<{ reason: string; status?: number }>(g, 'fs-call-ended');
    expect(await g.call('1001')).to.equal(true);
    expect((await ended).detail).to.include({ reason: 'not-for-guests', status: 403 });
    await g.updateComplete;
    expect(part(g, 'call-status').textContent).to.equal('This number does not take calls from the web');
    expect(rang, 'never rang').to.equal(0);
    expect(g.registrationState, 'still ready for the next call').to.equal('guest');
  });

  it('a guest never sends credentials, even with a password set, and sends no REGISTER', async () => {
    const el = document.createElement('fs-video-phone') as FsVideoPhone;
    el.setAttribute('sip-uri', `sip:1002@${SIP_DOMAIN}`);
    el.setAttribute('ws-url', SIP_WS);
    el.setAttribute('guest', '');
    el.password = '1234';
    mount(el);
    await waitFor(() => el.registrationState === 'guest', 'a guest, not registered');
    const ended = nextEvent<{ reason: string }>(el, 'fs-call-ended');
    await el.call('1001');
    expect((await ended).detail.reason, 'refused as a guest, not authenticated as 1002').to.equal('not-for-guests');
    expect(el.registrationState).to.equal('guest');
  });
});
