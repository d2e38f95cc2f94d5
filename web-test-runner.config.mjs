// Browser tests: Debian's Chromium with a fake camera and microphone. `npm test` (test/run.mjs)
// runs this inside a loopback-only network namespace next to the development SIP server.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromeLauncher } from '@web/test-runner-chrome';
import puppeteerCore from 'puppeteer-core';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { rollup } from 'rollup';
import commonjs from '@rollup/plugin-commonjs';
import resolve from '@rollup/plugin-node-resolve';
import { defaultReporter } from '@web/test-runner';
import { JSSIP_BUILD, onwarn } from './dev/build/plugins.mjs';
import { cookie, issueCredentials } from './dev/credentials.mjs';

/** What the single script exports (src/index.ts's value exports), read from its global in FS_BUILD=single runs. */
const SINGLE_EXPORTS = [...readFileSync(new URL('./src/index.ts', import.meta.url), 'utf8').matchAll(/^export \{([^}]+)\}/gm)].flatMap(m =>
  m[1].split(',').map(name => name.trim().split(/\s+as\s+/).pop()),
);

/**
 * What the suites import instead of building it here: `jssip` is dist/jssip.js, the very JsSIP
 * build the single script carries (dev/build), and React with react-dom is one module bundled by
 * Rollup (`react-dom` must share its `react`; CommonJS), for the framework tests, kept in
 * node_modules/.cache between runs.
 */
const REACT = { path: '/__react.js', entry: "import * as React from 'react'; export { React }; export { createRoot } from 'react-dom/client';" };

async function reactModule() {
  const version = JSON.parse(readFileSync(new URL('./node_modules/react-dom/package.json', import.meta.url), 'utf8')).version;
  const cache = fileURLToPath(new URL(`./node_modules/.cache/fs-video-phone/react-${version}.js`, import.meta.url));
  if (existsSync(cache)) return readFileSync(cache, 'utf8');
  const input = '\0react-entry';
  const nodeEnv = {
    name: 'node-env',
    transform: source => (source.includes('process.env.NODE_ENV') ? { code: source.replaceAll('process.env.NODE_ENV', '"production"'), map: null } : null),
  };
  const virtual = { name: 'entry', resolveId: id => (id === input ? id : null), load: id => (id === input ? REACT.entry : null) };
  const bundle = await rollup({ input, plugins: [virtual, nodeEnv, resolve({ browser: true, preferBuiltins: false }), commonjs()], onwarn });
  const code = (await bundle.generate({ format: 'es' })).output[0].code;
  await bundle.close();
  mkdirSync(dirname(cache), { recursive: true });
  writeFileSync(cache, code);
  return code;
}

/**
 * With FS_BUILD=single, `../src/index.js` is the shipped single script itself
 * (dist/fs-video-phone.min.js, loaded by a classic script tag in the test page before any module)
 * and its exports are read from the global it defines: the suites then drive exactly what pages get.
 */
const SINGLE = `export const { ${SINGLE_EXPORTS.join(', ')} } = window.FsVideoPhone;\n`;

function builds() {
  let react;
  const single = process.env.FS_BUILD === 'single';
  return {
    name: 'builds',
    async serverStart() {
      if (!existsSync(JSSIP_BUILD)) throw new Error(`${JSSIP_BUILD} is missing: npm run build first`);
      react = await reactModule();
    },
    resolveImport({ source, context }) {
      if (source === 'jssip') return '/__jssip.js';
      if (source === 'react+react-dom') return REACT.path;
      if (single && /\/src\/index\.js$/.test(new URL(source, `http://x${context.path}`).pathname)) return '/__single.js';
      return undefined;
    },
    serve(context) {
      if (context.path === '/__jssip.js') return { body: readFileSync(JSSIP_BUILD, 'utf8'), type: 'js' };
      if (context.path === REACT.path) return { body: react, type: 'js' };
      if (context.path === '/__single.js') return { body: SINGLE, type: 'js' };
      return undefined;
    },
  };
}

export const CHROMIUM_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--use-fake-ui-for-media-stream',
  // Three fake cameras (and microphones) to switch between.
  '--use-fake-device-for-media-stream=device-count=3',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
  // Hidden or covered test pages must keep decoding video at full rate.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

/**
 * Firefox preferences for a headless call with fake devices in a loopback-only namespace.
 * `media.navigator.permission.fake` matters: without it Firefox only offers default-route
 * addresses, of which a loopback-only namespace has none, and calls never start.
 */
export const FIREFOX_PREFS = {
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  'media.navigator.permission.fake': true,
  'media.peerconnection.ice.loopback': true,
  'media.autoplay.default': 0,
  'media.autoplay.blocking_policy': 0,
  'media.autoplay.block-webaudio': false,
  'dom.disable_beforeunload': true,
  'network.captive-portal-service.enabled': false,
  'app.update.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.enabled': false,
  'network.connectivity-service.enabled': false,
  // Firefox holds back WebSocket connects to a host that refused recent ones (RFC 6455 7.2.3),
  // hundreds of ms and growing. The outage tests time our own reconnection; README says how
  // much Firefox adds to it in real use.
  'network.websocket.delay-failed-reconnects': false,
};

function chromium() {
  return chromeLauncher({
    launchOptions: { executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', headless: false, args: CHROMIUM_FLAGS },
  });
}

/** Firefox ESR over WebDriver BiDi, through the same launcher (puppeteer-core drives both). */
function firefox() {
  return chromeLauncher({
    puppeteer: puppeteerCore,
    launchOptions: {
      browser: 'firefox',
      executablePath: process.env.FIREFOX_PATH || '/usr/bin/firefox-esr',
      headless: true,
      extraPrefsFirefox: FIREFOX_PREFS,
    },
  });
}

/** Counts passed/failed tests across every browser session, for the plain closing line. */
function countingReporter(file) {
  return {
    onTestRunFinished({ sessions }) {
      let passed = 0;
      let failed = 0;
      let skipped = 0;
      const timed = [];
      const walk = (suite, file) => {
        for (const t of suite.tests) {
          if (t.skipped) skipped++;
          else if (t.passed) passed++;
          else failed++;
          if (t.duration) timed.push([t.duration, `${file}: ${t.name}`]);
        }
        for (const s of suite.suites) walk(s, file);
      };
      for (const session of sessions) {
        if (session.testResults) walk(session.testResults, session.testFile.replace(/^.*\/test\//, ''));
        // A file that failed to load counts as a failure, never as zero tests.
        if (!session.passed && (!session.testResults || (session.errors?.length ?? 0) > 0)) failed++;
      }
      // The slowest tests, to keep an eye on the run's length.
      timed.sort((a, b) => b[0] - a[0]);
      console.log(`Slowest tests:\n${timed.slice(0, 8).map(([ms, name]) => `  ${(ms / 1000).toFixed(1)} s  ${name}`).join('\n')}`);
      if (file) writeFileSync(file, JSON.stringify({ passed, failed, skipped }));
    },
  };
}

/**
 * `executeServerCommand('fs-server', { action, ... })` from a test: forwarded to test/run.mjs,
 * which owns the servers (stop/start the SIP server, read counters, inject raw SIP).
 */
function serverControl() {
  const port = process.env.FS_CONTROL_PORT;
  return {
    name: 'fs-server-control',
    async executeCommand({ command, payload }) {
      if (command !== 'fs-server') return undefined;
      if (!port) throw new Error('fs-server commands need test/run.mjs (npm test)');
      const res = await fetch(`http://127.0.0.1:${port}/${payload.action}`, { method: 'POST', body: JSON.stringify(payload) });
      if (!res.ok) throw new Error(`fs-server ${payload.action}: ${await res.text()}`);
      // Wrapped: the runner treats a null/undefined result as "no plugin took this command".
      return { result: await res.json() };
    },
  };
}

// Which server the suite runs against (test/servers/harness.mjs); the tests read it as a global.
const target = JSON.stringify(process.env.FS_TARGET || 'dev');
const browserName = JSON.stringify(process.env.FS_BROWSER || 'chromium');
const build = JSON.stringify(process.env.FS_BUILD || 'source');

/** The policies test/fixtures/embed.html is served under (test/embed.test.ts). */
export const EMBED_POLICIES = {
  csp: "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self' ws://127.0.0.1:*",
  'trusted-types': "require-trusted-types-for 'script'",
};

/**
 * The page's back end for short-lived credentials (dev/credentials.mjs), at /credentials: it
 * answers a visitor whose `fs-visitor` cookie names a user, `ttl` seconds' worth (query), and
 * fails with 503 the first `fail` times a `key` asks (query), to show fetch failures and retries.
 * `/credentials/count?key=` says how often a key asked.
 */
const credentialAsks = new Map();
async function credentials(ctx, next) {
  if (!ctx.path.startsWith('/credentials')) return next();
  const key = ctx.query.key ?? '';
  if (ctx.path === '/credentials/count') {
    ctx.body = { asked: credentialAsks.get(key) ?? 0 };
    return;
  }
  const asked = (credentialAsks.get(key) ?? 0) + 1;
  credentialAsks.set(key, asked);
  ctx.set('Cache-Control', 'no-store');
  const user = cookie(ctx.req, 'fs-visitor');
  if (asked <= Number(ctx.query.fail ?? 0)) ctx.status = 503;
  else if (!user) ctx.status = 401;
  else ctx.body = issueCredentials(user, { ttl: Number(ctx.query.ttl ?? 3600) });
}

async function policyHeaders(ctx, next) {
  await next();
  const policy = EMBED_POLICIES[ctx.query.policy];
  if (ctx.path.endsWith('/test/fixtures/embed.html') && policy) ctx.set('Content-Security-Policy', policy);
}

export default {
  files: ['test/**/*.test.ts'],
  testRunnerHtml: framework => `<!doctype html><html><head><meta charset="utf-8"></head><body>
    <script>window.FS_TARGET = ${target}; window.FS_BROWSER = ${browserName}; window.FS_BUILD = ${build};</script>
    ${process.env.FS_BUILD === 'single' ? '<script src="/dist/fs-video-phone.min.js"></script>' : ''}
    <script type="module" src="${framework}"></script></body></html>`,
  nodeResolve: { browser: true },
  hostname: '127.0.0.1',
  port: Number(process.env.FS_WTR_PORT || 8765),
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 10 * 60 * 1000,
  browserStartTimeout: 60000,
  testFramework: { config: { timeout: 30000 } },
  middleware: [policyHeaders, credentials],
  plugins: [
    builds(),
    serverControl(),
    esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2021' }),
  ],
  browsers: [process.env.FS_BROWSER === 'firefox' ? firefox() : chromium()],
  reporters: [defaultReporter(), countingReporter(process.env.FS_TEST_SUMMARY)],
};
