import { expect } from '@open-wc/testing';
import type { FsVideoPhone } from '../src/index.js';
import { BROWSER, TARGET, idle, inCall, inbound, mediaFlows, selectedPairs, server, unmountAll, waitFor } from './helpers.js';

/** Resolves once `pc` decodes video again after having stopped (frames stalled for 300 ms, then grew). */
async function videoBack(pc: RTCPeerConnection, label: string): Promise<void> {
  let last = (await inbound(pc, 'video')).framesDecoded;
  let stalledAt = 0;
  await waitFor(async () => {
    const frames = (await inbound(pc, 'video')).framesDecoded;
    const now = performance.now();
    if (frames === last) stalledAt ||= now;
    else if (stalledAt && now - stalledAt >= 300) return true;
    else stalledAt = 0;
    last = frames;
    return false;
  }, `${label}: video stops, then decodes again`, 20000);
}

describe(`media path broken (${TARGET})`, function () {
  this.timeout(60000);
  afterEach(async () => {
    await server('restore-flows');
    unmountAll();
  });

  it("the call's UDP flow dropped for good: an ICE restart on a new path brings video back on both sides, the call never ends", async () => {
    const [a, b] = await inCall('1014', '1015');
    const ended: string[] = [];
    const onEnd = (e: Event) => ended.push((e.target as FsVideoPhone).getAttribute('sip-uri') ?? '');
    a.addEventListener('fs-call-ended', onEnd);
    b.addEventListener('fs-call-ended', onEnd);
    const pa = a.peerConnection!;
    const pb = b.peerConnection!;
    await mediaFlows(pa, 'video', '1014 before');
    await mediaFlows(pb, 'video', '1015 before');
    const before = (await selectedPairs(pa)).map(p => p.local.port);

    await server('cut-flow', { ports: before });
    const cut = performance.now();
    await Promise.all([videoBack(pa, '1014'), videoBack(pb, '1015')]);
    const ms = Math.round(performance.now() - cut);
    const after = (await selectedPairs(pa)).map(p => p.local.port);
    expect(after.filter(port => before.includes(port)), 'a new path').to.deep.equal([]);
    expect(ended, 'fs-call-ended').to.deep.equal([]);
    expect(a.callState).to.equal('connected');
    expect(b.callState).to.equal('connected');
    console.log(`[${TARGET}/${BROWSER}] path dropped: video decoding again on both sides ${ms} ms later`);
    a.hangup();
    await Promise.all([idle(a), idle(b)]);
  });
});
