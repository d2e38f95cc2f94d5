// `npm run bench`: size, registration, call setup, unreachable STUN, soak, churn and failover, measured in
// headless Chromium inside a loopback-only network namespace against Kamailio (or the development
// SIP server when Kamailio is not installed), with raw JsSIP as the baseline in the same run.
// Prints a Markdown table and writes bench/results.json. Needs `npm run build` first (npm run
// bench does it).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { cutFlow, enterLoopbackNamespace, restoreFlows } from '../test/servers/netns.mjs';

enterLoopbackNamespace(import.meta.url);

const { rollup } = await import('rollup');
const { default: commonjs } = await import('@rollup/plugin-commonjs');
const { default: json } = await import('@rollup/plugin-json');
const { default: resolve } = await import('@rollup/plugin-node-resolve');
const { default: terser } = await import('@rollup/plugin-terser');
const { TERSER, builtJssip, onwarn } = await import('../dev/build/plugins.mjs');
const { BROWSER_PATHS, launchBrowser } = await import('../test/servers/browsers.mjs');
const { missing, startTarget, turnMissing } = await import('../test/servers/harness.mjs');
const { FARM } = await import('../test/servers/farm.mjs');
const { startStaticServer } = await import('../dev/start.mjs');
const { partSizes, sizes } = await import('./sizes.mjs');
const { startTurn, TURN_PORT } = await import('../test/servers/turn.mjs');
const { stopProcess } = await import('../test/servers/processes.mjs');
const { createSocket } = await import('node:dgram');
const { mkdtempSync, rmSync } = await import('node:fs');

const root = fileURLToPath(new URL('..', import.meta.url));
const out = fileURLToPath(new URL('./dist/', import.meta.url));
const FULL_RUNS = { register: 20, calls: 30, typed: 10, button: 10, stunOurs: 10, stunAnswering: 10, stunRaw: 2, soak: 600, soakChunk: 100, churn: 200, perBrowser: 15, failover: 7, pathBreak: 10, relayRestart: 10, tabs: 10, socketCut: 20, reload: 10, lamps: 20, contacts: 50 };
// FS_BENCH_QUICK=1: a tenth of the runs (at least two), to try the bench out; its figures are not the bench's.
const RUNS = process.env.FS_BENCH_QUICK ? Object.fromEntries(Object.entries(FULL_RUNS).map(([k, n]) => [k, Math.max(2, Math.ceil(n / 10))])) : FULL_RUNS;
// The lamps' rows take under a minute: full in either mode.
RUNS.lamps = FULL_RUNS.lamps;
const HTTP_PORT = 8100;

/**
 * Bundles a virtual entry's `code` for a page: with the JsSIP the single script carries
 * (dist/jssip.js) when `built`, else with JsSIP as published (its own dependencies).
 */
async function bundle(name, code, { minify = true, globalName, built = true } = {}) {
  const entry = '\0bench-entry';
  const b = await rollup({
    input: entry,
    plugins: [
      { name: 'entry', resolveId: id => (id === entry ? id : null), load: id => (id === entry ? code : null) },
      ...(built ? [builtJssip()] : []),
      json(),
      resolve({ browser: true, preferBuiltins: false }),
      commonjs(),
    ],
    onwarn,
  });
  const file = `${out}${name}`;
  await b.write({ file, format: 'iife', name: globalName, plugins: minify ? [terser(TERSER)] : [] });
  await b.close();
  return file;
}

const stats = values => {
  const v = values.filter(Number.isFinite).sort((x, y) => x - y);
  if (!v.length) return { n: 0, median: NaN, p95: NaN };
  const q = p => v[Math.min(v.length - 1, Math.ceil(p * v.length) - 1)];
  return { n: v.length, median: q(0.5), p95: q(0.95) };
};
const ms = x => (Number.isFinite(x) ? `${Math.round(x)} ms` : 'n/a');
const kb = x => `${(x / 1024).toFixed(1)} KiB`;

mkdirSync(out, { recursive: true });
console.log('Building the floor (JsSIP + Lit) and the JsSIP baseline bundle…');
const floorFile = await bundle('floor.min.js', "import * as JsSIP from 'jssip'; import * as lit from 'lit'; window.__floor = [JsSIP, lit];");
await bundle('jssip.js', "import JsSIP from 'jssip'; export default JsSIP;", { minify: false, globalName: 'JsSIP', built: false });
const size = { ours: sizes(`${root}dist/fs-video-phone.min.js`), floor: sizes(floorFile) };
size.share = Object.fromEntries(Object.keys(size.ours).map(k => [k, size.ours[k] - size.floor[k]]));
size.parts = await partSizes(`${root}dist/fs-video-phone.min.js`);

const target = missing('kamailio') ? 'dev' : 'kamailio';
console.log(`SIP server: ${target === 'kamailio' ? 'Kamailio' : 'development SIP server'} on ws://127.0.0.1:5066`);
const servers = await startTarget(target, { turn: false });
const http = await startStaticServer({ port: HTTP_PORT, served: ['dist', 'bench', 'test'] });
const browser = await launchBrowser('chromium');
const results = { date: new Date().toISOString(), machine: `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}`, chromium: await browser.version(), server: target, runs: RUNS, size };
try {
  const page = await browser.newPage();
  page.on('pageerror', err => console.error('page error:', err.message));
  await page.goto(`http://127.0.0.1:${HTTP_PORT}/bench/pages/bench.html`);
  const cdp = await page.createCDPSession();
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  };
  const run = (fn, ...args) => page.evaluate((f, a) => window[f](...a), fn, args);

  console.log(`register × ${RUNS.register}…`);
  results.register = stats(await run('benchRegister', RUNS.register));

  console.log(`call setup × ${RUNS.calls}, ours (without and with the self-view open) and raw JsSIP…`);
  const ours = await run('benchCalls', RUNS.calls, {});
  const preview = await run('benchCalls', RUNS.calls, { preview: true });
  const rawCalls = await run('benchRawCalls', RUNS.calls, {});
  const setup = r => ({ connected: stats(r.connected), frame: stats(r.frame), both: stats(r.both), answer: stats(r.answer), failures: r.failures });
  results.calls = {
    ours: setup(ours),
    preview: setup(preview),
    raw: { connected: stats(rawCalls.connected), frame: stats(rawCalls.frame), failures: rawCalls.failures },
  };

  console.log(`typed number in a fresh page × ${RUNS.typed}, ours and raw JsSIP…`);
  await run('benchCallee');
  const typed = { ours: [], raw: [] };
  for (let i = 0; i < RUNS.typed; i++) {
    for (const side of ['ours', 'raw']) {
      const fresh = await browser.newPage();
      try {
        await fresh.goto(`http://127.0.0.1:${HTTP_PORT}/bench/pages/bench.html`);
        if (side === 'ours') {
          await fresh.evaluate(() => window.benchTypedSetup());
          const field = await fresh.evaluateHandle(() => window.typedPhone.shadowRoot.querySelector('[part~="target-input"]'));
          await field.click();
          await fresh.keyboard.type('1009', { delay: 150 });
          const measured = fresh.evaluate(() => window.benchTypedMeasure());
          const call = await fresh.evaluateHandle(() => window.typedPhone.shadowRoot.querySelector('[part~="call-button"]'));
          await call.click();
          typed.ours.push(await measured);
        } else {
          await fresh.evaluate(() => window.benchRawFreshSetup());
          await new Promise(r => setTimeout(r, 4 * 150)); // the same four keys' time, though raw JsSIP does nothing with it
          typed.raw.push(await fresh.evaluate(() => window.benchRawFreshCall()));
        }
      } finally {
        await fresh.close();
      }
      await new Promise(r => setTimeout(r, 300));
    }
  }
  await run('benchCalleeStop');
  results.typed = { ours: stats(typed.ours), raw: stats(typed.raw) };

  console.log(`tab with the account closed → the other tab registered × ${RUNS.tabs}…`);
  results.tabs = stats(await run('benchTabHandover', RUNS.tabs));

  console.log(`page reloaded during a call → both sides decoding again × ${RUNS.reload}…`);
  const reload = await run('benchReload', RUNS.reload);
  results.reload = { ...stats(reload.times), failed: reload.failed };

  console.log(`SIP server stopped for 1.5 s in a call × ${RUNS.socketCut}…`);
  await page.exposeFunction('benchSip', what => (what === 'stop' ? servers.stopSip() : servers.startSip()));
  results.socketCut = await run('benchSocketCut', RUNS.socketCut);

  console.log(`lamps: ${FULL_RUNS.contacts} contacts watched, then ${RUNS.lamps} calls watched…`);
  await run('benchLampsStart');
  const unwatched = await heap();
  const watch = await run('benchLampsWatch', FULL_RUNS.contacts);
  const watching = await heap();
  const lampDelay = await run('benchLampsDelay', RUNS.lamps);
  const after = await heap();
  await run('benchLampsStop');
  results.lamps = { ...watch, heap: watching - unwatched, heapAfterCalls: after - watching, ringing: stats(lampDelay.ringing), busy: stats(lampDelay.busy), available: stats(lampDelay.available) };


  // A STUN server that never answers (a UDP port that swallows every packet) against one that
  // answers (coturn, when installed): with STUN configured the SDP waits for server-reflexive
  // candidates (iceSettleMs), which a silent server must not stretch.
  const SILENT_STUN = 3479;
  const silent = createSocket('udp4');
  await new Promise(r => silent.bind(SILENT_STUN, '127.0.0.1', r));
  const turnDir = turnMissing() ? null : mkdtempSync(`${os.tmpdir()}/fs-bench-turn-`);
  const stunServer = turnDir ? await startTurn(turnDir) : null;
  try {
    console.log(`unreachable STUN (stun:127.0.0.1:${SILENT_STUN}): ours × ${RUNS.stunOurs}, raw JsSIP × ${RUNS.stunRaw} (capped at 60 s)…`);
    const stunOurs = await run('benchCalls', RUNS.stunOurs, { iceServers: `stun:127.0.0.1:${SILENT_STUN}` });
    const stunRaw = await run('benchRawCalls', RUNS.stunRaw, { iceServers: [{ urls: `stun:127.0.0.1:${SILENT_STUN}` }], capMs: 60000 });
    results.unreachableStun = {
      ours: { connected: stats(stunOurs.connected), frame: stats(stunOurs.frame), failures: stunOurs.failures },
      raw: { connected: stats(stunRaw.connected), frame: stats(stunRaw.frame), failures: stunRaw.failures, capped: stunRaw.capped },
    };
    if (stunServer) {
      console.log(`STUN that answers (coturn, stun:127.0.0.1:${TURN_PORT}): ours × ${RUNS.stunAnswering}…`);
      const answering = await run('benchCalls', RUNS.stunAnswering, { iceServers: `stun:127.0.0.1:${TURN_PORT}` });
      results.answeringStun = { ours: { connected: stats(answering.connected), frame: stats(answering.frame), failures: answering.failures } };
    }
  } finally {
    silent.close();
    if (stunServer) await stopProcess(stunServer.process);
    if (turnDir) rmSync(turnDir, { recursive: true, force: true });
  }
  await run('benchRawStop');

  console.log(`soak: ${RUNS.soak} calls between two elements in one tab…`);
  const soak = { failures: 0, heap: [await heap()] };
  for (let done = 0; done < RUNS.soak; done += RUNS.soakChunk) {
    const r = await run('benchCalls', RUNS.soakChunk, { frames: false });
    soak.failures += r.failures;
    soak.heap.push(await heap());
    console.log(`  ${done + RUNS.soakChunk} calls, heap ${(soak.heap.at(-1) / 2 ** 20).toFixed(1)} MiB, failures ${soak.failures}`);
  }
  await run('benchPairStop');
  await new Promise(r => setTimeout(r, 3000));
  await heap();
  soak.leftOpen = await run('__leftOpen');
  const growth = soak.heap.slice(1).map((h, i) => h - soak.heap[i]);
  soak.heapGrowthPer100 = stats(growth.slice(1)); // the first hundred includes warm-up
  results.soak = soak;

  console.log(`churn: ${RUNS.churn} × create → register → remove…`);
  const before = await heap();
  await run('benchChurn', RUNS.churn);
  await new Promise(r => setTimeout(r, 3000));
  results.churn = { heapGrowth: (await heap()) - before, leftOpen: await run('__leftOpen') };

  // Last, once the pair's phones (1000 among them) are gone: the button calls 1000, the number
  // guests may call, and a fresh page of its own registers 1000 each time to answer.
  console.log(`call button in a fresh page × ${RUNS.button}, ours and raw JsSIP as a guest…`);
  const button = { ours: { ring: [], frame: [] }, raw: { ring: [], frame: [] } };
  for (let i = 0; i < RUNS.button; i++) {
    for (const side of ['ours', 'raw']) {
      const fresh = await browser.newPage();
      try {
        await fresh.goto(`http://127.0.0.1:${HTTP_PORT}/bench/pages/bench.html`);
        await fresh.evaluate(() => window.benchButtonSetup());
        let r;
        if (side === 'ours') {
          const measured = fresh.evaluate(() => window.benchButtonMeasure());
          const press = await fresh.evaluateHandle(() => window.callButton.shadowRoot.querySelector('[part~="button"]'));
          await press.click();
          r = await measured;
        } else {
          r = await fresh.evaluate(() => window.benchRawGuestCall());
        }
        button[side].ring.push(r.ring);
        button[side].frame.push(r.frame);
        if (r.failed || !Number.isFinite(r.frame)) console.log(`  ${side}: no call (${r.failed ?? 'no frame'})`);
        await fresh.evaluate(() => window.benchButtonStop());
      } finally {
        await fresh.close();
      }
      await new Promise(r => setTimeout(r, 300));
    }
  }
  const failed = side => button[side].frame.filter(f => !Number.isFinite(f)).length;
  results.button = {
    ours: { ring: stats(button.ours.ring), frame: stats(button.ours.frame), failures: failed('ours') },
    raw: { ring: stats(button.raw.ring), frame: stats(button.raw.frame), failures: failed('raw') },
  };
} finally {
  await browser.close();
  await servers.stop();
}

// Call setup per browser and server: each browser in turn, two phones in one page.
const SETUPS = [
  { target: 'kamailio', label: 'Kamailio, peer to peer' },
  { target: 'relayed', label: 'Kamailio + rtpengine, its default DTLS role' },
  { target: 'relayed', dtlsPassive: true, label: 'Kamailio + rtpengine, passive DTLS (--dtls-passive, DTLS=passive)' },
];
results.perBrowser = [];
results.pathBreak = [];
results.relayRestart = [];
// Where a bench page asks for a call's media ports to be dropped (benchPathBreak, /cut) or for the
// media relay to stop and start again (benchRelayRestart, /relay).
const CUT_PORT = 8101;
let relayed; // the target whose relay /relay drives
const { createServer } = await import('node:http');
const cutter = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://cut');
  try {
    if (url.pathname === '/relay') await (url.searchParams.get('do') === 'stop' ? relayed.stopRelay() : relayed.startRelay());
    else for (const port of (url.searchParams.get('ports') ?? '').split(',')) cutFlow(Number(port));
    res.writeHead(204).end();
  } catch (err) {
    res.writeHead(500).end(String(err.message));
  }
});
await new Promise(r => cutter.listen(CUT_PORT, '127.0.0.1', r));
try {
  for (const setup of SETUPS) {
    if (missing(setup.target)) {
      console.log(`${setup.label}: skipped, ${missing(setup.target)}`);
      continue;
    }
    const srv = (relayed = await startTarget(setup.target, { dtlsPassive: !!setup.dtlsPassive }));
    try {
      for (const kind of Object.keys(BROWSER_PATHS)) {
        if (!existsSync(BROWSER_PATHS[kind])) {
          console.log(`${kind}: skipped, ${BROWSER_PATHS[kind]} is not installed`);
          continue;
        }
        console.log(`call setup in ${kind}, ${setup.label} × ${RUNS.perBrowser}…`);
        const b = await launchBrowser(kind);
        try {
          const page = await b.newPage();
          page.on('pageerror', err => console.error('page error:', err.message));
          await page.goto(`http://127.0.0.1:${HTTP_PORT}/bench/pages/bench.html`);
          const r = await page.evaluate(n => window.benchCalls(n, {}), RUNS.perBrowser);
          results.perBrowser.push({ browser: kind, version: await b.version(), server: setup.label, connected: stats(r.connected), frame: stats(r.frame), both: stats(r.both), failures: r.failures });
          if (!setup.dtlsPassive) {
            console.log(`media path broken in ${kind}, ${setup.label} × ${RUNS.pathBreak}, with the RTP-gap detection and with ICE's states alone…`);
            const cutUrl = `http://127.0.0.1:${CUT_PORT}/cut`;
            const quick = await page.evaluate((n, u) => window.benchPathBreak(n, { quick: true, cutUrl: u }), RUNS.pathBreak, cutUrl);
            const slow = await page.evaluate((n, u) => window.benchPathBreak(n, { quick: false, cutUrl: u }), RUNS.pathBreak, cutUrl);
            restoreFlows();
            results.pathBreak.push({ browser: kind, server: setup.label, quick: stats(quick.back), slow: stats(slow.back), failures: quick.failures, slowFailures: slow.failures });
          }
          if (setup.target === 'relayed') {
            console.log(`media relay restarted in ${kind}, ${setup.label} × ${RUNS.relayRestart}…`);
            const r = await page.evaluate((n, u) => window.benchRelayRestart(n, { relayUrl: u }), RUNS.relayRestart, `http://127.0.0.1:${CUT_PORT}/relay`);
            results.relayRestart.push({ browser: kind, server: setup.label, back: stats(r.back), ended: r.ended, failures: r.failures });
            for (const e of r.errors) console.log(`  a run failed: ${e}`);
          }
        } finally {
          await b.close();
        }
      }
    } finally {
      await srv.stop();
    }
  }
} finally {
  http.close();
  cutter.close();
  restoreFlows();
}

// Failover: the farm's two WebSocket edges, one stopped at a time (the one the phones use); the
// time from stopping it to both phones registered through the other. It starts again afterwards
// and the phones stay where they are, so the next switch goes the other way.
if (missing('farm')) {
  console.log(`failover: skipped, ${missing('farm')}`);
} else {
  const farm = await startTarget('farm');
  const b = await launchBrowser('chromium');
  const http2 = await startStaticServer({ port: HTTP_PORT, served: ['dist', 'bench'] });
  try {
    const page = await b.newPage();
    page.on('pageerror', err => console.error('page error:', err.message));
    await page.goto(`http://127.0.0.1:${HTTP_PORT}/bench/pages/bench.html`);
    const [first, second] = FARM.edges;
    await page.evaluate(s => window.benchFailoverStart(s), `ws://127.0.0.1:${first};weight=2 ws://127.0.0.1:${second}`);
    console.log(`failover between the farm's edges × ${RUNS.failover}…`);
    const switches = [];
    let inUse = first;
    for (let i = 0; i < RUNS.failover; i++) {
      await page.evaluate(() => window.benchFailoverArm());
      const stopped = Date.now();
      await farm.closePort(inUse);
      switches.push((await page.evaluate(() => window.benchFailoverWait())) - stopped);
      await farm.openPort(inUse);
      inUse = inUse === first ? second : first;
      await new Promise(r => setTimeout(r, 1000));
    }
    await page.evaluate(() => window.benchFailoverStop());
    results.failover = { ...stats(switches), all: switches };
  } finally {
    await b.close();
    http2.close();
    await farm.stop();
  }
}

writeFileSync(fileURLToPath(new URL('./results.json', import.meta.url)), `${JSON.stringify(results, null, 2)}\n`);

const c = results.calls;
const s = results.unreachableStun;
const a = results.answeringStun;
const ratio = (a, b) => (Number.isFinite(a / b) ? `${(a / b).toFixed(2)}×` : 'n/a');
const soakR = results.soak;
const table = [
  `| Measure | fs-video-phone | Baseline | Ratio | Target |`,
  `| --- | --- | --- | --- | --- |`,
  `| Size, minified | ${kb(size.ours.minified)} | ${kb(size.floor.minified)} (JsSIP + Lit) | +${kb(size.share.minified)} ours | |`,
  `| Size, gzip -9 | ${kb(size.ours.gzip)} | ${kb(size.floor.gzip)} | +${kb(size.share.gzip)} ours | ≤ 88 KiB |`,
  `| Size, brotli | ${kb(size.ours.brotli)} | ${kb(size.floor.brotli)} | +${kb(size.share.brotli)} ours | |`,
  `| Register (connected → fs-registered), median / p95 | ${ms(results.register.median)} / ${ms(results.register.p95)} | | | |`,
  `| Dial → connected (no self-view: camera opened on dial), median / p95 | ${ms(c.ours.connected.median)} / ${ms(c.ours.connected.p95)} | ${ms(c.raw.connected.median)} / ${ms(c.raw.connected.p95)} (raw JsSIP) | ${ratio(c.ours.connected.median, c.raw.connected.median)} | |`,
  `| Dial → first remote frame, median / p95 | ${ms(c.ours.frame.median)} / ${ms(c.ours.frame.p95)} | ${ms(c.raw.frame.median)} / ${ms(c.raw.frame.p95)} (raw JsSIP) | ${ratio(c.ours.frame.median, c.raw.frame.median)} | ≤ 1.10× |`,
  `| Dial → first remote frame, self-view open, median / p95 | ${ms(c.preview.frame.median)} / ${ms(c.preview.frame.p95)} | ${ms(c.raw.frame.median)} / ${ms(c.raw.frame.p95)} (raw JsSIP) | ${ratio(c.preview.frame.median, c.raw.frame.median)} | ≤ 0.80× |`,
  `| Fresh page, number typed, Call pressed → first remote frame, median / p95 | ${ms(results.typed.ours.median)} / ${ms(results.typed.ours.p95)} | ${ms(results.typed.raw.median)} / ${ms(results.typed.raw.p95)} (raw JsSIP, fresh page, camera opened on dial) | ${ratio(results.typed.ours.median, results.typed.raw.median)} | ≤ 0.60× |`,
  `| Call button (fresh page, guest): press → the callee rings, median / p95 | ${ms(results.button.ours.ring.median)} / ${ms(results.button.ours.ring.p95)} | ${ms(results.button.raw.ring.median)} / ${ms(results.button.raw.ring.p95)} (raw JsSIP guest, made on the press) | ${ratio(results.button.ours.ring.median, results.button.raw.ring.median)} | |`,
  `| Call button (fresh page, guest): press → first remote frame, median / p95 | ${ms(results.button.ours.frame.median)} / ${ms(results.button.ours.frame.p95)} | ${ms(results.button.raw.frame.median)} / ${ms(results.button.raw.frame.p95)} (raw JsSIP guest, made on the press) | ${ratio(results.button.ours.frame.median, results.button.raw.frame.median)} | |`,
  `| Call button: calls that did not get through, of ${RUNS.button} | ${results.button.ours.failures} | ${results.button.raw.failures} (raw JsSIP) | | 0 |`,
  `| Tab with the account closed → another tab registered, median / p95 | ${ms(results.tabs.median)} / ${ms(results.tabs.p95)} | | | ≤ 2 s |`,
  `| Page reloaded during a call → both sides decoding again, median / p95 (calls not taken back, of ${RUNS.reload}) | ${ms(results.reload.median)} / ${ms(results.reload.p95)} (${results.reload.failed}) | | | |`,
  `| SIP server stopped for 1.5 s during a call: calls lost, of ${RUNS.socketCut} | ${results.socketCut.lost} | | | 0 |`,
  `| Lamps: ${FULL_RUNS.contacts} contacts → every lamp lit (SUBSCRIBEs sent with digest retries; longest task) | ${ms(results.lamps.ms)} (${results.lamps.subscribes}; ${ms(results.lamps.longestTask)}) | | | |`,
  `| Lamps: JS heap for ${FULL_RUNS.contacts} contacts watched / its growth over ${RUNS.lamps} watched calls (after GC) | ${kb(results.lamps.heap)} / ${kb(results.lamps.heapAfterCalls)} | | | |`,
  `| Lamp delay, callee's 180 sent → lamp ringing / 200 sent → on a call / BYE sent → available, median (p95) | ${ms(results.lamps.ringing.median)} (${ms(results.lamps.ringing.p95)}) / ${ms(results.lamps.busy.median)} (${ms(results.lamps.busy.p95)}) / ${ms(results.lamps.available.median)} (${ms(results.lamps.available.p95)}) | | | ≤ 1 s |`,
  `| Dial → both sides decoding, median / p95 | ${ms(c.ours.both.median)} / ${ms(c.ours.both.p95)} | | | |`,
  `| Dial → both sides decoding, self-view open, median / p95 | ${ms(c.preview.both.median)} / ${ms(c.preview.both.p95)} | ${ms(c.ours.both.median)} (without) | ${ratio(c.preview.both.median, c.ours.both.median)} | |`,
  `| Answer: incoming INVITE → 200 OK sent, median / p95 | ${ms(c.ours.answer.median)} / ${ms(c.ours.answer.p95)} | | | |`,
  `| Answer, self-view open: incoming INVITE → 200 OK sent, median / p95 | ${ms(c.preview.answer.median)} / ${ms(c.preview.answer.p95)} | ${ms(c.ours.answer.median)} (without) | ${ratio(c.preview.answer.median, c.ours.answer.median)} | |`,
  `| Unreachable STUN: dial → connected, median | ${ms(s.ours.connected.median)} | ${ms(s.raw.connected.median)} (raw JsSIP${s.raw.capped ? `, ${s.raw.capped} capped at 60 s` : ''}) | ${ratio(s.ours.connected.median, s.raw.connected.median)} | |`,
  ...(a
    ? [`| Unreachable STUN vs. a STUN server that answers (ours), first frame | ${ms(s.ours.frame.median)} | ${ms(a.ours.frame.median)} (coturn) | ${ratio(s.ours.frame.median, a.ours.frame.median)} | ≤ 1.3× |`]
    : []),
  `| Unreachable STUN vs. no STUN server (ours), first frame | ${ms(s.ours.frame.median)} | ${ms(c.ours.frame.median)} | ${ratio(s.ours.frame.median, c.ours.frame.median)} | |`,
  `| Soak: ${RUNS.soak} calls, failures | ${soakR.failures} | | | 0 |`,
  `| Soak: peer connections not closed / tracks not ended after | ${soakR.leftOpen.peerConnections} / ${soakR.leftOpen.tracks} (of ${soakR.leftOpen.created.peerConnections} / ${soakR.leftOpen.created.tracks} created) | | | 0 / 0 |`,
  `| Soak: JS heap growth per 100 calls (after GC), median | ${(soakR.heapGrowthPer100.median / 2 ** 20).toFixed(2)} MiB | | | < 2 MiB |`,
  `| Churn: ${RUNS.churn} × create → register → remove: open WebSockets / heap growth | ${results.churn.leftOpen.webSockets} / ${(results.churn.heapGrowth / 2 ** 20).toFixed(2)} MiB | | | 0 |`,
  ...(results.failover ? [`| Failover: WebSocket edge in use stopped → both phones registered through the other (farm), median / max of ${results.failover.n} | ${ms(results.failover.median)} / ${ms(Math.max(...results.failover.all))} | | | ≤ 5 s |`] : []),
].join('\n');
const byPart = [
  `| Part of the single script | Minified | gzip -9 (the part alone) |`,
  `| --- | --- | --- |`,
  ...Object.entries(size.parts).map(([name, p]) => `| ${name} | ${kb(p.minified)} | ${kb(p.gzip)} |`),
  `| whole file | ${kb(size.ours.minified)} | ${kb(size.ours.gzip)} |`,
].join('\n');
const perBrowser = [
  `| Browser | Server | Dial → connected, median / p95 | Dial → first remote frame, median / p95 | Dial → both sides decoding, median / p95 | Failures |`,
  `| --- | --- | --- | --- | --- | --- |`,
  ...results.perBrowser.map(r => `| ${r.version} | ${r.server} | ${ms(r.connected.median)} / ${ms(r.connected.p95)} | ${ms(r.frame.median)} / ${ms(r.frame.p95)} | ${ms(r.both.median)} / ${ms(r.both.p95)} | ${r.failures} of ${RUNS.perBrowser} |`),
].join('\n');
const pathBreak = [
  `| Browser | Server | Media path broken → both sides decoding again, median / p95 | ICE's states alone (baseline), median / p95 | Ratio | Failures | Target |`,
  `| --- | --- | --- | --- | --- | --- | --- |`,
  ...results.pathBreak.map(r => `| ${r.browser} | ${r.server} | ${ms(r.quick.median)} / ${ms(r.quick.p95)} | ${ms(r.slow.median)} / ${ms(r.slow.p95)} | ${ratio(r.quick.median, r.slow.median)} | ${r.failures} / ${r.slowFailures} of ${RUNS.pathBreak} | ≤ 2 s |`),
].join('\n');
const relayRestart = [
  `| Browser | Server | Relay back after 3 s away → both sides decoding again, median / p95 | Calls ended instead (media-error) | Failures | Target |`,
  `| --- | --- | --- | --- | --- | --- |`,
  ...results.relayRestart.map(r => `| ${r.browser} | ${r.server} | ${r.back.n ? `${ms(r.back.median)} / ${ms(r.back.p95)}` : 'none came back'} | ${r.ended} of ${RUNS.relayRestart} | ${r.failures} | ≤ 2 s |`),
].join('\n');
console.log(`\n${perBrowser}\n\n${pathBreak}\n\n${relayRestart}`);
console.log(`\n${byPart}\n\n${table}\n\nMachine: ${results.machine}; ${results.chromium}; SIP server: ${target}.`);
