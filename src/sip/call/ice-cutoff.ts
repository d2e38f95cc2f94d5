/**
 * Stops ICE gathering early for one call: the offer or answer leaves once candidates have been
 * quiet for `settleMs`, and in any case `capMs` after the first one, instead of when gathering
 * completes (JsSIP's behaviour, 10-40 s with an unreachable STUN or TURN server).
 */
export class IceGatheringCutoff {
  private ready: (() => void) | null = null;
  private settle: ReturnType<typeof setTimeout> | undefined;
  private cap: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly capMs: () => number,
    private readonly settleMs: number,
  ) {}

  /** A candidate was gathered; `ready` lets JsSIP send the SDP now. */
  candidate(ready: () => void): void {
    this.ready = ready;
    const fire = () => {
      this.dispose();
      this.ready?.();
    };
    this.cap ??= setTimeout(fire, this.capMs());
    clearTimeout(this.settle);
    this.settle = setTimeout(fire, this.settleMs);
  }

  /** The SDP left (gathering completed or we cut it): the next gathering starts over. */
  dispose(): void {
    clearTimeout(this.settle);
    clearTimeout(this.cap);
    this.settle = this.cap = undefined;
  }
}
