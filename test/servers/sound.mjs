// A sound server with no sound card: PulseAudio with one null sink, on a Unix socket in a
// temporary directory (no network port). Headless Firefox only runs an AudioContext when it can
// open an audio output, so the ringing tests need one; Chromium fakes its own.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SOUND_HINT = 'apt-get install -y --no-install-recommends pulseaudio';

/** Null when PulseAudio can run here, or why not. */
export function soundMissing() {
  return spawnSync('sh', ['-c', 'command -v pulseaudio']).status === 0 ? null : `pulseaudio is not installed (${SOUND_HINT})`;
}

/**
 * Starts PulseAudio; resolves with `{ env, stop }` once its socket exists. `env` points clients
 * (PULSE_SERVER) at it. As root it runs in system mode, which drops to the `pulse` user.
 */
export async function startSoundServer() {
  const dir = mkdtempSync(join(tmpdir(), 'fs-sound-'));
  chmodSync(dir, 0o1777);
  const socket = join(dir, 'native');
  const log = join(dir, 'log');
  const root = process.getuid?.() === 0;
  const args = [
    ...(root ? ['--system'] : []),
    '--daemonize=no', '--exit-idle-time=-1', '--disallow-exit', '--disallow-module-loading', '-n', '--use-pid-file=no',
    '--log-target=file:' + log,
    '--load=module-null-sink sink_name=silence',
    `--load=module-native-protocol-unix socket=${socket} auth-anonymous=1`,
  ];
  const child = spawn('pulseaudio', args, { stdio: 'ignore', env: { ...process.env, HOME: dir } });
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise(resolve => child.once('exit', resolve));
    }
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 100 && !existsSync(socket); i++) {
    if (child.exitCode !== null) break;
    await new Promise(r => setTimeout(r, 50));
  }
  if (!existsSync(socket)) {
    const text = existsSync(log) ? readFileSync(log, 'utf8') : '';
    await stop();
    throw new Error(`pulseaudio did not start:\n${text}`);
  }
  return { env: { PULSE_SERVER: `unix:${socket}` }, stop };
}
