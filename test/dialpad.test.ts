import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { FsDialpad, FsVideoPhone } from '../src/index.js';
import { SIP_DOMAIN, SIP_WS, nextEvent, part, phone, unmountAll, waitFor, idle } from './helpers.js';

describe('<fs-dialpad> on its own', () => {
  it('has a part on every key and on the display, and is accessible', async () => {
    const pad = await fixture<FsDialpad>(html`<fs-dialpad></fs-dialpad>`);
    for (const p of ['display', 'key-0', 'key-1', 'key-2', 'key-3', 'key-4', 'key-5', 'key-6', 'key-7', 'key-8', 'key-9', 'key-star', 'key-hash', 'backspace-button', 'call-button']) {
      expect(part(pad, p), p).to.be.instanceOf(HTMLElement);
    }
    expect(pad.shadowRoot!.querySelectorAll('[part~="key"]').length).to.equal(12);
    await expect(pad).to.be.accessible();
  });

  it('emits fs-dialpad-key and fs-dialpad-submit when no phone is linked', async () => {
    const pad = await fixture<FsDialpad>(html`<fs-dialpad></fs-dialpad>`);
    const keys: string[] = [];
    pad.addEventListener('fs-dialpad-key', e => keys.push(e.detail.key));
    for (const k of ['key-9', 'key-1', 'key-star', 'key-hash']) part(pad, k).click();
    await pad.updateComplete;
    part(pad, 'backspace-button').click();
    await pad.updateComplete;
    expect(keys).to.deep.equal(['9', '1', '*', '#']);
    expect(part(pad, 'display').textContent).to.equal('91*');
    const submit = nextEvent<{ value: string }>(pad, 'fs-dialpad-submit');
    part(pad, 'call-button').click();
    expect((await submit).detail.value).to.equal('91*');
  });

  it('takes typing from the keyboard when focused', async () => {
    const pad = await fixture<FsDialpad>(html`<fs-dialpad></fs-dialpad>`);
    pad.focus();
    await sendKeys({ type: '30x1#' });
    await sendKeys({ press: 'Backspace' });
    await pad.updateComplete;
    expect(pad.value).to.equal('301');
    const submit = nextEvent<{ value: string }>(pad, 'fs-dialpad-submit');
    await sendKeys({ press: 'Enter' });
    expect((await submit).detail.value).to.equal('301');
  });

  it('Enter on a focused key presses that key, on Delete deletes; + from the keyboard or a long press of 0', async () => {
    const pad = await fixture<FsDialpad>(html`<fs-dialpad></fs-dialpad>`);
    let submitted = 0;
    pad.addEventListener('fs-dialpad-submit', () => submitted++);
    part(pad, 'key-5').focus();
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Enter' });
    await pad.updateComplete;
    expect(pad.value, 'Enter presses the focused key').to.equal('55');
    part(pad, 'backspace-button').focus();
    await sendKeys({ press: 'Enter' });
    await pad.updateComplete;
    expect(pad.value, 'Enter on Delete deletes').to.equal('5');
    expect(submitted, 'nothing dialled').to.equal(0);
    pad.focus();
    await sendKeys({ type: '+4' });
    await pad.updateComplete;
    expect(pad.value).to.equal('5+4');
    pad.value = '';
    const zero = part(pad, 'key-0');
    zero.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    await new Promise(r => setTimeout(r, 800));
    zero.dispatchEvent(new PointerEvent('pointerup', { bubbles: true }));
    zero.click();
    zero.click();
    await pad.updateComplete;
    expect(pad.value, 'a long press types +, a short one 0').to.equal('+0');
    expect(pad.getAttribute('aria-label')).to.equal('Dialpad');
    pad.lang = 'zh-CN';
    await new Promise(r => setTimeout(r, 0));
    await pad.updateComplete;
    expect(pad.getAttribute('aria-label')).to.equal('拨号盘');
    expect(part(pad, 'backspace-button').getAttribute('aria-label')).to.equal('删除最后一位');
  });
});

describe('<fs-dialpad> linked to a phone (1007 → 1008)', function () {
  this.timeout(30000);
  after(unmountAll);

  it('links to its ancestor phone: types into its number field (no display of its own), its Call is the phone\'s, and it asks for a number when there is none', async () => {
    const callee = await phone('1008', { autoAnswer: true });
    const el = await fixture<FsVideoPhone>(html`<fs-video-phone sip-uri="sip:1007@${SIP_DOMAIN}" ws-url=${SIP_WS} password="1234">
      <fs-dialpad slot="dialpad"></fs-dialpad>
    </fs-video-phone>`);
    await waitFor(() => el.registrationState === 'registered', '1007 registers');
    const pad = el.querySelector('fs-dialpad')!;
    expect(pad.phone).to.equal(el);
    await pad.updateComplete;
    expect(pad.shadowRoot!.querySelector('[part~="display"]'), 'one number field: the phone\'s').to.equal(null);
    // Call with nothing to call: the phone says so and puts the focus in its field.
    part(pad, 'call-button').click();
    await waitFor(() => el.shadowRoot!.querySelector('[part~="notice"]')?.textContent?.includes('Enter a number'), 'asks for a number');
    await waitFor(() => el.shadowRoot!.activeElement === part(el, 'target-input'), 'the focus in the number field');
    expect(el.callState).to.equal('idle');
    for (const k of ['key-1', 'key-0', 'key-0', 'key-8']) part(pad, k).click();
    expect(el.target).to.equal('1008');
    await el.updateComplete;
    expect((part(el, 'target-input') as HTMLInputElement).value).to.equal('1008');
    part(pad, 'call-button').click();
    await waitFor(() => el.callState === 'connected' && callee.callState === 'connected', 'the dialed call connects');
    await waitFor(() => !part(pad, 'call-button').checkVisibility(), 'the keypad hides its call key during the call');
    await expect(pad).to.be.accessible();
    // In a call the keys send DTMF instead of editing the number.
    const sent = nextEvent<{ tone: string; direction: string }>(el, 'fs-dtmf');
    part(pad, 'key-5').click();
    expect((await sent).detail).to.deep.equal({ callId: el.currentCall!.id, tone: '5', direction: 'outgoing' });
    expect(pad.value).to.equal('1008');
    el.hangup();
    await Promise.all([idle(el), idle(callee)]);
    await pad.updateComplete;
    expect(pad.value, 'the number stays in the phone\'s field').to.equal(el.target);
    await waitFor(() => part(pad, 'call-button').checkVisibility(), 'the call key is back');
  });
});
