import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { OVERLAYS } from '../src/index.js';
import type { FsVideoPhone } from '../src/index.js';
import { BROWSER, nextEvent, part, phone, idle, waitFor, watchPageErrors } from './helpers.js';

const background = (el: FsVideoPhone) => getComputedStyle(part(el, 'base')).backgroundColor;
const WHITE = 'rgb(255, 255, 255)';
const NAVY = 'rgb(15, 23, 42)';

describe('theming', function () {
  this.timeout(30000);
  watchPageErrors();
  after(() => emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' }).catch(() => {}));

  it('theme="light" and theme="dark" fix the colours; without it the page setting decides', async () => {
    const el = await fixture<FsVideoPhone>(html`<fs-video-phone no-preview theme="light"></fs-video-phone>`);
    expect(background(el)).to.equal(WHITE);
    el.setAttribute('theme', 'dark');
    expect(background(el)).to.equal(NAVY);
    el.removeAttribute('theme');
    try {
      await emulateMedia({ colorScheme: 'dark' });
    } catch (err) {
      // Firefox over WebDriver BiDi cannot emulate media features here; Chromium runs this part.
      expect(BROWSER, `emulateMedia failed: ${(err as Error).message}`).to.equal('firefox');
      console.log(`theming: prefers-color-scheme not emulated in ${BROWSER}`);
      return;
    }
    expect(background(el), 'prefers-color-scheme: dark').to.equal(NAVY);
    await emulateMedia({ colorScheme: 'light' });
    expect(background(el), 'prefers-color-scheme: light').to.equal(WHITE);
    // The video area stays dark in a light theme: its placeholder text must read on black.
    expect(getComputedStyle(part(el, 'placeholder')).color).to.equal('rgb(148, 163, 184)');
  });

  it("a page's ::part() rule and --fs-* token reach inside the shadow DOM", async () => {
    const style = document.createElement('style');
    style.textContent = `#styled { --fs-accent: rgb(1, 2, 3); --fs-accent-foreground: rgb(7, 8, 9); --fs-radius: 3px }
      #styled::part(call-button) { outline: 3px solid rgb(4, 5, 6) }`;
    document.head.append(style);
    try {
      const el = await fixture<FsVideoPhone>(html`<fs-video-phone id="styled" no-preview></fs-video-phone>`);
      const call = getComputedStyle(part(el, 'call-button'));
      expect(call.backgroundColor, 'token').to.equal('rgb(1, 2, 3)');
      expect(call.color, 'token').to.equal('rgb(7, 8, 9)');
      expect(call.outlineColor, '::part()').to.equal('rgb(4, 5, 6)');
      expect(getComputedStyle(part(el, 'base')).borderTopLeftRadius).to.equal('3px');
    } finally {
      style.remove();
    }
  });

  it("prefers-reduced-motion stops the ringing banner's pulse", async () => {
    const a = await phone('1018');
    const b = await phone('1019');
    const ringing = nextEvent(b, 'fs-incoming-call');
    await a.call('1019');
    await ringing;
    await b.updateComplete;
    expect(getComputedStyle(part(b, 'incoming')).animationName).to.equal('ring');
    let emulated = true;
    await emulateMedia({ reducedMotion: 'reduce' }).catch((err: Error) => {
      expect(BROWSER, `emulateMedia failed: ${err.message}`).to.equal('firefox');
      emulated = false;
    });
    if (emulated) await waitFor(() => getComputedStyle(part(b, 'incoming')).animationName === 'none', 'no pulse');
    a.hangup();
    await Promise.all([idle(a), idle(b)]);
  });

  it('in a call the overlays fade while the pointer rests, come back on a move, stay while focus is in them, and stay with reduced motion', async () => {
    const calmAfter = OVERLAYS.calmAfterMs;
    OVERLAYS.calmAfterMs = 300;
    // Motion allowed (the test above asked for less); Firefox cannot emulate either way.
    await emulateMedia({ reducedMotion: 'no-preference' }).catch(() => {});
    try {
      const a = await phone('1018');
      const b = await phone('1019', { autoAnswer: true });
      await a.call('1019');
      await waitFor(() => a.callState === 'connected', 'connected');
      await a.updateComplete;
      const bar = part(a, 'controls');
      const shown = () => getComputedStyle(bar).pointerEvents !== 'none';
      await waitFor(() => !shown(), 'the controls fade while the pointer rests');
      part(a, 'base').dispatchEvent(new PointerEvent('pointermove', { bubbles: true, composed: true }));
      await waitFor(shown, 'a move brings them back');
      await waitFor(() => !shown(), 'and they fade again');
      // A keyboard user arrives: the focus on Mute (a key pressed there brings the overlays back).
      part(a, 'mute-button').focus();
      await sendKeys({ press: 'Shift' });
      await waitFor(shown, 'the keyboard brings them back');
      await new Promise(r => setTimeout(r, 3 * OVERLAYS.calmAfterMs));
      expect(shown(), 'focus inside keeps them').to.equal(true);
      part(a, 'mute-button').blur();
      await waitFor(() => !shown(), 'faded once focus left');
      let emulated = true;
      await emulateMedia({ reducedMotion: 'reduce' }).catch(() => (emulated = false));
      if (emulated) {
        await waitFor(shown, 'reduced motion: they stay');
        await emulateMedia({ reducedMotion: 'no-preference' });
      }
      a.hangup();
      await Promise.all([idle(a), idle(b)]);
    } finally {
      OVERLAYS.calmAfterMs = calmAfter;
    }
  });
});
