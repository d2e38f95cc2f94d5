// Starts and stops the SIP servers the browser suites run against, on 127.0.0.1 only:
//  - dev:      the development SIP server (dev/sip-server.mjs) on two ports (5066 and 5067, one
//              registrar), and coturn (TURN on 3478) when it is installed;
//  - kamailio: Kamailio with peer-to-peer media (signalling only);
//  - relayed:  rtpengine, then Kamailio putting it in every call's media path;
//  - farm:     two Kamailio WebSocket edges, a Kamailio registrar with dispatcher, two media
//              nodes each with its own rtpengine (farm.mjs).
// Real servers are stopped by PID; their logs are kept (and shown) when a run fails.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSipServer } from '../../dev/sip-server.mjs';
import { Farm } from './farm.mjs';
import { LOG_DIR, RTPENGINE_NG_PORT, alive, collect, keepLogs, launch, startRtpengine, stopProcess, tcpAnswers, waitFor } from './processes.mjs';
import { startTurn } from './turn.mjs';

export { LOG_DIR, RTPENGINE_NG_PORT };
const here = dirname(fileURLToPath(import.meta.url));
export const SIP_PORT = 5066;
/** The second WebSocket port of the development server and the farm: ws-url lists both to fail over. */
export const SECOND_PORT = 5067;
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
  farm: { description: 'Kamailio farm: two WebSocket edges, registrar + dispatcher, two media nodes with rtpengine', needs: ['kamailio', 'rtpengine'] },
};

const INSTALL_HINT =
  'apt-get install -y --no-install-recommends kamailio kamailio-websocket-modules kamailio-extra-modules kamailio-utils-modules kamailio-autheph-modules kamailio-presence-modules rtpengine-daemon';

/** Returns null when the target can run here, or a one-line reason why not. */
export function missing(target) {
  for (const bin of TARGETS[target].needs) {
    if (!installed(bin)) return `${bin} is not installed (${INSTALL_HINT})`;
  }
  for (const module of ['websocket', 'auth_ephemeral', 'presence']) {
    if (TARGETS[target].needs.includes('kamailio') && spawnSync('sh', ['-c', `ls /usr/lib/*/kamailio/modules/${module}.so`]).status !== 0) {
      return `Kamailio's ${module} module is not installed (${INSTALL_HINT})`;
    }
  }
  return null;
}

/** Why the TURN tests cannot run here, or null. */
export function turnMissing() {
  return installed('turnserver') ? null : 'coturn is not installed (apt-get install -y --no-install-recommends coturn)';
}

function installed(bin) {
  return spawnSync('sh', ['-c', `command -v ${bin}`]).status === 0;
}

/**
 * Starts a target's servers; resolves once every one of them answers. `turn: false` leaves coturn
 * out of the development target (the bench wants nothing answering on the STUN/TURN port).
 */
export async function startTarget(target, { verbose = false, dtlsPassive = false, turn = true } = {}) {
  const t = target === 'farm' ? new Farm(verbose) : new Target(target, verbose, dtlsPassive, turn);
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
  constructor(name, verbose, dtlsPassive = false, withTurn = true) {
    this.name = name;
    this.withTurn = withTurn;
    this.verbose = verbose;
    /** rtpengine takes the passive DTLS role (relayed target): `--dtls-passive` + the offer flag. */
    this.dtlsPassive = dtlsPassive;
    this.dir = name === 'dev' ? null : mkdtempSync(join(tmpdir(), `fs-${name}-`));
    /** The development server object (dev target), for its statistics and test hooks. */
    this.dev = null;
    this.kamailio = null;
    this.rtpengine = null;
    /** coturn (dev target, when installed): with a long-term user, and with a shared secret. */
    this.turn = null;
    this.turnRest = null;
  }

  async start() {
    await this.startRelay();
    await this.startSip();
    if (this.name === 'dev' && this.withTurn && !turnMissing()) {
      this.turnDir = mkdtempSync(join(tmpdir(), 'fs-turn-'));
      this.turn = await startTurn(this.turnDir);
      this.turnRest = await startTurn(this.turnDir, { rest: true });
    }
  }

  /** Starts rtpengine (relayed target only); a restarted one has lost every call it relayed. */
  async startRelay() {
    if (this.name === 'relayed' && !(this.rtpengine && alive(this.rtpengine))) {
      this.rtpengine = await startRtpengine(this.dir, { ports: RTPENGINE_PORTS, dtlsPassive: this.dtlsPassive });
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
          edges: [SECOND_PORT],
          accounts: { [CANARY.user]: CANARY.password },
          log: this.verbose ? l => console.log(`[sip] ${l}`) : undefined,
        });
      }
      return;
    }
    if (this.kamailio && alive(this.kamailio)) return;
    // pua reads (and, with nothing kept, leaves empty) two db_text tables at start: Kamailio's own empty ones.
    const db = join(this.dir, 'db');
    mkdirSync(db, { recursive: true });
    for (const table of ['version', 'pua']) copyFileSync(join('/usr/share/kamailio/dbtext/kamailio', table), join(db, table));
    const args = ['-f', join(here, 'kamailio/kamailio.cfg'), '-DD', '-E', '-Y', this.dir, '-P', join(this.dir, 'kamailio.pid'), '-w', this.dir, '-A', `PUA_DB="text://${db}"`];
    if (this.name === 'relayed') args.push('-A', 'WITH_RTPENGINE');
    if (this.name === 'relayed' && this.dtlsPassive) args.push('-A', 'DTLS_PASSIVE');
    // Every request and reply in Kamailio's log (kept when a run fails): FS_SIP_TRACE=1.
    if (process.env.FS_SIP_TRACE) args.push('-A', 'WITH_TRACE');
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

  /** One WebSocket port of the development server goes away (its connections drop) or comes back. */
  async closePort(port) {
    await this.dev?.closePort(port);
  }

  async openPort(port) {
    await this.dev?.openPort(port);
  }

  async stop() {
    await this.stopSip();
    if (this.rtpengine) await stopProcess(this.rtpengine);
    for (const turn of [this.turn, this.turnRest]) if (turn) await stopProcess(turn.process);
    for (const dir of [this.dir, this.turnDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  }

  processes() {
    return [this.rtpengine, this.kamailio, this.turn?.process, this.turnRest?.process].filter(Boolean);
  }

  logs() {
    return collect(this.processes());
  }

  keepLogs() {
    return keepLogs(this.name, this.processes());
  }
}
