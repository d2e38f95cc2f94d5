// The farm target: what a site that outgrew one server runs, on 127.0.0.1 (docs/scaling.md).
//
//   phones ─ws─ edge :5066 ┐                         ┌ node 1 :5080 ─ rtpengine :2223 (RTP 30000-30099)
//                          ├─ registrar :5070 ─ dispatcher ┤
//   phones ─ws─ edge :5067 ┘   (usrloc, Path, GRUU)   └ node 2 :5081 ─ rtpengine :2224 (RTP 30100-30199)
//
// Edges, registrar and nodes are Kamailio (test/servers/kamailio/farm-*.cfg); the nodes stand in
// for FreeSWITCH servers, each anchoring the media of its calls in its own rtpengine, so a test
// can tell from a call's remote ports which node carries it. An edge or a node can be stopped and
// started again (`closePort` / `openPort`, `stopNode` / `startNode`).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { alive, collect, keepLogs, launch, sipAnswers, startRtpengine, stopProcess, tcpAnswers, waitFor } from './processes.mjs';

const cfg = name => fileURLToPath(new URL(`kamailio/${name}`, import.meta.url));
export const FARM = {
  edges: [5066, 5067],
  registrar: 5070,
  nodes: [
    { port: 5080, ng: 2223, rtp: [30000, 30099] },
    { port: 5081, ng: 2224, rtp: [30100, 30199] },
  ],
};

export class Farm {
  constructor(verbose) {
    this.name = 'farm';
    this.verbose = verbose;
    this.dir = mkdtempSync(join(tmpdir(), 'fs-farm-'));
    this.dev = null;
    /** port -> edge process; node index -> node process / rtpengine process */
    this.edges = new Map();
    this.nodes = [];
    this.relays = [];
    this.registrar = null;
  }

  async start() {
    for (const [i, node] of FARM.nodes.entries()) {
      this.relays[i] = await startRtpengine(this.dir, { name: `rtpengine-${i + 1}`, ng: node.ng, ports: node.rtp });
      await this.startNode(i);
    }
    this.registrar = this.kamailio('registrar', 'farm-core.cfg', ['-A', `DISPATCHER_LIST="${cfg('farm-dispatcher.list')}"`]);
    await waitFor(() => sipAnswers(FARM.registrar), `farm registrar on 127.0.0.1:${FARM.registrar}`, this.processes());
    for (const port of FARM.edges) await this.openPort(port);
  }

  /** Starts the WebSocket edge on `port` (again). */
  async openPort(port) {
    if (this.edges.has(port) && alive(this.edges.get(port))) return;
    const edge = this.kamailio(`edge-${port}`, 'farm-edge.cfg', ['-l', `tcp:127.0.0.1:${port}`, '-l', `udp:127.0.0.1:${port}`]);
    this.edges.set(port, edge);
    await waitFor(() => tcpAnswers(port), `farm edge on 127.0.0.1:${port}`, [edge]);
  }

  /** Stops the WebSocket edge on `port`: its phones lose their connection. */
  async closePort(port) {
    const edge = this.edges.get(port);
    if (edge) await stopProcess(edge);
  }

  /** Starts media node `i` (0 or 1) again; the registrar takes it back once it answers a ping. */
  async startNode(i) {
    if (this.nodes[i] && alive(this.nodes[i])) return;
    const { port, ng } = FARM.nodes[i];
    this.nodes[i] = this.kamailio(`node-${i + 1}`, 'farm-node.cfg', ['-l', `udp:127.0.0.1:${port}`, '-A', `RTPENGINE_SOCK="udp:127.0.0.1:${ng}"`]);
    await waitFor(() => sipAnswers(port), `farm node ${i + 1} on 127.0.0.1:${port}`, [this.nodes[i]]);
  }

  /** Stops media node `i`'s SIP side (its rtpengine goes on relaying the calls it has). */
  async stopNode(i) {
    if (this.nodes[i]) await stopProcess(this.nodes[i]);
  }

  /** The farm has no single SIP server to take away as an outage: these do nothing. */
  async stopSip() {}
  async startSip() {}
  async stopRelay() {}
  async startRelay() {}

  kamailio(name, file, args) {
    const base = ['-f', cfg(file), '-DD', '-E', '-Y', join(this.dir, name), '-P', join(this.dir, `${name}.pid`), '-w', this.dir];
    mkdirSync(join(this.dir, name), { recursive: true });
    return launch('kamailio', this.dir, [...base, ...args], name);
  }

  async stop() {
    for (const p of [...this.edges.values(), this.registrar, ...this.nodes, ...this.relays]) if (p) await stopProcess(p);
    rmSync(this.dir, { recursive: true, force: true });
  }

  processes() {
    return [...this.relays, ...this.nodes, this.registrar, ...this.edges.values()].filter(Boolean);
  }

  logs() {
    return collect(this.processes());
  }

  keepLogs() {
    return keepLogs(this.name, this.processes());
  }
}
