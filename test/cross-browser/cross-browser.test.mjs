// Cross-browser calls: a Chromium page (user 1000) and a Firefox ESR page (user 1010) call each
// other in both directions through the running SIP server (FS_TARGET: kamailio or relayed), and
// both sides must decode video and receive audio, read from getStats(). Run by test/run.mjs
// inside its loopback-only namespace while the target's servers are up.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser } from '../servers/browsers.mjs';
import { until } from '../servers/wait.mjs';
import { RTPENGINE_PORTS } from '../servers/harness.mjs';
import { startStaticServer } from '../../dev/start.mjs';

const TARGET = process.env.FS_TARGET || 'kamailio';
const HTTP_PORT = 8101;
const PAGE = `http://127.0.0.1:${HTTP_PORT}/test/cross-browser/page.html`;

/** One browser with one registered phone. */
async function openPhone(kind, user) {
  const browser = await launchBrowser(kind);
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', err => errors.push(err.message ?? String(err)));
  await page.goto(PAGE);
  const run = (method, ...args) => page.evaluate((m, a) => window.cross[m](...a), method, args);
  await run('mount', user);
  return { kind, user, browser, errors, run };
}

/** Both sides' inbound video frames and audio bytes grow over `ms`. */
async function mediaGrows(side, label) {
  const first = await until(() => side.run('media'), `${label}: stats`);
  await until(async () => {
    const now = await side.run('media');
    return now && now.videoFrames > first.videoFrames + 5 && now.videoBytes > first.videoBytes && now.audioBytes > first.audioBytes + 1000;
  }, `${label}: video frames and audio arrive`);
  return side.run('media');
}

describe(`cross-browser calls through ${TARGET}`, { timeout: 120000 }, () => {
  let http;
  let chromium;
  let firefox;

  before(async () => {
    http = await startStaticServer({ port: HTTP_PORT, served: ['dist', 'test'] });
    [chromium, firefox] = await Promise.all([openPhone('chromium', '1000'), openPhone('firefox', '1010')]);
  });

  after(async () => {
    await Promise.all([chromium?.browser.close(), firefox?.browser.close()]);
    http?.close();
  });

  for (const [from, to] of [['chromium', 'firefox'], ['firefox', 'chromium']]) {
    it(`${from} calls ${to}: both decode video and receive audio`, async () => {
      const caller = from === 'chromium' ? chromium : firefox;
      const callee = from === 'chromium' ? firefox : chromium;
      await callee.run('autoAnswer', true);
      await callee.run('watch');
      assert.equal(await caller.run('call', callee.user), true, 'call() accepted');
      await until(async () => (await caller.run('state')).call === 'connected' && (await callee.run('state')).call === 'connected', 'both connected');
      const [atCaller, atCallee] = await Promise.all([mediaGrows(caller, `${from} (caller)`), mediaGrows(callee, `${to} (callee)`)]);
      const frameMs = await until(() => caller.run('firstFrameMs'), 'first remote frame at the caller');
      console.log(`[${TARGET}] ${from} → ${to}: dial → first remote video frame at the caller ${frameMs} ms`);

      if (TARGET === 'relayed') {
        // The media goes through rtpengine: each side's selected pair ends in its port range.
        for (const [side, m] of [[from, atCaller], [to, atCallee]]) {
          assert.ok(m.remotePort >= RTPENGINE_PORTS[0] && m.remotePort <= RTPENGINE_PORTS[1], `${side}: remote end ${m.remotePort} is rtpengine's`);
        }
      } else {
        // Peer to peer: each side's remote end is the other browser's local one.
        assert.equal(atCaller.remotePort, atCallee.localPort, 'caller talks straight to the callee');
        assert.equal(atCallee.remotePort, atCaller.localPort, 'callee talks straight to the caller');
      }

      await caller.run('hangup');
      await until(async () => (await caller.run('state')).call === 'idle' && (await callee.run('state')).call === 'idle', 'both idle again');
      await callee.run('autoAnswer', false);
      assert.deepEqual([...chromium.errors, ...firefox.errors], [], 'nothing thrown into either page');
    });
  }
});
