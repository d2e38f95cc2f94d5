import type { CallMedia } from './media-path.js';
import type { CallStats, QualityLevel } from '../types.js';

/**
 * Past the first limits a call's quality is `fair`, past the second `poor` (loss in %, RTT in ms,
 * received frames/s). A low frame rate alone is never `poor`: a far end with its camera off sends few.
 */
export const QUALITY_LIMITS = { fair: { loss: 2, rtt: 300, fps: 12 }, poor: { loss: 8, rtt: 700, fps: 0 } };

interface Totals {
  at: number;
  bytesIn: number;
  bytesOut: number;
  packets: number;
  lost: number;
  frames: number;
}

type Stat = Record<string, unknown> & { type: string; id: string };

/**
 * Reads a connected call's statistics: one `getStats()` per interval (`every()`, ms), shared by
 * the media-flow watch (`flow(packetsReceived)`) and the figures a person sees (`report(stats)`).
 */
export class StatsSampler {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private last: Totals | null = null;
  /** When sampling began: the first figures are rates since then (the call's totals start there). */
  private startedAt = 0;

  constructor(
    private readonly call: CallMedia & { readonly id: string },
    private readonly every: () => number,
    private readonly flow: (packets: number) => void,
    private readonly report: (stats: CallStats) => void,
  ) {}

  start(): void {
    if (this.timer !== undefined) return;
    this.startedAt ||= Date.now();
    this.timer = setTimeout(() => void this.sample(), this.every());
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async sample(): Promise<void> {
    const pc = this.call.pc;
    let stats: Stat[] = [];
    try {
      if (pc) (await pc.getStats()).forEach((s: Stat) => stats.push(s));
    } catch {
      stats = []; // closed meanwhile
    }
    if (this.call.ended) return;
    this.timer = setTimeout(() => void this.sample(), this.every());
    if (!stats.length) return;
    const byId = new Map(stats.map(s => [s.id, s]));
    const sum = (type: string, key: string, kind?: string) =>
      stats.reduce((n, s) => n + (s.type === type && (!kind || s.kind === kind) ? Number(s[key] ?? 0) : 0), 0);
    const now: Totals = {
      at: Date.now(),
      bytesIn: sum('inbound-rtp', 'bytesReceived'),
      bytesOut: sum('outbound-rtp', 'bytesSent'),
      packets: sum('inbound-rtp', 'packetsReceived'),
      lost: sum('inbound-rtp', 'packetsLost'),
      frames: sum('inbound-rtp', 'framesDecoded', 'video'),
    };
    this.flow(now.packets);
    const before = this.last ?? { at: this.startedAt, bytesIn: 0, bytesOut: 0, packets: 0, lost: 0, frames: 0 };
    this.last = now;
    const seconds = Math.max(0.001, (now.at - before.at) / 1000);
    const video = stats.find(s => s.type === 'inbound-rtp' && s.kind === 'video' && s.framesDecoded);
    const transport = stats.find(s => s.type === 'transport' && s.selectedCandidatePairId);
    const pair = byId.get(String(transport?.selectedCandidatePairId)) ?? stats.find(s => s.type === 'candidate-pair' && s.selected);
    const rtt = stats.find(s => s.type === 'remote-inbound-rtp' && s.roundTripTime !== undefined)?.roundTripTime ?? pair?.currentRoundTripTime;
    const remote = byId.get(String(pair?.remoteCandidateId));
    const relayed = [byId.get(String(pair?.localCandidateId)), remote].some(c => c?.candidateType === 'relay');
    const packets = now.packets - before.packets;
    const lost = Math.max(0, now.lost - before.lost);
    const result: CallStats = {
      callId: this.call.id,
      level: 'good',
      codec: ((byId.get(String(video?.codecId))?.mimeType as string | undefined) ?? '').replace(/^video\//, ''),
      width: Number(video?.frameWidth ?? 0),
      height: Number(video?.frameHeight ?? 0),
      fps: Math.round((now.frames - before.frames) / seconds),
      bitrateIn: Math.round(((now.bytesIn - before.bytesIn) * 8) / seconds / 1000),
      bitrateOut: Math.round(((now.bytesOut - before.bytesOut) * 8) / seconds / 1000),
      loss: packets + lost ? Math.round((lost / (packets + lost)) * 1000) / 10 : 0,
      rtt: rtt === undefined ? null : Math.round(Number(rtt) * 1000),
      path: relayed ? 'relayed' : 'direct',
      remoteAddress: remote ? `${String(remote.address ?? remote.ip).replace(/.*:.*/, '[$&]')}:${String(remote.port)}` : '',
    };
    result.level = this.call.onHold ? 'good' : level(result, !!video);
    this.report(result);
  }
}

/** Three levels from packet loss, round-trip time and (with video) the frame rate. */
function level(s: CallStats, video: boolean): QualityLevel {
  const worse = (l: { loss: number; rtt: number; fps: number }) => s.loss > l.loss || (s.rtt ?? 0) > l.rtt || (video && s.fps < l.fps);
  return worse(QUALITY_LIMITS.poor) ? 'poor' : worse(QUALITY_LIMITS.fair) ? 'fair' : 'good';
}
