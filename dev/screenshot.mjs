// `npm run screenshot`: every state of <fs-video-phone> (idle, calling, incoming, connected, held,
// camera off, chat, settings, history, two lines, transfer, ended, errors) at 320, 360 and 1280 px,
// light and dark, English and Chinese, drawn by headless Chromium with its fake camera against the
// development SIP server, inside a loopback-only network namespace. Writes
// docs/screenshots/<state>-<width>-<theme>-<lang>.webp and docs/screenshots/index.html.
// Needs `npm run build` first (npm run screenshot does it). To look at a few states while working:
// FS_SHOT_STATES=chat,settings FS_SHOT_WIDTHS=320 FS_SHOT_LANGS=en FS_SHOT_THEMES=light
// FS_SHOT_TYPE=png FS_SHOT_DIR=/tmp/shots npm run screenshot.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { enterLoopbackNamespace } from '../test/servers/netns.mjs';

enterLoopbackNamespace(import.meta.url);

const { launchBrowser } = await import('../test/servers/browsers.mjs');
const { startTarget } = await import('../test/servers/harness.mjs');
const { startStaticServer } = await import('./start.mjs');

const list = (name, all) => process.env[name]?.split(',').filter(Boolean) ?? all;
const WIDTHS = list('FS_SHOT_WIDTHS', ['320', '360', '1280']).map(Number);
const THEMES = list('FS_SHOT_THEMES', ['light', 'dark']);
const LANGS = list('FS_SHOT_LANGS', ['en', 'zh-CN']);
const STATES = list('FS_SHOT_STATES', null);
const TYPE = process.env.FS_SHOT_TYPE === 'png' ? 'png' : 'webp';
const HTTP_PORT = 8102;
const out = process.env.FS_SHOT_DIR ? `${resolve(process.env.FS_SHOT_DIR)}/` : fileURLToPath(new URL('../docs/screenshots/', import.meta.url));

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const servers = await startTarget('dev', { turn: false });
const http = await startStaticServer({ port: HTTP_PORT, served: ['dist', 'dev'] });
const browser = await launchBrowser('chromium');
const shots = [];
const layout = {};
try {
  const page = await browser.newPage();
  page.on('pageerror', err => console.error('page error:', err.message));
  await page.setViewport({ width: 1400, height: 1000 });
  await page.goto(`http://127.0.0.1:${HTTP_PORT}/dev/gallery.html`);
  // Phones in boxes of their own; `ENDED_STATE` held long enough to draw the ended state.
  await page.evaluate(() => {
    const until = (check, what, ms = 15000) =>
      new Promise((resolve, reject) => {
        const end = performance.now() + ms;
        const poll = () => (check() ? resolve() : performance.now() > end ? reject(new Error(`timed out: ${what}`)) : setTimeout(poll, 50));
        poll();
      });
    const make = (user, attrs = {}) => {
      const box = document.createElement('div');
      box.className = 'box';
      const el = document.createElement('fs-video-phone');
      el.id = `phone-${user}`;
      el.setAttribute('sip-uri', `sip:${user}@127.0.0.1`);
      el.setAttribute('ws-url', 'ws://127.0.0.1:5066');
      el.setAttribute('password', attrs.password ?? '1234');
      el.setAttribute('display-name', attrs.name ?? `User ${user}`);
      box.append(el);
      document.body.append(box);
      return el;
    };
    window.gallery = { until, make };
  });

  /**
   * Rows of things besides the picture (lines of text, fields, buttons at one height count as one
   * row) and the far end's video's share of the phone: what a look at a state takes in.
   */
  function measure(id) {
    const el = document.getElementById(id);
    const root = el.shadowRoot;
    const stage = root.querySelector('[part~="stage"]');
    const shown = n => n.checkVisibility({ visibilityProperty: true }) && !stage?.contains(n) && !n.closest('.sr');
    const boxes = [...root.querySelectorAll('button, input, select')].filter(shown).map(n => n.getBoundingClientRect());
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const parent = t.parentElement;
      if (!t.textContent.trim() || !parent || parent.closest('button, select, style') || !shown(parent)) continue;
      const range = document.createRange();
      range.selectNodeContents(t);
      boxes.push(...range.getClientRects());
    }
    // A box whose middle is below the row so far starts a new row.
    let rows = 0;
    let bottom = -Infinity;
    for (const b of boxes.filter(b => b.width && b.height).sort((x, y) => x.top - y.top)) {
      if (b.top + b.height / 2 > bottom) {
        rows++;
        bottom = b.bottom;
      } else bottom = Math.max(bottom, b.bottom);
    }
    const video = root.querySelector('[part~="remote-video"]');
    const v = video && !video.hidden ? video.getBoundingClientRect() : null;
    const p = el.getBoundingClientRect();
    return { rows, video: v ? Math.round((100 * v.width * v.height) / (p.width * p.height)) : 0 };
  }

  /** Draws phone `id` in every width, theme and language as `state`. */
  async function draw(state, id) {
    if (STATES && !STATES.includes(state)) return;
    const el = await page.$(`#${id}`);
    for (const lang of LANGS)
      for (const theme of THEMES)
        for (const width of WIDTHS) {
          await page.evaluate(
            (id, width, theme, lang) => {
              const el = document.getElementById(id);
              document.documentElement.lang = lang;
              el.parentElement.style.width = `${width}px`;
              el.setAttribute('theme', theme);
              el.parentElement.style.background = theme === 'dark' ? '#020617' : '#e2e8f0';
              // The call's overlays as a person who just moved the pointer sees them.
              el.shadowRoot.querySelector('[part~="base"]').dispatchEvent(new PointerEvent('pointermove', { bubbles: true }));
              return new Promise(r => requestAnimationFrame(() => el.updateComplete.then(() => requestAnimationFrame(r))));
            },
            id,
            width,
            theme,
            lang,
          );
          if (lang === LANGS[0] && theme === THEMES[0]) (layout[state] ??= {})[width] = await page.evaluate(measure, id);
          const file = `${state}-${width}-${theme}-${lang}.${TYPE}`;
          await (await el.evaluateHandle(e => e.parentElement)).screenshot({ path: `${out}${file}`, type: TYPE, ...(TYPE === 'webp' ? { quality: 70 } : {}) });
          shots.push({ state, width, theme, lang, file });
        }
    console.log(`${state}: ${LANGS.length * THEMES.length * WIDTHS.length} pictures`);
  }

  const run = (fn, ...args) => page.evaluate(fn, ...args);
  await run(() => {
    const { make, until } = window.gallery;
    window.a = make('1000', { name: 'Alice' });
    window.b = make('1001', { name: 'Bob' });
    window.c = make('1002', { name: 'Carol' });
    return until(() => [window.a, window.b, window.c].every(p => p.registrationState === 'registered'), 'registered');
  });
  await draw('idle', 'phone-1000');

  await run(async () => {
    await window.a.call('1001');
    await window.gallery.until(() => window.a.callState === 'ringing' && window.b.incomingCall, 'ringing');
  });
  await draw('calling', 'phone-1000');
  await draw('incoming', 'phone-1001');

  const frames = id => run(id => window.gallery.until(() => document.getElementById(id).shadowRoot.querySelector('[part~="remote-video"]').videoWidth > 0, 'video'), id);
  await run(() => window.b.answer());
  await run(() => window.gallery.until(() => window.a.callState === 'connected', 'connected'));
  await frames('phone-1000');
  await draw('connected', 'phone-1000');

  await run(async () => {
    window.a.hold();
    await window.gallery.until(() => window.a.callState === 'held', 'held');
  });
  await draw('held', 'phone-1000');
  await run(async () => {
    window.a.unhold();
    await window.gallery.until(() => window.a.callState === 'connected', 'resumed');
    window.a.setMuted({ video: true });
  });
  await frames('phone-1000');
  await draw('camera-off', 'phone-1000');
  await run(() => window.a.setMuted({ video: false }));

  await run(async () => {
    await window.a.sendMessage('Can you see me?');
    await window.b.sendMessage('Yes, loud and clear.');
    await window.gallery.until(() => window.a.shadowRoot, 'chat');
    window.a.panel = 'chat';
  });
  await draw('chat', 'phone-1000');
  await run(() => (window.a.panel = 'settings'));
  await draw('settings', 'phone-1000');
  await run(() => (window.a.panel = null));

  await run(async () => {
    await window.c.call('1000');
    await window.gallery.until(() => !!window.a.incomingCall, 'call waiting');
    await window.a.answer();
    await window.gallery.until(() => window.a.calls.filter(c => c.connectedAt).length === 2, 'two lines');
  });
  await draw('two-lines', 'phone-1000');
  await run(async () => {
    window.a.shadowRoot.querySelector('[part~="transfer-button"]').click();
    await window.a.updateComplete;
    window.a.shadowRoot.querySelector('[part~="transfer-input"]').value = '1019';
  });
  await draw('transfer', 'phone-1000');

  await run(async () => {
    const { FsVideoPhone } = window;
    FsVideoPhone.ENDED_STATE.ms = 600000; // the page is thrown away afterwards
    window.c.hangup();
    window.b.hangup();
    await window.gallery.until(() => window.a.callState === 'ended' && window.a.calls.length === 0, 'ended');
  });
  await draw('ended', 'phone-1000');
  await run(() => (window.a.panel = 'history'));
  await draw('history', 'phone-1000');

  await run(async () => {
    const { make, until } = window.gallery;
    window.wrong = make('1003', { password: 'not-the-password' });
    await until(() => window.wrong.registrationState === 'failed', 'refused');
  });
  await draw('error-password', 'phone-1003');
  await run(async () => {
    const el = window.gallery.make('1004');
    el.wsUrl = 'ws://127.0.0.1:5999';
    await window.gallery.until(() => el.error, 'no server');
  });
  await draw('error-server', 'phone-1004');
} finally {
  await browser.close();
  http.close();
  await servers.stop();
}

// Rows besides the picture, and the far end's video's share of the phone, per state and width.
console.log(`\nstate: rows besides the picture (far end's video % of the phone) at ${WIDTHS.join(', ')} px`);
for (const [state, at] of Object.entries(layout)) console.log(`${state}: ${WIDTHS.map(w => `${at[w].rows}${at[w].video ? ` (${at[w].video} %)` : ''}`).join(', ')}`);

// The index: one section per state, a row per language and theme, a picture per width.
const states = [...new Set(shots.map(s => s.state))];
const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>fs-video-phone: every state</title>
<style>body{font-family:system-ui,sans-serif;margin:24px;background:#f8fafc;color:#0f172a}img{vertical-align:top;margin:0 12px 12px 0;max-width:100%}h2{margin-top:32px}td,th{padding:2px 12px;text-align:start}</style></head>
<body>
<h1>fs-video-phone: every state</h1>
<p>Made by <code>npm run screenshot</code>: headless Chromium, its fake camera, the development SIP server; ${WIDTHS.join(', ')} px wide, light and dark, English and Chinese.</p>
<table><caption>Rows besides the picture (the far end's video's share of the phone), ${LANGS[0]}</caption>
<tr><th>state</th>${WIDTHS.map(w => `<th>${w} px</th>`).join('')}</tr>
${Object.entries(layout)
  .map(([state, at]) => `<tr><td><a href="#${state}">${state}</a></td>${WIDTHS.map(w => `<td>${at[w].rows}${at[w].video ? ` (${at[w].video} %)` : ''}</td>`).join('')}</tr>`)
  .join('\n')}
</table>
${states
  .map(
    state => `<h2 id="${state}">${state}</h2>
${LANGS.flatMap(lang => THEMES.map(theme => `<p>${lang}, ${theme}</p>
<div>${shots
      .filter(s => s.state === state && s.lang === lang && s.theme === theme)
      .map(s => `<img src="${s.file}" alt="${state}, ${s.width} px, ${theme}, ${lang}" loading="lazy">`)
      .join('')}</div>`)).join('\n')}`,
  )
  .join('\n')}
</body>
</html>
`;
writeFileSync(`${out}index.html`, html);
console.log(`${shots.length} pictures of ${states.length} states in docs/screenshots/ (${readdirSync(out).length - 1} files), index: docs/screenshots/index.html`);
