// A real browser without WebRTC: Debian's WebKitGTK (built without it), on a virtual display,
// driven over WebDriver. The phone and the call button render and pass axe; the phone registers,
// says it cannot make video calls (Call disabled, fs-error webrtc-unsupported, call() refused),
// and exchanges chat messages with a phone in Chromium; the call button's view says the same
// instead of calling. Run by test/run.mjs (the development server's target) in its namespace.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser } from '../servers/browsers.mjs';
import { launchWebKit } from '../servers/webkit.mjs';
import { until } from '../servers/wait.mjs';
import { startStaticServer } from '../../dev/start.mjs';

const HTTP_PORT = 8103;
const PAGE = `http://127.0.0.1:${HTTP_PORT}/test/webkit/page.html`;

describe('WebKitGTK: a browser without WebRTC', { timeout: 120000 }, () => {
  let http;
  let webkit;
  let chromium;
  let peer;

  before(async () => {
    http = await startStaticServer({ port: HTTP_PORT, served: ['dist', 'test', 'node_modules'] });
    webkit = await launchWebKit({ port: 4455 });
    await webkit.goto(PAGE);
    chromium = await launchBrowser('chromium');
    peer = await chromium.newPage();
    await peer.goto(PAGE);
  });

  after(async () => {
    await webkit?.close();
    await chromium?.close();
    http?.close();
  });

  const state = () => webkit.run(() => window.page.state());

  it('the phone and the call button render, pass axe, and the phone registers and says why it cannot call', async () => {
    await webkit.run(() => window.page.mount('1014', true));
    const s = await until(async () => {
      const now = await state();
      return now.registration === 'registered' && now.unsupported ? now : null;
    }, 'registered, with the reason shown');
    assert.equal(s.webrtc, 'undefined', 'this WebKit has no RTCPeerConnection');
    assert.equal(s.unsupported, 'This browser cannot make video calls');
    assert.equal(s.callDisabled, true, 'Call is disabled');
    assert.equal(s.button, 'Video call', 'the call button renders');
    assert.ok(s.errors.includes('webrtc-unsupported'), 'fs-error webrtc-unsupported');
    assert.deepEqual(await webkit.run(() => window.page.axe()), [], 'axe finds nothing');
    assert.equal(await webkit.run(() => window.page.call('1015')), false, 'call() refuses');
    assert.equal((await state()).errors.filter(e => e === 'webrtc-unsupported').length >= 2, true, 'and says why');
  });

  it('exchanges chat messages with a phone in Chromium', async () => {
    await peer.evaluate(() => window.page.mount('1015', false));
    await until(() => peer.evaluate(() => window.page.state().registration === 'registered'), 'the Chromium phone registers');
    assert.equal(await webkit.run(() => window.page.send('1015', 'from WebKit, in words')), true, 'sent from WebKit');
    await until(() => peer.evaluate(() => window.page.state().messages.some(m => m.body === 'from WebKit, in words')), 'Chromium receives it');
    assert.equal(await peer.evaluate(() => window.page.send('1014', '来自 Chromium 的回复')), true, 'sent from Chromium');
    await until(async () => (await state()).messages.some(m => m.body === '来自 Chromium 的回复'), 'WebKit receives the reply');
  });

  it('the call button opens its view and says why instead of calling; nothing is thrown', async () => {
    await webkit.run(() => window.page.press());
    const s = await until(async () => {
      const now = await state();
      return now.view && now.viewSays ? now : null;
    }, 'the view says why');
    assert.equal(s.viewSays, 'This browser cannot make video calls');
    assert.deepEqual(await webkit.run(() => window.page.axe()), [], 'axe finds nothing with the view open');
    await webkit.run(() => window.page.close());
    assert.deepEqual((await state()).errors.filter(e => e.startsWith('thrown') || e.startsWith('rejected')), [], 'nothing thrown into the page');
  });
});
