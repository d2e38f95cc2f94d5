// `npm test`: the checks without a browser (size budget, JsSIP contract, stand-ins, package and
// README, lint), then the browser suites against each SIP server target (test/run-target.mjs):
//   dev       every test file but the farm's, against the development SIP server;
//   kamailio  the call suites and the phone-behaviour suites, against Kamailio with peer-to-peer media;
//   relayed   the call suites and the outage suite, against Kamailio + rtpengine relaying the media;
//   farm      failover between servers, against two Kamailio edges, a registrar and two media nodes;
// each in Chromium and in Firefox ESR, and on the Kamailio targets also calls between a Chromium
// page and a Firefox page (test/cross-browser). Each target runs in a loopback-only network
// namespace of its own (so no packet leaves the machine, ICE only offers 127.0.0.1, and targets use
// the same ports side by side), FS_LANES (default 2) of them at a time; each target's output is
// printed whole when it ends, with its time. A target whose server is not installed is skipped with
// its reason; with CI=true it fails. Ends with a plain "N passed, N failed" line.
// FS_KEEP_LOGS=1 keeps the real servers' logs (test-results/servers) even when everything passed.
// FS_TARGETS=dev,relayed picks targets, FS_BROWSERS=chromium browsers, FS_SUITES=browser|cross|autoplay|deploy|guard|webkit
// what runs, FS_BUILD=single|source what the suites load; extra arguments (e.g. --files
// test/call.test.ts) go to the test runner.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TARGETS, missing } from './servers/harness.mjs';
import { Tally, nodeTest, runningNodeTest } from './servers/node-test.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const passThrough = process.argv.slice(2);
const strict = process.env.CI === 'true';
const targets = (process.env.FS_TARGETS || Object.keys(TARGETS).join(',')).split(',').map(t => t.trim()).filter(Boolean);
const lanes = Math.max(1, Number(process.env.FS_LANES || 2));
// Longest first, so the lanes end close together.
const WEIGHT = { dev: 4, relayed: 3, kamailio: 2, farm: 1 };
const tally = new Tally();

const children = new Set();
// Stopped (Ctrl+C): each target stops its runner and servers, then this ends.
const forward = async signal => {
  runningNodeTest()?.kill(signal);
  await Promise.all([...children].map(c => new Promise(resolve => (c.once('close', resolve), c.kill(signal)))));
  process.exit(1);
};
process.on('SIGINT', forward);
process.on('SIGTERM', forward);

const checks = [
  // The size budget: deterministic, checked on the built file.
  ['size budget', 'test/size.test.mjs'],
  // The JsSIP members and behaviours the adapter (src/sip/jssip.ts) relies on, and the build's
  // stand-ins (dev/build) against the modules they replace.
  ['JsSIP contract', 'test/jssip-contract.test.mjs'],
  ['stand-in for sdp-transform', 'test/sdp-lite.test.mjs'],
  ["stand-in for JsSIP's grammar", 'test/grammar-lite.test.mjs'],
  ['stand-ins for events and debug', 'test/stand-ins.test.mjs'],
  ['package and README', 'test/package.test.mjs'],
  ['lint', 'test/lint.test.mjs'],
];
for (const [label, file] of checks) tally.add(label, await nodeTest(file));

const logDir = join(root, 'test-results');
mkdirSync(logDir, { recursive: true });

/** Runs one target in a network namespace of its own; prints its output whole when it ends. */
async function runTarget(target) {
  const label = `${target} (${TARGETS[target]?.description ?? 'unknown'})`;
  if (!TARGETS[target]) {
    console.error(`Unknown target "${target}" (known: ${Object.keys(TARGETS).join(', ')})`);
    tally.add(label, { passed: 0, failed: 1 });
    return;
  }
  const reason = missing(target);
  if (reason) {
    tally.missing(label, reason, strict);
    return;
  }
  const log = join(logDir, `run-${target}.log`);
  const summary = join(logDir, `run-${target}.json`);
  rmSync(summary, { force: true });
  const started = Date.now();
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${label}: started`);
  const out = createWriteStream(log);
  // Root gets a plain network namespace; anyone else maps themselves to root in a user namespace first.
  const child = spawn('unshare', [process.getuid?.() === 0 ? '-n' : '-rn', 'sh', '-c', 'ip link set lo up && exec "$0" "$@"', process.execPath, join(root, 'test/run-target.mjs'), ...passThrough], {
    cwd: root,
    env: { ...process.env, FS_TARGET: target, FS_TARGET_SUMMARY: summary, FS_TEST_NETNS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.stdout.pipe(out, { end: false });
  child.stderr.pipe(out, { end: false });
  const code = await new Promise(resolve => child.on('close', (c, s) => resolve(c ?? (s ? 1 : 0))));
  children.delete(child);
  await new Promise(resolve => out.end(resolve));
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(`\n=== ${label}: ${seconds} s ===\n`);
  process.stdout.write(readFileSync(log));
  let result = null;
  try {
    result = JSON.parse(readFileSync(summary, 'utf8'));
  } catch {
    /* died before writing it */
  }
  if (!result) {
    tally.add(`${label}: no result (exit ${code}${code === 1 ? '; is unshare allowed here?' : ''})`, { passed: 0, failed: 1 });
  } else {
    for (const line of result.lines) tally.lines.push(line);
    for (const k of ['passed', 'failed', 'skipped']) tally.total[k] += result.total[k];
    if (result.total.failed) failures.push(`--- ${label} ---`, ...failureLines(readFileSync(log, 'utf8')));
    if (code !== 0 && !result.total.failed) tally.add(`${label}: exited ${code}`, { passed: 0, failed: 1 });
  }
  tally.lines.push(`${label}: ${seconds} s`);
}

const failures = [];
/** The lines of a target's log that name a failed test and its error, so the end of the output says what failed. */
function failureLines(text) {
  const colours = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, 'g');
  const lines = text.replace(colours, '').split('\n');
  const out = [];
  lines.forEach((line, i) => {
    if (/❌|^\s*not ok |✖/.test(line)) out.push(...lines.slice(i, i + 8).filter(l => l.trim()));
  });
  return out.length ? out.slice(0, 60) : ['(no failure lines found; see the log above)'];
}

const queue = [...targets].sort((a, b) => (WEIGHT[b] ?? 0) - (WEIGHT[a] ?? 0));
const started = Date.now();
await Promise.all(
  Array.from({ length: Math.min(lanes, queue.length) }, async () => {
    for (let t = queue.shift(); t; t = queue.shift()) await runTarget(t);
  }),
);

console.log('');
if (failures.length) console.log(['Failed:', ...failures, ''].join('\n'));
for (const line of tally.lines) console.log(line);
console.log(`Targets: ${Math.round((Date.now() - started) / 1000)} s on ${lanes} lane(s)`);
const { passed, failed, skipped } = tally.total;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed || passed === 0 ? 1 : 0);
