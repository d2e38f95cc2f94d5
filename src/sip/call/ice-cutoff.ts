import { DEFAULTS } from '../config.js';
import { endGathering } from '../jssip.js';

/**
 * Stops ICE gathering early for one call: the offer or answer leaves once candidates have been
 * quiet for `settleMs()`, and in any case `capMs` after gathering began, instead of when gathering
 * completes (JsSIP's behaviour, 10-40 s with an unreachable STUN or TURN server). With no
 * candidate at all by then (relay only, and the TURN server refused or did not answer), it leaves
 * without any, and `relayMissing` tells the call to give up.
 */
export class IceGatheringCutoff {
  private ready: (() => void) | null = null;
  private settle: ReturnType<typeof setTimeout> | undefined;
  private cap: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly capMs: () => number,
    /** Read at each candidate: shorter when only host candidates can come (no STUN/TURN server). */
    private readonly settleMs: () => number,
  ) {}

  /**
   * Gathering began on `pc`. JsSIP lets the SDP go on its own only when a candidate comes (with
   * its `ready`) or gathering completes; an end-of-candidates event stands in for the latter.
   */
  started(pc: RTCPeerConnection): void {
    this.ready ??= () => endGathering(pc);
    this.cap ??= setTimeout(this.fire, this.capMs());
  }

  /** A candidate was gathered; `ready` lets JsSIP send the SDP now. */
  candidate(ready: () => void): void {
    this.ready = ready;
    this.cap ??= setTimeout(this.fire, this.capMs());
    clearTimeout(this.settle);
    this.settle = setTimeout(this.fire, this.settleMs());
  }

  /** The SDP left (gathering completed or we cut it): the next gathering starts over. */
  dispose(): void {
    clearTimeout(this.settle);
    clearTimeout(this.cap);
    this.settle = this.cap = undefined;
    this.ready = null;
  }

  private readonly fire = (): void => {
    const ready = this.ready;
    this.dispose();
    ready?.();
  };
}

/**
 * How long candidates must be quiet before the SDP leaves. With no STUN or TURN server only host
 * candidates can come, and a browser gathers every UDP one at once; Chromium's TCP ones follow
 * ~120 ms later and are active-only, of use only toward a far end offering passive TCP
 * candidates, so the SDP does not wait for them.
 */
export function iceSettleMs(iceServers: readonly RTCIceServer[] | undefined): number {
  return iceServers?.length ? DEFAULTS.iceSettleMs : DEFAULTS.iceHostSettleMs;
}

/** Whether a local SDP that must go through a TURN relay has no relay candidate to offer. */
export function relayMissing(sdp: string, policy: RTCIceTransportPolicy | undefined): boolean {
  return policy === 'relay' && !/ typ relay/.test(sdp);
}
