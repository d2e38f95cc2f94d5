// Runs the calling script again inside a new network namespace with only `lo` (up), so that no
// packet leaves the machine and WebRTC offers 127.0.0.1 alone. Root gets a plain network
// namespace; anyone else maps themselves to root in a user namespace first.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Returns when already inside; otherwise re-runs `scriptUrl` inside and exits with its status. */
export function enterLoopbackNamespace(scriptUrl, args = process.argv.slice(2)) {
  if (process.env.FS_TEST_NETNS) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const result = spawnSync(
    'unshare',
    [isRoot ? '-n' : '-rn', 'sh', '-c', 'ip link set lo up && exec "$0" "$@"', process.execPath, fileURLToPath(scriptUrl), ...args],
    { stdio: 'inherit', env: { ...process.env, FS_TEST_NETNS: '1' } },
  );
  if (result.error) {
    console.error(`Could not create a network namespace (${result.error.message}). Needs unshare (util-linux) and ip (iproute2).`);
    process.exit(1);
  }
  process.exit(result.status ?? 1);
}

const flowRules = [];
/**
 * Drops every UDP packet to or from `port` on loopback (IPv4 and IPv6: Firefox uses ::1), inside
 * this namespace only: a browser's side of a call's media path, dead for good.
 */
export function cutFlow(port) {
  if (!(port > 0)) throw new Error('cut-flow: a port');
  if (!process.env.FS_TEST_NETNS) throw new Error('cut-flow: only inside the loopback namespace');
  for (const tool of ['iptables', 'ip6tables']) {
    for (const dir of ['--sport', '--dport']) {
      const rule = ['INPUT', '-p', 'udp', dir, String(port), '-j', 'DROP'];
      const run = spawnSync(tool, ['-I', ...rule], { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`${tool}: ${run.stderr.trim()}`);
      flowRules.push([tool, rule]);
    }
  }
}
/** Lifts every rule cutFlow made. */
export function restoreFlows() {
  for (const [tool, rule] of flowRules.splice(0)) spawnSync(tool, ['-D', ...rule]);
}
