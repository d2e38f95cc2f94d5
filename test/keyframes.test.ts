import { expect } from '@open-wc/testing';
import type { FsVideoPhone } from '../src/index.js';
import { BROWSER, TARGET, idle, inCall, phone, sleep, unmountAll, waitFor } from './helpers.js';

interface Watched {
  /** Keyframes of the far end's video this phone decoded during the watch. */
  keyframes: number;
  /** 400 ms stretches in which no new frame was decoded. */
  stalls: number;
}

/**
 * Watches the video a phone receives for `ms`, sampling getStats() every 100 ms. Counts per
 * inbound stream and adds up the increments, because a browser may start its counters over when
 * the sender resumes.
 */
async function watchIncoming(el: FsVideoPhone, ms: number): Promise<Watched> {
  const last = new Map<string, { keyframes: number; frames: number }>();
  let keyframes = 0;
  const framesAt: number[] = [];
  let frames = 0;
  for (let t = 0; t <= ms; t += 100) {
    (await el.peerConnection!.getStats()).forEach((s: { type: string; kind?: string; id: string; keyFramesDecoded?: number; framesDecoded?: number }) => {
      if (s.type !== 'inbound-rtp' || s.kind !== 'video') return;
      const now = { keyframes: s.keyFramesDecoded ?? 0, frames: s.framesDecoded ?? 0 };
      // The first sample is the baseline; a stream that appears later counts from zero, and so
      // does one whose counters went back (Firefox restarts them when the sender resumes).
      let before = last.get(s.id) ?? (t === 0 ? now : { keyframes: 0, frames: 0 });
      if (now.frames < before.frames) before = { keyframes: 0, frames: 0 };
      keyframes += Math.max(0, now.keyframes - before.keyframes);
      frames += Math.max(0, now.frames - before.frames);
      last.set(s.id, now);
    });
    framesAt.push(frames);
    await sleep(100);
  }
  let stalls = 0;
  for (let i = 4; i < framesAt.length; i++) if (framesAt[i] === framesAt[i - 4]) stalls++;
  return { keyframes, stalls };
}

/** Keyframes the phone's outgoing video encoded (outbound-rtp `keyFramesEncoded`; Firefox does not report it). */
async function keyframesEncoded(el: FsVideoPhone): Promise<number | undefined> {
  let count: number | undefined;
  (await el.peerConnection!.getStats()).forEach((s: { type: string; kind?: string; keyFramesEncoded?: number }) => {
    if (s.type === 'outbound-rtp' && s.kind === 'video' && s.keyFramesEncoded !== undefined) count = (count ?? 0) + s.keyFramesEncoded;
  });
  return count;
}

/** A call 1008 → 1011 with the caller's `keyframe-refresh` set, watched at the callee for 2 s from its first keyframe. */
async function watchedCall(refresh: string): Promise<Watched & { encoded?: number }> {
  const a = await phone('1008');
  const b = await phone('1011', { autoAnswer: true });
  a.keyframeRefresh = refresh;
  b.keyframeRefresh = 'off'; // only the caller's refresh is measured
  await Promise.all([a.updateComplete, b.updateComplete]);
  expect(await a.call('1011')).to.equal(true);
  await waitFor(() => a.callState === 'connected' && b.callState === 'connected', 'connected');
  await waitFor(async () => {
    let decoded = 0;
    (await b.peerConnection!.getStats()).forEach((s: { type: string; kind?: string; framesDecoded?: number }) => {
      if (s.type === 'inbound-rtp' && s.kind === 'video') decoded += s.framesDecoded ?? 0;
    });
    return decoded > 0;
  }, 'the callee decodes');
  const watched = await watchIncoming(b, 2000);
  const encoded = await keyframesEncoded(a);
  a.hangup();
  await Promise.all([idle(a), idle(b)]);
  unmountAll();
  return { ...watched, encoded };
}

describe(`keyframe refresh (${TARGET}, ${BROWSER})`, function () {
  this.timeout(60000);
  afterEach(unmountAll);

  it('after the call connects the caller sends fresh keyframes, and the callee keeps decoding', async () => {
    const on = await watchedCall('');
    const off = await watchedCall('off');
    console.log(`[${TARGET}/${BROWSER}] callee decoded ${on.keyframes} of the caller's keyframes in the first 2 s with the refresh, ${off.keyframes} with keyframe-refresh="off" (caller encoded ${on.encoded ?? 'n/a'} / ${off.encoded ?? 'n/a'}); 400 ms stalls ${on.stalls} / ${off.stalls}`);
    expect(on.keyframes).to.be.at.least(off.keyframes + 1);
    if (on.encoded !== undefined && off.encoded !== undefined) expect(on.encoded).to.be.at.least(off.encoded + 1);
    expect(on.stalls, '400 ms stretches without a decoded frame at the callee').to.equal(0);
  });

  it('resuming from hold sends a fresh keyframe', async () => {
    const [a, b] = await inCall('1008', '1011');
    await sleep(2000);
    expect(a.hold()).to.equal(true);
    await waitFor(() => a.callState === 'held', 'held');
    await sleep(500);
    expect(a.unhold()).to.equal(true);
    await waitFor(() => a.callState === 'connected', 'resumed');
    const watched = await watchIncoming(b, 2000);
    console.log(`[${TARGET}/${BROWSER}] callee decoded ${watched.keyframes} of the caller's keyframes in the 2 s after unhold`);
    expect(watched.keyframes).to.be.at.least(1);
    a.hangup();
    await Promise.all([idle(a), idle(b)]);
  });

  it('keyframe-refresh must be "off" or delays in ms', async () => {
    const [a, b] = await inCall('1008', '1011');
    const errors: string[] = [];
    a.addEventListener('fs-error', e => errors.push((e as CustomEvent<{ code: string }>).detail.code));
    a.keyframeRefresh = 'soon';
    await a.updateComplete;
    expect(errors).to.deep.equal(['invalid-option']);
    expect(a.callState).to.equal('connected');
    // Hung up before the phones go: two phones removed mid-call wait out JsSIP's BYE timeout
    // (32 s) before their connections close, which would show in later socket counts.
    a.hangup();
    await Promise.all([idle(a), idle(b)]);
  });
});
