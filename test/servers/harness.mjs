// Starts and stops the SIP servers the browser suites run against, on 127.0.0.1 only:
//  - dev:      the development SIP server (dev/sip-server.mjs);
//  - kamailio: Kamailio with peer-to-peer media (signalling only);
//  - relayed:  rtpengine, then Kamailio putting it in every call's media path.
// Real servers are stopped by PID; their logs are kept (and shown) when a run fails.
import { spawn, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { closeSync, copyFileSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSipServer } from '../../dev/sip-server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const SIP_PORT = 5066;
export const RTPENGINE_NG_PORT = 2223;
/** RTP ports rtpengine may use; the relayed suite checks the media really goes through them. */
export const RTPENGINE_PORTS = [30000, 30199];

/**
 * An extra account on the development server with a password nothing else contains, so a test
 * can search everything a session printed, dispatched or rendered for it (test/embed.test.ts).
 */
export const CANARY = { user: '1099', password: 'canary-Qz7xW2kP' };

export const TARGETS = {
  dev: { description: 'development SIP server', needs: [] },
  kamailio: { description: 'Kamailio, peer-to-peer media', needs: ['kamailio'] },
  relayed: { description: 'Kamailio + rtpengine, media relayed by the server', needs: ['kamailio', 'rtpengine'] },
};

const INSTALL_HINT =
  'apt-get install -y --no-install-recommends kamailio kamailio-websocket-modules kamailio-extra-modules kamailio-utils-modules rtpengine-daemon';

/** Returns null when the target can run here, or a one-line reason why not. */
export function missing(target) {
  for (const bin of TARGETS[target].needs) {
    if (spawnSync('sh', ['-c', `command -v ${bin}`]).status !== 0) return `${bin} is not installed (${INSTALL_HINT})`;
  }
  if (TARGETS[target].needs.includes('kamailio') && spawnSync('sh', ['-c', 'ls /usr/lib/*/kamailio/modules/websocket.so']).status !== 0) {
    return `Kamailio's websocket module is not installed (${INSTALL_HINT})`;
  }
  return null;
}

/** Where server logs of a failed run are kept. */
export const LOG_DIR = join(here, '../../test-results/servers');

/** Starts a target's servers; resolves once every one of them answers. */
export async function startTarget(target, { verbose = false, dtlsPassive = false } = {}) {
  const t = new Target(target, verbose, dtlsPassive);
  try {
    await t.start();
  } catch (err) {
    const logs = t.logs();
    await t.stop();
    throw new Error(`${err.message}\n${logs}`, { cause: err });
  }
  return t;
}

/**
 * The running servers of one target. The SIP server alone can be stopped and started again
 * (`stopSip()` / `startSip()`), as a server outage; rtpengine, when there is one, keeps running.
 */
class Target {
  constructor(name, verbose, dtlsPassive = false) {
    this.name = name;
    this.verbose = verbose;
    /** rtpengine takes the passive DTLS role (relayed target): `--dtls-passive` + the offer flag. */
    this.dtlsPassive = dtlsPassive;
    this.dir = name === 'dev' ? null : mkdtempSync(join(tmpdir(), `fs-${name}-`));
    /** The development server object (dev target), for its statistics and test hooks. */
    this.dev = null;
    this.kamailio = null;
    this.rtpengine = null;
  }

  async start() {
    await this.startRelay();
    await this.startSip();
  }

  /** Starts rtpengine (relayed target only); a restarted one has lost every call it relayed. */
  async startRelay() {
    if (this.name === 'relayed' && !(this.rtpengine && alive(this.rtpengine))) {
      this.rtpengine = launch('rtpengine', this.dir, [
        '--config-file=none',
        '--foreground',
        '--log-stderr',
        '--log-level=6',
        '--table=-1',
        '--interface=127.0.0.1',
        `--listen-ng=127.0.0.1:${RTPENGINE_NG_PORT}`,
        `--port-min=${RTPENGINE_PORTS[0]}`,
        `--port-max=${RTPENGINE_PORTS[1]}`,
        `--pidfile=${join(this.dir, 'rtpengine.pid')}`,
        ...(this.dtlsPassive ? ['--dtls-passive'] : []),
      ]);
      // Kamailio's rtpengine module pings the control socket when it starts: rtpengine first.
      await waitFor(() => rtpengineAnswers(), 'rtpengine control socket', [this.rtpengine]);
    }
  }

  async stopRelay() {
    if (this.rtpengine) await stopProcess(this.rtpengine);
  }

  async startSip() {
    if (this.name === 'dev') {
      if (!this.dev) {
        this.dev = await startSipServer({
          port: SIP_PORT,
          accounts: { [CANARY.user]: CANARY.password },
          log: this.verbose ? l => console.log(`[sip] ${l}`) : undefined,
        });
      }
      return;
    }
    if (this.kamailio && alive(this.kamailio)) return;
    const args = ['-f', join(here, 'kamailio/kamailio.cfg'), '-DD', '-E', '-Y', this.dir, '-P', join(this.dir, 'kamailio.pid'), '-w', this.dir];
    if (this.name === 'relayed') args.push('-A', 'WITH_RTPENGINE');
    if (this.name === 'relayed' && this.dtlsPassive) args.push('-A', 'DTLS_PASSIVE');
    this.kamailio = launch('kamailio', this.dir, args);
    await waitFor(() => tcpAnswers(SIP_PORT), 'Kamailio on 127.0.0.1:5066', [this.kamailio, this.rtpengine].filter(Boolean));
  }

  async stopSip() {
    if (this.dev) {
      await this.dev.close();
      this.dev = null;
    }
    if (this.kamailio) await stopProcess(this.kamailio);
  }

  async stop() {
    await this.stopSip();
    if (this.rtpengine) await stopProcess(this.rtpengine);
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }

  processes() {
    return [this.rtpengine, this.kamailio].filter(Boolean);
  }

  logs() {
    return collect(this.processes());
  }

  /** Copies the logs to LOG_DIR; returns their paths. */
  keepLogs() {
    const procs = this.processes();
    if (!procs.length) return [];
    mkdirSync(LOG_DIR, { recursive: true });
    return procs.map(p => {
      const kept = join(LOG_DIR, `${this.name}-${p.name}.log`);
      copyFileSync(p.logFile, kept);
      return kept;
    });
  }
}

function alive({ child }) {
  return child.exitCode === null && child.signalCode === null;
}

function launch(name, dir, args) {
  const logFile = join(dir, `${name}.log`);
  const fd = openSync(logFile, 'a'); // a restarted server appends to its log
  const child = spawn(name, args, { stdio: ['ignore', fd, fd], cwd: dir });
  closeSync(fd);
  child.on('error', () => {});
  return { name, child, logFile };
}

function collect(started) {
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

function stopProcess({ child }) {
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

async function waitFor(check, what, started, timeoutMs = 15000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const dead = started.find(p => !alive(p));
    if (dead) throw new Error(`${dead.name} exited while starting (${dead.child.exitCode ?? dead.child.signalCode})`);
    if (await check()) return;
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error(`${what} did not come up within ${timeoutMs / 1000} s`);
}

function tcpAnswers(port) {
  return new Promise(resolve => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** rtpengine's NG protocol: a cookie, then a bencoded dictionary; `ping` answers `pong`. */
function rtpengineAnswers() {
  return new Promise(resolve => {
    const socket = createSocket('udp4');
    const done = ok => {
      clearTimeout(timer);
      socket.close();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), 300);
    socket.on('message', msg => done(msg.toString().includes('pong')));
    socket.on('error', () => done(false));
    socket.send('fsping d7:command4:pinge', RTPENGINE_NG_PORT, '127.0.0.1');
  });
}
