// Ringing under the browsers' autoplay rules: Chromium with
// --autoplay-policy=document-user-activation-required and Firefox with audible autoplay blocked
// hold the ringtone back until the person interacts with the page. The phone then shows its
// "Click to enable sound" control; a click on it, or anywhere on the page, starts the ringtone.
// Needs real input (puppeteer's mouse), so it drives the browsers directly. Run by test/run.mjs
// inside its loopback-only namespace while the development SIP server is up.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { launchBrowser } from '../servers/browsers.mjs';
import { until } from '../servers/wait.mjs';
import { startStaticServer } from '../../dev/start.mjs';

// The caller's page and the callee's come from different origins (ports): browsers let a site
// that uses the camera or microphone play sound in all its pages.
const CALLEE_PORT = 8102;
const CALLER_PORT = 8103;
const pageAt = port => `http://127.0.0.1:${port}/test/autoplay/page.html`;

/** A fresh page (no user activation yet) with a registered phone for `user`. */
async function openPage(browser, kind, user, port) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', err => errors.push(err.message ?? String(err)));
  await page.goto(pageAt(port));
  // Puppeteer's evaluate() counts as a user gesture (CDP userGesture, BiDi userActivation), which
  // would unlock the sound before the test clicks: the page is driven without one.
  const cdp = kind === 'chromium' ? await page.createCDPSession() : null;
  const run = async (method, ...args) => {
    const expression = `(async () => JSON.stringify(await window.autoplay[${JSON.stringify(method)}](...${JSON.stringify(args)})))()`;
    let text;
    if (cdp) {
      const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true, userGesture: false });
      if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
      text = result.value;
    } else {
      const result = await page.mainFrame().mainRealm().realm.evaluate(expression, true, { resultOwnership: 'none', userActivation: false });
      if (result.type === 'exception') throw new Error(result.exceptionDetails.text);
      text = result.result.value;
    }
    return text === undefined ? undefined : JSON.parse(text);
  };
  await run('mount', user);
  return { page, run, errors };
}

/** 1015 calls 1016; resolves once 1016 wants to ring and the browser has held the sound back. */
async function ringBlocked(caller, { run }) {
  await caller.run('call', '1015', '1016');
  await until(async () => (await run('state', '1016')).ringing === 'ringtone', 'the callee rings');
  let last;
  const held = await until(async () => {
    last = await run('state', '1016');
    return last.button && last;
  }, 'the "Click to enable sound" control appears').catch(err => {
    throw new Error(`${err.message}: ${JSON.stringify(last)}`);
  });
  assert.notEqual(held.audio, 'running', 'no sound before a gesture');
}

for (const kind of (process.env.FS_BROWSERS || 'chromium,firefox').split(',').map(b => b.trim())) {
  describe(`ringing in ${kind} with autoplay blocked`, { timeout: 90000 }, () => {
    let servers = [];
    let browser;

    before(async () => {
      servers = await Promise.all([CALLEE_PORT, CALLER_PORT].map(port => startStaticServer({ port, served: ['dist', 'test'] })));
    });

    after(() => servers.forEach(s => s.close()));

    // A browser of its own for each test: Firefox lets a site play sound once the person has
    // interacted with it, in any of its pages.
    afterEach(async () => {
      await browser?.close();
      browser = null;
    });

    for (const where of ['on the control', 'anywhere on the page']) {
      it(`shows "Click to enable sound"; a click ${where} starts the ringtone, which stops on cancel`, async () => {
        browser = await launchBrowser(kind, { autoplayBlocked: true });
        const caller = await openPage(browser, kind, '1015', CALLER_PORT);
        const callee = await openPage(browser, kind, '1016', CALLEE_PORT);
        await ringBlocked(caller, callee);
        const { x, y } = await callee.run('spot', where === 'on the control' ? '1016' : null);
        await callee.page.mouse.click(x, y);
        const after = await until(async () => {
          const s = await callee.run('state', '1016');
          return s.audio === 'running' && s;
        }, 'the ringtone sounds after the click');
        assert.equal(after.button, false, 'the control is gone');
        assert.equal(after.ringing, 'ringtone');
        await caller.run('hangup', '1015');
        await until(async () => (await callee.run('state', '1016')).ringing === null, 'ringing stops on cancel');
        assert.deepEqual([...callee.errors, ...caller.errors], []);
      });
    }
  });
}
