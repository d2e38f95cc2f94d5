// `npm run screenshot`: the demo page in a call, in English and in Chinese, saved as
// docs/screenshot.png and docs/screenshot.zh-CN.png (the README shows them). Runs the development
// SIP server and the demo's static server on loopback, inside a loopback-only network namespace,
// and Chromium with its fake camera (the moving test pattern is what the phones show).
import { enterLoopbackNamespace } from '../test/servers/netns.mjs';

enterLoopbackNamespace(import.meta.url);

const { startSipServer } = await import('./sip-server.mjs');
const { startStaticServer } = await import('./start.mjs');
const { launchBrowser } = await import('../test/servers/browsers.mjs');
const { until } = await import('../test/servers/wait.mjs');

const PORT = 8104;
const sip = await startSipServer({ host: '127.0.0.1', port: 5066 });
const web = await startStaticServer({ port: PORT });
const browser = await launchBrowser('chromium');
const shots = [];
try {
  for (const [lang, file] of [['en', 'docs/screenshot.png'], ['zh-CN', 'docs/screenshot.zh-CN.png']]) {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900, deviceScaleFactor: 1 });
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    await page.goto(`http://127.0.0.1:${PORT}/demo/`);
    await page.evaluate(l => (document.documentElement.lang = l), lang);
    const state = id => page.evaluate(i => document.getElementById(i).callState, id);
    const registered = () => page.evaluate(() => ['phone-1000', 'phone-1001'].every(id => document.getElementById(id).registrationState === 'registered'));
    await until(registered, 'the demo phones register');
    await page.evaluate(() => document.getElementById('phone-1000').call('1001'));
    await until(async () => (await state('phone-1001')) === 'incoming', '1001 rings');
    await page.evaluate(() => document.getElementById('phone-1001').answer());
    await until(async () => (await state('phone-1000')) === 'connected', 'connected');
    // A line of chat, and a moment for both pictures to settle.
    await page.evaluate(l => document.getElementById('phone-1000').sendMessage(l === 'en' ? 'Can you see me?' : '能看到我吗？'), lang);
    await page.evaluate(() => ['phone-1000', 'phone-1001'].forEach(id => (document.getElementById(id).panel = 'chat')));
    await new Promise(r => setTimeout(r, 2500));
    const phones = await page.$('.phones');
    await phones.screenshot({ path: new URL(`../${file}`, import.meta.url).pathname });
    shots.push(file);
    await page.evaluate(() => document.getElementById('phone-1000').hangup());
    await page.close();
  }
  console.log(`Saved ${shots.join(', ')}`);
} finally {
  await browser.close();
  web.close();
  await sip.close();
}
