// One target of `npm test` (FS_TARGET), inside a loopback-only network namespace of its own made
// by test/run.mjs, so targets run side by side on the same ports. Starts the target's servers, runs
// its suites in each browser (the test runner), and on the development server the autoplay and
// nginx checks, on the Kamailio targets the Chromium ⇄ Firefox calls; writes its counts and summary
// lines to FS_TARGET_SUMMARY. Extra arguments (e.g. --files test/call.test.ts) go to the test runner.
import { spawn, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RTPENGINE_PORTS, TARGETS, startTarget, turnMissing } from './servers/harness.mjs';
import { BROWSER_PATHS as BROWSERS } from './servers/browsers.mjs';
import { soundMissing, startSoundServer } from './servers/sound.mjs';
import { webkitMissing } from './servers/webkit.mjs';
import { Tally, nodeTest, runningNodeTest } from './servers/node-test.mjs';
import { cutFlow, restoreFlows } from './servers/netns.mjs';
import { sipClient } from './guard/sip-client.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const target = process.env.FS_TARGET;
const passThrough = process.argv.slice(2);
const strict = process.env.CI === 'true';
const browsers = (process.env.FS_BROWSERS || 'chromium,firefox').split(',').map(b => b.trim()).filter(Boolean);
const suites = (process.env.FS_SUITES || 'browser,cross,autoplay,deploy,guard,webkit').split(',').map(b => b.trim());
// What the suites load as the library: in Chromium the shipped single script itself
// (dist/fs-video-phone.min.js), in Firefox the sources. Both load the same JsSIP build
// (dist/jssip.js, which the single script carries). FS_BUILD=source or single picks one for all.
const BUILDS = { chromium: 'single', firefox: 'source' };
const buildFor = browser => process.env.FS_BUILD || BUILDS[browser] || 'source';

// Which files run where. The call suites (a call with media both ways, hold, keyframe refreshes,
// second lines, transfers, devices and screen sharing) run on every real-server target and on the
// development server; with the media relayed, the outage suite too (rtpengine going away only
// happens there); peer to peer, the phone behaviour that depends on what the server sends (why
// calls end: its status codes; chat: MESSAGE routed by it; guests, the call button and short-lived
// credentials: its guard for public pages; lamps, voicemail and pickup: its presence modules). The
// farm fails over between servers.
const CALL_SUITES = ['test/call.test.ts', 'test/keyframes.test.ts', 'test/lines.test.ts', 'test/transfer.test.ts', 'test/media.test.ts'];
const FARM_SUITES = ['test/failover.test.ts', 'test/farm.test.ts'];
const SUITES = {
  // Every file but the farm's (the TURN suite needs coturn, started with this target).
  dev: readdirSync(join(root, 'test'))
    .filter(f => f.endsWith('.test.ts'))
    .map(f => `test/${f}`)
    .filter(f => !FARM_SUITES.includes(f) && !(turnMissing() && f === 'test/turn.test.ts')),
  kamailio: [...CALL_SUITES, 'test/call-end.test.ts', 'test/chat.test.ts', 'test/guest.test.ts', 'test/call-button.test.ts', 'test/credentials.test.ts', 'test/desk.test.ts'],
  relayed: [...CALL_SUITES, 'test/server-loss.test.ts'],
  farm: FARM_SUITES,
};
// Firefox headless plays sound (the ringing tests) only into a sound server: a PulseAudio null
// sink. Only the suites that need it get it: with an audio output Firefox's call media starts
// differently (later first frames, fewer early keyframes), which the media suites measure.
const SOUND_SUITES = ['test/ringing.test.ts'];

const tally = new Tally();
const label = `${target} (${TARGETS[target].description})`;

const needSound = target === 'dev' && browsers.includes('firefox') && (suites.includes('browser') || suites.includes('autoplay'));
let noSound = needSound ? soundMissing() : null;
let sound = null;
if (needSound && !noSound) {
  try {
    sound = await startSoundServer();
  } catch (err) {
    noSound = err.message; // Firefox runs are then skipped with this reason (a failure under CI=true)
  }
}

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
  // A browser's ends of a call's media path (its UDP ports) dead for good; all such rules gone.
  'cut-flow': (_t, p) => p.ports.forEach(port => cutFlow(Number(port))),
  'restore-flows': () => restoreFlows(),
  turn: ({ turn, turnRest }) => (turn ? { url: turn.url, username: turn.username, credential: turn.credential, restUrl: turnRest.url, secret: turnRest.secret } : null),
  // The development server's own view.
  stats: ({ dev }) => (dev ? { ...dev.stats, openSockets: dev.openSockets(), registered: dev.registered() } : null),
  ports: ({ dev }) => (dev ? dev.portsOf() : null),
  sockets: ({ dev }, p) => (dev ? dev.openSockets(p.users) : null),
  contact: ({ dev }, p) => (dev ? dev.contactOf(p.user) : null),
  inject: ({ dev }, p) => (dev ? dev.inject(p.user, p.text) : false),
  // A voicemail server's PUBLISH of a user's message summary (RFC 3903 / 3842), to whichever
  // server runs: Kamailio's presence_mwi and the development server tell the user's watchers.
  publish: async (_t, p) => {
    const client = await sipClient('ws://127.0.0.1:5066');
    try {
      const body = `Messages-Waiting: ${p.fresh ? 'yes' : 'no'}\r\nMessage-Account: sip:${p.user}@127.0.0.1\r\nVoice-Message: ${p.fresh}/${p.old ?? 0}\r\n`;
      const res = await client.request({ method: 'PUBLISH', ruri: `sip:${p.user}@127.0.0.1`, from: 'sip:voicemail@127.0.0.1', headers: ['Event: message-summary', 'Expires: 3600', 'Content-Type: application/simple-message-summary'], body });
      return res.status;
    } finally {
      client.close();
    }
  },
  // The development server's own NOTIFY, with any body, on every subscription to a user.
  'notify-raw': ({ dev }, p) => (dev ? dev.notifyRaw(p.user, p.event, p.body) : null),
  // The development server's subscriptions in force, and the longest expiry it grants.
  subscriptions: ({ dev }, p) => (dev ? dev.subscriptions(p.event) : null),
  'subscribe-expires': ({ dev }, p) => {
    if (dev) dev.presenceSettings.expires = p.seconds;
    return !!dev;
  },
  // A development-server room: a member joins, leaves or changes; or its subscriptions go unanswered (FreeSWITCH over WebSocket).
  room: ({ dev }, p) => (dev ? (dev.room(p.room, p.user, p.change), true) : false),
  'silent-rooms': ({ dev }, p) => {
    if (dev) dev.presenceSettings.silentRooms = !!p.on;
    return !!dev;
  },
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
 * RTP ports while rtpengine keeps its calls. Only inside this namespace, where the rule lives.
 */
function cutRelayMedia(cut) {
  const ports = RTPENGINE_PORTS.join(':');
  for (const dir of ['--dport', '--sport']) {
    const run = spawnSync('iptables', [cut ? '-I' : '-D', 'INPUT', '-p', 'udp', dir, ports, '-j', 'DROP'], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`iptables: ${run.stderr.trim()}`);
  }
}

let child = null;
// Stopped (Ctrl+C, or the run above stopping): the runner and the servers go too.
const forward = async signal => {
  child?.kill(signal);
  runningNodeTest()?.kill(signal);
  await Promise.allSettled([sound?.stop(), current?.stop()]);
  process.exit(1);
};
process.on('SIGINT', forward);
process.on('SIGTERM', forward);

/** Runs the test runner once; resolves with its counts, or null when it died before reporting. */
async function runSuite(browser, args, env = {}) {
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
async function runFiles(browser, files) {
  const soundEnv = browser === 'firefox' && sound ? sound.env : {};
  if (!files) return runSuite(browser, passThrough, passThrough.some(a => SOUND_SUITES.includes(a)) ? soundEnv : {});
  const loud = browser === 'firefox' ? files.filter(f => SOUND_SUITES.includes(f)) : [];
  const quiet = files.filter(f => !loud.includes(f));
  const runs = [await runSuite(browser, ['--files', ...quiet])];
  if (loud.length) runs.push(await runSuite(browser, ['--files', ...loud], soundEnv));
  if (runs.includes(null)) return null;
  return runs.reduce((a, b) => ({ passed: a.passed + b.passed, failed: a.failed + b.failed, skipped: a.skipped + b.skipped }));
}

async function runTarget() {
  if (target === 'dev' && turnMissing() && suites.includes('browser')) tally.missing(`${label}, TURN relay`, turnMissing(), strict);
  let server;
  try {
    server = await startTarget(target, { verbose: !!process.env.FS_SIP_LOG, dtlsPassive: !!process.env.FS_DTLS_PASSIVE });
  } catch (err) {
    console.error(`Could not start ${label}: ${err.message}`);
    tally.add(`${label}: servers did not start`, { passed: 0, failed: 1 });
    return;
  }
  current = server;
  for (const browser of suites.includes('browser') ? browsers : []) {
    const browserLabel = `${label} in ${browser} (${buildFor(browser) === 'single' ? 'single script' : 'sources'})`;
    const browserMissing = BROWSERS[browser] && !existsSync(BROWSERS[browser]) ? `${BROWSERS[browser]} is not installed` : browser === 'firefox' ? noSound : null;
    if (!BROWSERS[browser] || browserMissing) {
      tally.missing(browserLabel, browserMissing ?? 'unknown browser', strict || !BROWSERS[browser]);
      continue;
    }
    console.log(`\n--- ${browserLabel} ---`);
    const counts = await runFiles(browser, passThrough.length ? null : SUITES[target]);
    if (!counts || counts.failed || process.env.FS_KEEP_LOGS) {
      if (!counts || counts.failed) console.log(server.logs());
      const kept = server.keepLogs();
      if (kept.length) console.log(`Server logs kept in: ${kept.join(', ')}`);
    }
    tally.add(browserLabel, counts ?? { passed: 0, failed: 1, skipped: 0 });
  }
  const whole = !passThrough.length;
  // Ringing under autoplay rules, with real clicks (browsers driven directly).
  if (target === 'dev' && suites.includes('autoplay') && whole) {
    const usable = browsers.filter(b => existsSync(BROWSERS[b] ?? '') && !(b === 'firefox' && noSound));
    if (usable.length) {
      console.log(`\n--- ${label}: ringing with autoplay blocked (${usable.join(', ')}) ---`);
      const c = await nodeTest('test/autoplay/autoplay.test.mjs', { FS_BROWSERS: usable.join(','), ...(sound?.env ?? {}) });
      if (c.failed) console.log(server.logs());
      tally.add(`${label}, ringing with autoplay blocked`, c);
    }
  }
  // The deployment guide's nginx configuration, with a call through it (https + wss proxy).
  if (target === 'dev' && suites.includes('deploy') && whole) {
    const usable = browsers.filter(b => existsSync(BROWSERS[b] ?? ''));
    const noNginx = spawnSync('nginx', ['-v']).error ? 'nginx is not installed (apt-get install nginx-light)' : null;
    console.log(`\n--- ${label}: the deployment guide's nginx (${noNginx ?? usable.join(', ')}) ---`);
    if (noNginx) tally.missing(`${label}, behind nginx`, noNginx, strict);
    else tally.add(`${label}, behind nginx (https, wss proxy)`, await nodeTest('test/deploy/deploy.test.mjs', { FS_BROWSERS: usable.join(',') }));
  }
  // The guard for public pages (guests, short-lived credentials, floods), in bare SIP.
  if (['dev', 'kamailio'].includes(target) && suites.includes('guard') && whole) {
    console.log(`\n--- ${label}: the guard for public pages ---`);
    const c = await nodeTest('test/guard/guard.test.mjs', { FS_TARGET: target });
    if (c.failed) console.log(server.logs());
    tally.add(`${label}, the guard for public pages`, c);
  }
  // A real browser without WebRTC (WebKitGTK), chatting with a Chromium phone.
  if (target === 'dev' && suites.includes('webkit') && whole && browsers.includes('chromium')) {
    const noWebKit = webkitMissing();
    console.log(`\n--- ${label}: WebKitGTK, a browser without WebRTC (${noWebKit ?? 'MiniBrowser under Xvfb'}) ---`);
    if (noWebKit) tally.missing(`${label}, WebKitGTK`, noWebKit, strict);
    else tally.add(`${label}, WebKitGTK (no WebRTC)`, await nodeTest('test/webkit/webkit.test.mjs'));
  }
  // Calls between the two browsers, through the real servers.
  if (['kamailio', 'relayed'].includes(target) && suites.includes('cross') && whole && browsers.includes('chromium') && browsers.includes('firefox') && browsers.every(b => existsSync(BROWSERS[b]))) {
    console.log(`\n--- ${label}: Chromium ⇄ Firefox ---`);
    const c = await nodeTest('test/cross-browser/cross-browser.test.mjs', { FS_TARGET: target });
    if (c.failed) console.log(server.logs());
    tally.add(`${label}, Chromium ⇄ Firefox calls`, c);
  }
  current = null;
  await server.stop();
}

try {
  await runTarget();
} finally {
  restoreFlows();
  silentStun.close();
  control.close();
  await sound?.stop();
  if (process.env.FS_TARGET_SUMMARY) writeFileSync(process.env.FS_TARGET_SUMMARY, JSON.stringify(tally));
}
process.exit(tally.total.failed ? 1 : 0);
