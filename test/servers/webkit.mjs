// Debian's WebKitGTK, driven over WebDriver (WebKitWebDriver from webkit2gtk-driver, its
// MiniBrowser as the browser) on a virtual X display (Xvfb): a real WebKit, which Debian builds
// without WebRTC. Used by test/webkit/webkit.test.mjs inside the loopback-only namespace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { stopProcess } from './processes.mjs';
import { until } from './wait.mjs';

const MINIBROWSER = ['/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser', '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser'].find(p => existsSync(p));
const INSTALL = 'apt-get install -y --no-install-recommends webkit2gtk-driver xvfb xauth';

/** Why WebKitGTK cannot run here, or null. */
export function webkitMissing() {
  for (const bin of ['WebKitWebDriver', 'Xvfb']) if (spawnSync('sh', ['-c', `command -v ${bin}`]).status !== 0) return `${bin} is not installed (${INSTALL})`;
  return MINIBROWSER ? null : `WebKitGTK's MiniBrowser is not installed (${INSTALL})`;
}

/**
 * Starts Xvfb (on a display it picks), WebKitWebDriver on `port` and one MiniBrowser session with
 * mock cameras and microphones. Resolves with `{ goto, run, close }`: `run(fn, ...args)` runs
 * `fn` (a function, sent as source) in the page and resolves with what it returns (awaited).
 */
export async function launchWebKit({ port = 4444 } = {}) {
  const xvfb = spawn('Xvfb', ['-displayfd', '1', '-nolisten', 'tcp', '-screen', '0', '1280x900x24'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const display = await new Promise((resolve, reject) => {
    xvfb.stdout.once('data', d => resolve(`:${String(d).trim()}`));
    xvfb.once('exit', code => reject(new Error(`Xvfb exited (${code})`)));
  });
  const driver = spawn('WebKitWebDriver', [`--port=${port}`, '--host=127.0.0.1'], { env: { ...process.env, DISPLAY: display }, stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  const wd = async (method, path, body) => {
    const res = await fetch(base + path, { method, headers: { 'Content-Type': 'application/json' }, body: body && JSON.stringify(body) });
    const json = await res.json();
    if (!res.ok) throw new Error(`WebDriver ${method} ${path}: ${json.value?.message ?? res.status}`);
    return json.value;
  };
  let session = null;
  try {
    await until(() => fetch(`${base}/status`).then(r => r.ok, () => false), 'WebKitWebDriver answers');
    const args = ['--automation', '--enable-mock-capture-devices'];
    session = (await wd('POST', '/session', { capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary: MINIBROWSER, args } } } })).sessionId;
  } catch (err) {
    driver.kill();
    xvfb.kill();
    throw err;
  }
  return {
    goto: url => wd('POST', `/session/${session}/url`, { url }),
    run: (fn, ...args) => wd('POST', `/session/${session}/execute/sync`, { script: `return (${fn}).apply(null, arguments)`, args }),
    version: async () => (await wd('GET', `/status`))?.build?.version ?? 'WebKitGTK',
    async close() {
      await wd('DELETE', `/session/${session}`).catch(() => {});
      await stopProcess({ child: driver });
      await stopProcess({ child: xvfb });
    },
  };
}
