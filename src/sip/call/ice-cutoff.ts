import { endGathering } from '../jssip.js';

/**
 * Stops ICE gathering early for one call: the offer or answer leaves once candidates have been
 * quiet for `settleMs`, and in any case `capMs` after gathering began, instead of when gathering
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
    private readonly settleMs: number,
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
    this.settle = setTimeout(this.fire, this.settleMs);
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

/** Whether a local SDP that must go through a TURN relay has no relay candidate to offer. */
export function relayMissing(sdp: string, policy: RTCIceTransportPolicy | undefined): boolean {
  return policy === 'relay' && !/ typ relay/.test(sdp);
}
