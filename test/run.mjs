// `npm test`: runs the browser suite inside a loopback-only network namespace (so no packet
// leaves the machine and ICE only offers 127.0.0.1), next to the development SIP server, and
// ends with a plain "N passed, N failed" line.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const passThrough = process.argv.slice(2);

if (!process.env.FS_TEST_NETNS) {
  // Root gets a plain new network namespace; anyone else maps themselves to root in a user
  // namespace first. Either way only `lo` exists inside, and we bring it up.
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const result = spawnSync(
    'unshare',
    [isRoot ? '-n' : '-rn', 'sh', '-c', 'ip link set lo up && exec "$0" "$@"', process.execPath, fileURLToPath(import.meta.url), ...passThrough],
    { stdio: 'inherit', env: { ...process.env, FS_TEST_NETNS: '1' }, cwd: root },
  );
  if (result.error) {
    console.error(`Could not create a network namespace (${result.error.message}). Needs unshare (util-linux) and ip (iproute2).`);
    process.exit(1);
  }
  process.exit(result.status ?? 1);
}

const { startSipServer } = await import('../dev/sip-server.mjs');
const { createSocket } = await import('node:dgram');

// A STUN server that never answers (UDP 127.0.0.1:3479): the ICE tests point phones at it.
const silentStun = createSocket('udp4');
silentStun.on('message', () => {});
await new Promise(resolve => silentStun.bind(3479, '127.0.0.1', resolve));
const verbose = !!process.env.FS_SIP_LOG;
const sip = await startSipServer({ host: '127.0.0.1', port: 5066, log: verbose ? l => console.log(`[sip] ${l}`) : undefined });

const dir = mkdtempSync(join(tmpdir(), 'fs-test-'));
const summary = join(dir, 'summary.json');
const wtr = spawn(process.execPath, ['--import', join(root, 'test/loopback-only.mjs'), join(root, 'node_modules/@web/test-runner/dist/bin.js'), '--config', 'web-test-runner.config.mjs', ...passThrough], {
  stdio: 'inherit',
  cwd: root,
  env: { ...process.env, FS_TEST_SUMMARY: summary },
});
const stop = signal => wtr.kill(signal);
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
const code = await new Promise(resolve => wtr.on('exit', (c, s) => resolve(c ?? (s ? 1 : 0))));
await sip.close();
silentStun.close();

let counts = null;
try {
  counts = JSON.parse(readFileSync(summary, 'utf8'));
} catch {
  /* the runner died before reporting */
}
rmSync(dir, { recursive: true, force: true });
if (!counts) {
  console.log('0 passed, 1 failed');
  process.exit(code || 1);
}
const failed = counts.failed + (code !== 0 && counts.failed === 0 ? 1 : 0);
console.log(`${counts.passed} passed, ${failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`);
process.exit(failed || counts.passed === 0 ? 1 : 0);
