import { html, waitUntil, expect } from '@open-wc/testing';
import { render } from 'lit';
import { ENDED_STATE } from '../src/index.js';
import type { FsVideoPhone } from '../src/index.js';

/**
 * The ended state ("Busy", "Call ended") shows for 1.5 s in real use; in the suites, whose phones
 * wait for it to pass between calls, 300 ms. The suites that look at it keep the real length
 * (`realEndedState()`).
 */
const ENDED_MS = { real: ENDED_STATE.ms, tests: 300 };
ENDED_STATE.ms = ENDED_MS.tests;

/** In the enclosing suite the ended state lasts as long as in real use. */
export function realEndedState(): void {
  beforeEach(() => (ENDED_STATE.ms = ENDED_MS.real));
  afterEach(() => (ENDED_STATE.ms = ENDED_MS.tests));
}

/** The server the suite runs against: `dev`, `kamailio` (peer-to-peer media) or `relayed` (rtpengine). */
export const TARGET: string = (globalThis as { FS_TARGET?: string }).FS_TARGET ?? 'dev';
/** Which browser runs the suite (`FS_BROWSERS` in test/run.mjs): `chromium` or `firefox`. */
export const BROWSER: string = (globalThis as { FS_BROWSER?: string }).FS_BROWSER ?? 'chromium';

export const SIP_DOMAIN = '127.0.0.1';
export const SIP_WS = 'ws://127.0.0.1:5066';
export const PASSWORD = '1234';

const mounted: HTMLElement[] = [];

/**
 * A registered phone for `user` (1000-1019) on the development SIP server, appended to the page.
 * It stays until `unmountAll()`, so one phone can serve several tests in a row. Without the
 * self-view preview unless `preview` (the camera then opens per call, as the camera tests expect).
 */
export async function phone(
  user: string,
  attrs: { dtmfMode?: string; audioOnly?: boolean; autoAnswer?: boolean; preview?: boolean; wsUrl?: string; iceServers?: RTCIceServer[]; iceTransportPolicy?: string } = {},
): Promise<FsVideoPhone> {
  const container = keep();
  render(html`<fs-video-phone
    id=${`phone-${user}`}
    sip-uri=${`sip:${user}@${SIP_DOMAIN}`}
    ws-url=${attrs.wsUrl ?? SIP_WS}
    password=${PASSWORD}
    .iceServers=${attrs.iceServers ?? ''}
    ice-transport-policy=${attrs.iceTransportPolicy ?? 'all'}
    display-name=${`User ${user}`}
    dtmf-mode=${attrs.dtmfMode ?? 'rfc2833'}
    ?audio-only=${!!attrs.audioOnly}
    ?auto-answer=${!!attrs.autoAnswer}
    ?no-preview=${!attrs.preview}
    no-persist
  ></fs-video-phone>`, container);
  const el = container.firstElementChild as FsVideoPhone;
  await waitFor(() => el.registrationState === 'registered', `${user} registers`);
  return el;
}

/** A container outside the per-test fixture cleanup. */
function keep(): HTMLElement {
  const div = document.createElement('div');
  document.body.append(div);
  mounted.push(div);
  return div;
}

/** Appends `el` to the page until `unmountAll()`. */
export function mount<T extends HTMLElement>(el: T): T {
  keep().append(el);
  return el;
}

export function unmountAll(): void {
  for (const el of mounted.splice(0)) el.remove();
}

export async function waitFor(predicate: () => boolean | Promise<boolean>, message: string, timeout = 15000): Promise<void> {
  await waitUntil(predicate, `timed out: ${message}`, { timeout, interval: 50 });
}

/** Resolves with the next `name` event from `target`. */
export function nextEvent<T = unknown>(target: EventTarget, name: string, timeout = 15000): Promise<CustomEvent<T>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${name}`)), timeout);
    target.addEventListener(
      name,
      e => {
        clearTimeout(timer);
        resolve(e as CustomEvent<T>);
      },
      { once: true },
    );
  });
}

export function part(el: HTMLElement, name: string): HTMLElement {
  const found = el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
  if (!found) throw new Error(`no part ${name}`);
  return found;
}

export interface InboundTotals {
  framesDecoded: number;
  bytesReceived: number;
  frameWidth: number;
}

/** Sums inbound RTP figures of one kind from getStats(). */
export async function inbound(pc: RTCPeerConnection, kind: 'audio' | 'video'): Promise<InboundTotals> {
  const report = await pc.getStats();
  const totals = { framesDecoded: 0, bytesReceived: 0, frameWidth: 0 };
  report.forEach(s => {
    if (s.type === 'inbound-rtp' && s.kind === kind) {
      totals.framesDecoded += s.framesDecoded ?? 0;
      totals.bytesReceived += s.bytesReceived ?? 0;
      totals.frameWidth = Math.max(totals.frameWidth, s.frameWidth ?? 0);
    }
  });
  return totals;
}

/** One line on where `pc` stands, for a failure's log: its states and what it has received. */
export async function mediaReport(pc: RTCPeerConnection | null | undefined): Promise<string> {
  if (!pc) return 'no connection';
  const [audio, video] = await Promise.all([inbound(pc, 'audio'), inbound(pc, 'video')]);
  return `ice ${pc.iceConnectionState}, connection ${pc.connectionState}, signaling ${pc.signalingState}; audio ${audio.bytesReceived} B, video ${video.bytesReceived} B / ${video.framesDecoded} frames`;
}

/** Waits until `kind` media has grown past what it was, on `pc`. */
export async function mediaFlows(pc: RTCPeerConnection | (() => RTCPeerConnection | null), kind: 'audio' | 'video', label: string, timeout = 15000): Promise<void> {
  // Given a function, the connection it names now (a call carried on over a new session has a new one).
  const current = typeof pc === 'function' ? pc : () => pc;
  let on = current();
  let before = on ? await inbound(on, kind) : { framesDecoded: 0, bytesReceived: 0 };
  await waitFor(async () => {
    const p = current();
    if (!p) return false;
    if (p !== on) [on, before] = [p, { framesDecoded: 0, bytesReceived: 0 }];
    const now = await inbound(p, kind);
    return kind === 'video'
      ? now.framesDecoded > before.framesDecoded && now.bytesReceived > before.bytesReceived
      : now.bytesReceived > before.bytesReceived + 500;
  }, `${label}: ${kind} arrives`, timeout);
}

/** The DTLS roles (`a=setup:` values) the far end's latest offer or answer applied on `pc` gave, each once. */
export function farEndSetup(pc: RTCPeerConnection | null): string[] {
  return [...new Set(pc?.remoteDescription?.sdp.match(/^a=setup:\w+/gm) ?? [])].map(l => l.slice(8));
}

/** `caller` dials `calleeUser`; `callee` answers by clicking its answer button; both connected. */
export async function connect(caller: FsVideoPhone, callee: FsVideoPhone, calleeUser: string): Promise<void> {
  const ringing = nextEvent(callee, 'fs-incoming-call');
  expect(await caller.call(calleeUser)).to.equal(true);
  await ringing;
  await callee.updateComplete;
  part(callee, 'answer-button').click();
  await waitFor(() => caller.callState === 'connected' && callee.callState === 'connected', 'both connected');
}

/** Phones for `from` and `to` (which answers by itself), in a connected call from one to the other. */
export async function inCall(from: string, to: string): Promise<[FsVideoPhone, FsVideoPhone]> {
  const a = await phone(from);
  const b = await phone(to, { autoAnswer: true });
  expect(await a.call(to)).to.equal(true);
  await waitFor(() => a.callState === 'connected' && b.callState === 'connected', 'connected');
  return [a, b];
}

/** Waits until a phone is back to idle. */
export async function idle(el: FsVideoPhone, timeout = 10000): Promise<void> {
  await waitFor(() => el.callState === 'idle', `${el.id} idle`, timeout);
}

export interface CandidateEnd {
  address: string;
  port: number;
  /** host, srflx, prflx or relay */
  type: string;
}

/** The local and remote ends of the ICE candidate pair a peer connection actually uses (its first transport's). */
export async function selectedPair(pc: RTCPeerConnection): Promise<{ local: CandidateEnd; remote: CandidateEnd }> {
  const [first] = await selectedPairs(pc);
  if (!first) throw new Error('no selected ICE candidate pair');
  return first;
}

/** The pair in use on each of a peer connection's transports (one when bundled; rtpengine may not bundle). */
export async function selectedPairs(pc: RTCPeerConnection): Promise<{ local: CandidateEnd; remote: CandidateEnd }[]> {
  const stats = new Map<string, Record<string, unknown>>();
  (await pc.getStats()).forEach(s => stats.set(s.id, s));
  const all = [...stats.values()];
  const transports = all.filter(s => s.type === 'transport' && s.selectedCandidatePairId);
  // Firefox has no transport statistics; it marks the pairs in use `selected`.
  const pairs = transports.length ? transports.map(t => stats.get(t.selectedCandidatePairId as string)!) : all.filter(s => s.type === 'candidate-pair' && s.selected);
  const end = (id: unknown): CandidateEnd => {
    const c = stats.get(id as string)!;
    return { address: String(c.address ?? c.ip), port: Number(c.port), type: String(c.candidateType) };
  };
  return pairs.filter(Boolean).map(pair => ({ local: end(pair.localCandidateId), remote: end(pair.remoteCandidateId) }));
}

/** rtpengine's RTP port range in the relayed setup (test/servers/harness.mjs). */
export const RELAY_PORTS = [30000, 30199] as const;


/** Drives the servers through test/run.mjs: `stop`/`start` the SIP server, `stats`, `inject`, `contact`. */
export async function server<T = unknown>(action: string, payload: Record<string, unknown> = {}): Promise<T> {
  const { executeServerCommand } = await import('@web/test-runner-commands');
  const answer = (await executeServerCommand('fs-server', { action, ...payload })) as { result: T };
  return answer.result;
}

export const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * Collects everything thrown into the page (errors and unhandled rejections) during each test
 * of the enclosing suite, and fails the test if anything was. Also unmounts the phones after it.
 */
export function watchPageErrors(): unknown[] {
  const thrown: unknown[] = [];
  const onError = (e: ErrorEvent) => thrown.push(e.error ?? e.message);
  const onRejection = (e: PromiseRejectionEvent) => thrown.push(e.reason);
  beforeEach(() => {
    thrown.length = 0;
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
  });
  afterEach(() => {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
    unmountAll();
    expect(thrown, 'nothing thrown into the page').to.deep.equal([]);
  });
  return thrown;
}

/** Loads `url` (relative to the calling test file's URL) in an iframe and resolves once it loaded. */
export async function loadFrame(url: URL): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 900px; height: 900px';
  const loaded = new Promise(resolve => frame.addEventListener('load', resolve, { once: true }));
  frame.src = url.href;
  document.body.append(frame);
  await loaded;
  return frame;
}

/** The colour at the top middle of the picture `el` shows of the far end. */
function topPixel(el: HTMLElement): number[] {
  const video = part(el, 'remote-video') as HTMLVideoElement;
  if (!video.videoWidth) return [0, 0, 0];
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  const g = canvas.getContext('2d')!;
  g.drawImage(video, 0, 0);
  return [...g.getImageData(canvas.width >> 1, 6, 1, 1).data.slice(0, 3)];
}

/** Whether `el` shows the far end's camera-off card: its background (#1e293b) at the top of the picture, within what coding changes. */
export function showsCard(el: HTMLElement): boolean {
  const [r, g, b] = topPixel(el);
  return Math.abs(r - 30) + Math.abs(g - 41) + Math.abs(b - 59) < 30;
}
