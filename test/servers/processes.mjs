// Starting, watching and stopping the real servers' processes (test/servers/harness.mjs and
// farm.mjs): each runs in the foreground with its output in a log file, and is stopped by PID.
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { closeSync, copyFileSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where server logs of a failed run are kept. */
export const LOG_DIR = fileURLToPath(new URL('../../test-results/servers', import.meta.url));

/** Copies the logs of `procs` to LOG_DIR, named after the target; returns their paths. */
export function keepLogs(target, procs) {
  if (!procs.length) return [];
  mkdirSync(LOG_DIR, { recursive: true });
  return procs.map(p => {
    const kept = join(LOG_DIR, `${target}-${p.name}.log`);
    copyFileSync(p.logFile, kept);
    return kept;
  });
}

/** rtpengine's control (NG) port of the relayed target. */
export const RTPENGINE_NG_PORT = 2223;

export function alive({ child }) {
  return child.exitCode === null && child.signalCode === null;
}

export function launch(bin, dir, args, name = bin) {
  const logFile = `${dir}/${name}.log`;
  const fd = openSync(logFile, 'a'); // a restarted server appends to its log
  const child = spawn(bin, args, { stdio: ['ignore', fd, fd], cwd: dir });
  closeSync(fd);
  child.on('error', () => {});
  return { name, child, logFile };
}

export function collect(started) {
  return started
    .map(p => {
      let text = '';
      try {
        text = readFileSync(p.logFile, 'utf8');
      } catch {
        /* no log yet */
      }
      return `----- ${p.name} log (last 60 lines) -----\n${text.split('\n').slice(-60).join('\n')}`;
    })
    .join('\n');
}

export function stopProcess({ child }) {
  return new Promise(resolve => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function waitFor(check, what, started, timeoutMs = 15000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const dead = started.find(p => !alive(p));
    if (dead) throw new Error(`${dead.name} exited while starting (${dead.child.exitCode ?? dead.child.signalCode})`);
    if (await check()) return;
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error(`${what} did not come up within ${timeoutMs / 1000} s`);
}

export function tcpAnswers(port) {
  return new Promise(resolve => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Sends one UDP datagram (`build(localPort)`) to 127.0.0.1:`port`; resolves true when an answer
 * that `accept`s comes back within 300 ms.
 */
function udpAnswers(port, build, accept) {
  return new Promise(resolve => {
    const socket = createSocket('udp4');
    const done = ok => {
      clearTimeout(timer);
      socket.close();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), 300);
    socket.on('message', msg => done(accept(msg.toString())));
    socket.on('error', () => done(false));
    socket.bind(0, '127.0.0.1', () => socket.send(build(socket.address().port), port, '127.0.0.1'));
  });
}

/** rtpengine's NG protocol: a cookie, then a bencoded dictionary; `ping` answers `pong`. */
export function rtpengineAnswers(port = RTPENGINE_NG_PORT) {
  return udpAnswers(port, () => 'fsping d7:command4:pinge', text => text.includes('pong'));
}

/** A SIP server on UDP `port` answers an OPTIONS (any reply counts). */
export function sipAnswers(port) {
  const branch = `z9hG4bK${Math.random().toString(36).slice(2)}`;
  const options = local =>
    [
      `OPTIONS sip:127.0.0.1:${port} SIP/2.0`,
      `Via: SIP/2.0/UDP 127.0.0.1:${local};branch=${branch};rport`,
      'Max-Forwards: 70',
      `From: <sip:probe@127.0.0.1>;tag=${branch}`,
      `To: <sip:127.0.0.1:${port}>`,
      `Call-ID: ${branch}@127.0.0.1`,
      'CSeq: 1 OPTIONS',
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n');
  return udpAnswers(port, options, text => text.startsWith('SIP/2.0'));
}

/** Starts an rtpengine in userspace on 127.0.0.1 with control port `ng` and RTP ports `ports`; resolves once it answers. */
export async function startRtpengine(dir, { name = 'rtpengine', ng = RTPENGINE_NG_PORT, ports, dtlsPassive = false }) {
  const proc = launch('rtpengine', dir, [
    '--config-file=none',
    '--foreground',
    '--log-stderr',
    '--log-level=6',
    '--table=-1',
    '--interface=127.0.0.1',
    `--listen-ng=127.0.0.1:${ng}`,
    `--port-min=${ports[0]}`,
    `--port-max=${ports[1]}`,
    `--pidfile=${dir}/${name}.pid`,
    ...(dtlsPassive ? ['--dtls-passive'] : []),
  ], name);
  // Kamailio's rtpengine module pings the control socket when it starts: rtpengine first.
  await waitFor(() => rtpengineAnswers(ng), `${name} control socket`, [proc]);
  return proc;
}
