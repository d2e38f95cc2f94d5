import type { RTCSession } from 'jssip/lib/RTCSession';
import type { Direction } from '../types.js';

/** What the per-call media units read of their call. */
export interface CallMedia {
  readonly direction: Direction;
  readonly ended: boolean;
  readonly pc: RTCPeerConnection | null;
  readonly session: RTCSession | null;
  readonly connectedAt: number | null;
  /** Either side holds the call: no media is expected. */
  readonly onHold: boolean;
}

/** Whether media can flow: ICE connected and, where the browser reports it, DTLS too. */
export function mediaPathUp(pc: RTCPeerConnection): boolean {
  return iceUp(pc) && (pc.connectionState === undefined || pc.connectionState === 'connected');
}

export function iceUp(pc: RTCPeerConnection): boolean {
  return pc.iceConnectionState === 'connected' || pc.iceConnectionState === 'completed';
}
