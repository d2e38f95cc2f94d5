import { expect } from '@open-wc/testing';
import { BROWSER, idle, mediaFlows, phone, selectedPair, server, waitFor, watchPageErrors } from './helpers.js';

/**
 * The farm (test/servers/farm.mjs): phones on two WebSocket edges, a registrar that sends each
 * call to one of two media nodes with dispatcher, each node relaying media through its own
 * rtpengine. Which node carries a call shows in the ports its media comes from.
 */
const NODE_PORTS = [
  [30000, 30099],
  [30100, 30199],
];
const EDGE_1_FIRST = 'ws://127.0.0.1:5066;weight=2 ws://127.0.0.1:5067';
const EDGE_2_FIRST = 'ws://127.0.0.1:5067;weight=2 ws://127.0.0.1:5066';

describe('farm: edges, registrar with dispatcher, two media nodes', function () {
  this.timeout(60000);
  watchPageErrors();
  afterEach(async () => {
    await server('start-node', { node: 0 });
  });

  /** Calls `to` from `from`, checks media both ways through node `node`, hangs up. */
  async function callThrough(node: number, label: string): Promise<number> {
    const a = await phone('1018', { wsUrl: EDGE_1_FIRST });
    const b = await phone('1019', { wsUrl: EDGE_2_FIRST, autoAnswer: true });
    const start = performance.now();
    expect(await a.call('1019')).to.equal(true);
    await waitFor(() => a.callState === 'connected' && b.callState === 'connected', `${label}: connected`, 20000);
    const ms = performance.now() - start;
    await mediaFlows(a.peerConnection!, 'video', `${label}: 1018`);
    await mediaFlows(b.peerConnection!, 'video', `${label}: 1019`);
    for (const el of [a, b]) {
      const { remote } = await selectedPair(el.peerConnection!);
      expect(remote.port, `${label}: ${el.id} gets its media from node ${node + 1}'s rtpengine`).to.be.within(NODE_PORTS[node][0], NODE_PORTS[node][1]);
    }
    a.hangup();
    await Promise.all([idle(a), idle(b)]);
    a.remove();
    b.remove();
    return ms;
  }

  it('phones on different edges call each other through node 1; with node 1 stopped, new calls go through node 2', async () => {
    const first = await callThrough(0, 'node 1 up');
    await server('stop-node', { node: 0 });
    const second = await callThrough(1, 'node 1 stopped');
    console.log(`[farm/${BROWSER}] call connected in ${Math.round(first)} ms through node 1, ${Math.round(second)} ms through node 2 after node 1 stopped`);
  });
});
