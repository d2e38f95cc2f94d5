// `npm test`: runs the browser suites inside a loopback-only network namespace (so no packet
// leaves the machine and ICE only offers 127.0.0.1), against each SIP server target in turn:
//   dev       every test file (but the call suites when Kamailio runs), against the development SIP server;
//   kamailio  the call suites and the phone-behaviour suites, against Kamailio with peer-to-peer media;
//   relayed   the call suites, against Kamailio + rtpengine relaying the media;
//   farm      failover between servers, against two Kamailio edges, a registrar and two media nodes;
// each in Chromium and in Firefox ESR, and on the real-server targets also calls between a
// Chromium page and a Firefox page (test/cross-browser). A target whose server is not installed
// is skipped with its reason; with CI=true it fails. Ends with a plain "N passed, N failed" line.
// FS_KEEP_LOGS=1 keeps the real servers' logs (test-results/servers) even when everything passed.
// FS_TARGETS=dev,relayed picks targets, FS_BROWSERS=chromium browsers, FS_SUITES=browser|cross|autoplay|deploy
// what runs; extra arguments (e.g. --files test/call.test.ts) go to the test runner.
import { spawn, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const passThrough = process.argv.slice(2);

const { enterLoopbackNamespace } = await import('./servers/netns.mjs');
enterLoopbackNamespace(import.meta.url, passThrough);

const { RTPENGINE_PORTS, TARGETS, missing, startTarget, turnMissing } = await import('./servers/harness.mjs');
const strict = process.env.CI === 'true';
const verbose = !!process.env.FS_SIP_LOG;
const targets = (process.env.FS_TARGETS || Object.keys(TARGETS).join(',')).split(',').map(t => t.trim()).filter(Boolean);
// Browsers to run every suite in (FS_BROWSERS=chromium picks one): Chromium, and Firefox ESR through
// the same launcher (puppeteer-core drives it over WebDriver BiDi).
const { BROWSER_PATHS: BROWSERS } = await import('./servers/browsers.mjs');
const browsers = (process.env.FS_BROWSERS || 'chromium,firefox').split(',').map(b => b.trim()).filter(Boolean);
// What to run per target: `browser` (the test runner's suites, in each browser) and `cross`
// (calls between a Chromium and a Firefox page, real-server targets only).
const suites = (process.env.FS_SUITES || 'browser,cross,autoplay,deploy').split(',').map(b => b.trim());
// What the suites load as the library (FS_BUILD): in Chromium the shipped single script itself
// (dist/fs-video-phone.min.js), in Firefox the sources. Both load the same JsSIP build
// (dist/jssip.js, which the single script carries). FS_BUILD=source or single picks one for all.
const BUILDS = { chromium: 'single', firefox: 'source' };
const buildFor = browser => process.env.FS_BUILD || BUILDS[browser] || 'source';

// Firefox headless plays sound (the ringing tests) only into a sound server: a PulseAudio null
// sink. Only the suites that need it get it: with an audio output Firefox's call media starts
// differently (later first frames, fewer early keyframes), which the media suites measure.
const { soundMissing, startSoundServer } = await import('./servers/sound.mjs');
const SOUND_SUITES = ['test/ringing.test.ts'];
const needSound = browsers.includes('firefox') && (suites.includes('browser') || suites.includes('autoplay'));
let noSound = needSound ? soundMissing() : null;
let sound = null;
if (needSound && !noSound) {
  try {
    sound = await startSoundServer();
  } catch (err) {
    noSound = err.message; // Firefox runs are then skipped with this reason (a failure under CI=true)
  }
}

// What runs against the real servers. Through the relay (Kamailio + rtpengine): the call,
// keyframe, lines and transfer suites, and the outage suite (rtpengine going away only happens
// there). With media browser to browser: the call suite (media both ways, hold), and the phone
// behaviour that depends on what the server sends (why calls end: its status codes; chat: MESSAGE
// routed by it). Keyframe refreshes are for B2BUAs and relays, and the signalling of second lines
// and transfers through Kamailio is the same with or without rtpengine: those run through the
// relay only. Ringing and history depend only on the phone's own state and run on the development
// server (as does everything else).
const CALL_SUITES = ['test/call.test.ts', 'test/keyframes.test.ts', 'test/lines.test.ts', 'test/transfer.test.ts'];
const PHONE_SUITES = ['test/call-end.test.ts', 'test/chat.test.ts'];
// The farm: failing over between its two WebSocket edges, and between its two media nodes. (The
// failover suite also runs against the development server's two ports, on demand: FS_TARGETS=dev
// node test/run.mjs --files test/failover.test.ts.)
const FARM_SUITES = ['test/failover.test.ts', 'test/farm.test.ts'];
const SUITES = {
  kamailio: ['test/call.test.ts', ...PHONE_SUITES],
  relayed: [...CALL_SUITES, 'test/server-loss.test.ts'],
  farm: FARM_SUITES,
};
// The development server runs every file but the farm's, except (when Kamailio runs too) the
// call suites, which then run against the real servers in both browsers. The outage suite
// stays: part of it counts REGISTERs, which only the development server can. The TURN suite needs
// coturn (started with the development server).
const allFiles = readdirSync(join(root, 'test'))
  .filter(f => f.endsWith('.test.ts'))
  .map(f => `test/${f}`)
  .filter(f => !FARM_SUITES.includes(f));
const noTurn = turnMissing();
const devFiles = allFiles.filter(f => !(targets.includes('kamailio') && !missing('kamailio') && CALL_SUITES.includes(f)) && !(noTurn && f === 'test/turn.test.ts'));

// A STUN server that never answers (UDP 127.0.0.1:3479): the ICE tests point phones at it.
const silentStun = createSocket('udp4');
silentStun.on('message', () => {});
await new Promise(resolve => silentStun.bind(3479, '127.0.0.1', resolve));

// Control channel for the tests (through the test runner's `fs-server` command): stop and
// start the SIP server as an outage, read the development server's counters, inject raw SIP.
const CONTROL_PORT = 5098;
let current = null;
/** What each control action does, given the running target and the request's JSON payload. */
const ACTIONS = {
  stop: t => t.stopSip(),
  start: t => t.startSip(),
  'stop-relay': t => t.stopRelay(),
  'start-relay': t => t.startRelay(),
  // One of several servers goes away or comes back: a port of the development server, a farm edge.
  'close-port': (t, p) => t.closePort(p.port),
  'open-port': (t, p) => t.openPort(p.port),
  'stop-node': (t, p) => t.stopNode(p.node),
  'start-node': (t, p) => t.startNode(p.node),
  'cut-media': () => cutRelayMedia(true),
  'restore-media': () => cutRelayMedia(false),
  turn: ({ turn, turnRest }) => (turn ? { url: turn.url, username: turn.username, credential: turn.credential, restUrl: turnRest.url, secret: turnRest.secret } : null),
  // The development server's own view.
  stats: ({ dev }) => (dev ? { ...dev.stats, openSockets: dev.openSockets(), registered: dev.registered() } : null),
  ports: ({ dev }) => (dev ? dev.portsOf() : null),
  sockets: ({ dev }, p) => (dev ? dev.openSockets(p.users) : null),
  contact: ({ dev }, p) => (dev ? dev.contactOf(p.user) : null),
  inject: ({ dev }, p) => (dev ? dev.inject(p.user, p.text) : false),
};
const control = createServer(async (req, res) => {
  let body = '';
  for await (const chunk of req) body += chunk;
  try {
    const action = ACTIONS[new URL(req.url, 'http://control').pathname.slice(1)];
    if (!action) {
      res.writeHead(404).end('unknown action');
      return;
    }
    const result = (await action(current, body ? JSON.parse(body) : {})) ?? null;
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(result));
  } catch (err) {
    res.writeHead(500).end(String(err?.message ?? err));
  }
});
await new Promise(resolve => control.listen(CONTROL_PORT, '127.0.0.1', resolve));

/**
 * A network blip on the media path (relayed target): drops every UDP packet to or from rtpengine's
 * RTP ports while rtpengine keeps its calls. Only inside the test namespace, where the rule lives.
 */
function cutRelayMedia(cut) {
  const ports = RTPENGINE_PORTS.join(':');
  for (const dir of ['--dport', '--sport']) {
    const run = spawnSync('iptables', [cut ? '-I' : '-D', 'INPUT', '-p', 'udp', dir, ports, '-j', 'DROP'], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`iptables: ${run.stderr.trim()}`);
  }
}

let child = null;
const forward = signal => {
  child?.kill(signal);
  void sound?.stop();
};
process.on('SIGINT', forward);
process.on('SIGTERM', forward);

/** Runs the test runner once; resolves with its counts, or null when it died before reporting. */
async function runSuite(target, browser, args, env = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'fs-test-'));
  const summary = join(dir, 'summary.json');
  child = spawn(
    process.execPath,
    ['--import', join(root, 'test/loopback-only.mjs'), join(root, 'node_modules/@web/test-runner/dist/bin.js'), '--config', 'web-test-runner.config.mjs', ...args],
    { stdio: 'inherit', cwd: root, env: { ...process.env, ...env, FS_TARGET: target, FS_BROWSER: browser, FS_BUILD: buildFor(browser), FS_TEST_SUMMARY: summary, FS_CONTROL_PORT: String(CONTROL_PORT) } },
  );
  const code = await new Promise(resolve => child.on('exit', (c, s) => resolve(c ?? (s ? 1 : 0))));
  child = null;
  let counts = null;
  try {
    counts = JSON.parse(readFileSync(summary, 'utf8'));
  } catch {
    /* died before reporting */
  }
  rmSync(dir, { recursive: true, force: true });
  if (counts && code !== 0 && counts.failed === 0) counts.failed = 1; // the runner failed outside any test
  return counts;
}

/**
 * Runs `files` (null: the command line's arguments) in `browser`. In Firefox the suites that need
 * sound run on their own, with the sound server.
 */
async function runFiles(target, browser, files) {
  const soundEnv = browser === 'firefox' && sound ? sound.env : {};
  if (!files) return runSuite(target, browser, passThrough, passThrough.some(a => SOUND_SUITES.includes(a)) ? soundEnv : {});
  const loud = browser === 'firefox' ? files.filter(f => SOUND_SUITES.includes(f)) : [];
  const quiet = files.filter(f => !loud.includes(f));
  const runs = [await runSuite(target, browser, ['--files', ...quiet])];
  if (loud.length) runs.push(await runSuite(target, browser, ['--files', ...loud], soundEnv));
  if (runs.includes(null)) return null;
  return runs.reduce((a, b) => ({ passed: a.passed + b.passed, failed: a.failed + b.failed, skipped: a.skipped + b.skipped }));
}

const total = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

/**
 * Runs a node:test file; returns its counts and prints its TAP output. Asynchronous: the
 * development SIP server runs in this process and must go on answering meanwhile.
 */
async function nodeTest(file, env = {}) {
  child = spawn(process.execPath, ['--test', '--test-reporter=tap', join(root, file)], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', chunk => {
    out += chunk;
    process.stdout.write(chunk);
  });
  const status = await new Promise(resolve => child.on('exit', (c, s) => resolve(c ?? (s ? 1 : 0))));
  child = null;
  const count = name => Number(new RegExp(`^# ${name} (\\d+)`, 'm').exec(out)?.[1] ?? 0);
  return { passed: count('pass'), failed: count('fail') + count('cancelled') || (status === 0 ? 0 : 1), skipped: 0 };
}

function tally(label, c) {
  total.passed += c.passed;
  total.failed += c.failed;
  total.skipped += c.skipped ?? 0;
  lines.push(`${label}: ${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ''}`);
}

// The size budget: deterministic, checked with node's test runner on the built file.
tally('size budget', await nodeTest('test/size.test.mjs'));
// The JsSIP members and behaviours the adapter (src/sip/jssip.ts) relies on, and the build's
// stand-ins (dev/build) against the modules they replace.
tally('JsSIP contract', await nodeTest('test/jssip-contract.test.mjs'));
tally('stand-in for sdp-transform', await nodeTest('test/sdp-lite.test.mjs'));
tally('stand-ins for events and debug', await nodeTest('test/stand-ins.test.mjs'));
tally('package and README', await nodeTest('test/package.test.mjs'));
tally('lint', await nodeTest('test/lint.test.mjs'));

for (const target of targets) {
  if (!TARGETS[target]) {
    console.error(`Unknown target "${target}" (known: ${Object.keys(TARGETS).join(', ')})`);
    total.failed++;
    continue;
  }
  const label = `${target} (${TARGETS[target].description})`;
  const reason = missing(target);
  if (reason) {
    if (strict) {
      lines.push(`${label}: FAILED, ${reason}`);
      total.failed++;
    } else {
      lines.push(`${label}: skipped, ${reason}`);
      total.skipped++;
    }
    continue;
  }
  if (target === 'dev' && noTurn && suites.includes('browser')) {
    lines.push(`${label}, TURN relay: ${strict ? 'FAILED' : 'skipped'}, ${noTurn}`);
    if (strict) total.failed++;
    else total.skipped++;
  }
  console.log(`\n=== ${label} ===`);
  let server;
  try {
    server = await startTarget(target, { verbose });
  } catch (err) {
    console.error(`Could not start ${label}: ${err.message}`);
    lines.push(`${label}: FAILED, servers did not start`);
    total.failed++;
    continue;
  }
  current = server;
  for (const browser of suites.includes('browser') ? browsers : []) {
    const browserLabel = `${label} in ${browser} (${buildFor(browser) === 'single' ? 'single script' : 'sources'})`;
    const browserMissing =
      BROWSERS[browser] && !existsSync(BROWSERS[browser]) ? `${BROWSERS[browser]} is not installed` : browser === 'firefox' ? noSound : null;
    if (!BROWSERS[browser] || browserMissing) {
      lines.push(`${browserLabel}: ${strict || !BROWSERS[browser] ? 'FAILED' : 'skipped'}, ${browserMissing ?? 'unknown browser'}`);
      if (strict || !BROWSERS[browser]) total.failed++;
      else total.skipped++;
      continue;
    }
    console.log(`\n--- ${browserLabel} ---`);
    const counts = await runFiles(target, browser, passThrough.length ? null : target === 'dev' ? devFiles : SUITES[target]);
    if (!counts || counts.failed || process.env.FS_KEEP_LOGS) {
      if (!counts || counts.failed) console.log(server.logs());
      const kept = server.keepLogs();
      if (kept.length) console.log(`Server logs kept in: ${kept.join(', ')}`);
    }
    tally(browserLabel, counts ?? { passed: 0, failed: 1, skipped: 0 });
  }
  // Ringing under autoplay rules, with real clicks (browsers driven directly).
  if (target === 'dev' && suites.includes('autoplay') && !passThrough.length) {
    const usable = browsers.filter(b => existsSync(BROWSERS[b] ?? '') && !(b === 'firefox' && noSound));
    if (usable.length) {
      console.log(`\n--- ${label}: ringing with autoplay blocked (${usable.join(', ')}) ---`);
      const c = await nodeTest('test/autoplay/autoplay.test.mjs', { FS_BROWSERS: usable.join(','), ...(sound?.env ?? {}) });
      if (c.failed) console.log(server.logs());
      tally(`${label}, ringing with autoplay blocked`, c);
    }
  }
  // The deployment guide's nginx configuration, with a call through it (https + wss proxy).
  if (target === 'dev' && suites.includes('deploy') && !passThrough.length) {
    const usable = browsers.filter(b => existsSync(BROWSERS[b] ?? ''));
    const noNginx = spawnSync('nginx', ['-v']).error ? 'nginx is not installed (apt-get install nginx-light)' : null;
    console.log(`\n--- ${label}: the deployment guide's nginx (${noNginx ?? usable.join(', ')}) ---`);
    if (noNginx) tally(`${label}, behind nginx: skipped, ${noNginx}`, { passed: 0, failed: strict ? 1 : 0, skipped: 1 });
    else tally(`${label}, behind nginx (https, wss proxy)`, await nodeTest('test/deploy/deploy.test.mjs', { FS_BROWSERS: usable.join(',') }));
  }
  // Calls between the two browsers, through the real servers.
  if (['kamailio', 'relayed'].includes(target) && suites.includes('cross') && !passThrough.length && browsers.includes('chromium') && browsers.includes('firefox') && browsers.every(b => existsSync(BROWSERS[b]))) {
    console.log(`\n--- ${label}: Chromium ⇄ Firefox ---`);
    const c = await nodeTest('test/cross-browser/cross-browser.test.mjs', { FS_TARGET: target });
    if (c.failed) console.log(server.logs());
    tally(`${label}, Chromium ⇄ Firefox calls`, c);
  }
  current = null;
  await server.stop();
}
silentStun.close();
control.close();
await sound?.stop();

console.log('');
for (const line of lines) console.log(line);
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
process.exit(total.failed || total.passed === 0 ? 1 : 0);
