import type { RTCSession } from 'jssip/lib/RTCSession';
import type { TransferState } from '../types.js';

/** How long a transfer the far end accepted may go without a final report before it counts as failed. */
export const TRANSFER_TIMEOUT_MS = 30000;

export interface TransferCall {
  readonly session: RTCSession | null;
  readonly held: boolean;
  readonly ended: boolean;
  setHeld(held: boolean, done?: (ok: boolean) => void): boolean;
}

/**
 * A transfer this phone asked for: holds the call, sends REFER (with Replaces for an attended
 * transfer) and follows the far end's NOTIFY reports until it succeeds or fails. On failure a
 * call held for the transfer is resumed.
 */
export class OutgoingTransfer {
  state: TransferState = 'trying';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly heldBefore: boolean;

  constructor(
    private readonly call: TransferCall,
    target: string,
    consult: RTCSession | null,
    private readonly report: (state: TransferState, status?: number) => void,
  ) {
    this.heldBefore = call.held;
    const send = () => {
      if (call.ended || this.state !== 'trying') return;
      try {
        // JsSIP returns false instead of a subscriber when the session cannot send REFER now.
        const sent: unknown = call.session!.refer(target, {
          replaces: consult ?? undefined,
          eventHandlers: {
            requestSucceeded: () => this.accepted(),
            requestFailed: (e: { response?: { status_code?: number } | null }) => this.done(false, e.response?.status_code),
            accepted: () => this.done(true),
            failed: (e: { status_line?: { status_code?: number } }) => this.done(false, Number(e.status_line?.status_code) || undefined),
          },
        });
        if (!sent) this.done(false);
      } catch {
        this.done(false);
      }
    };
    report('trying');
    // Blind transfer: the far end hears hold music, not us, while it is passed on.
    if (!call.setHeld(true, ok => (ok ? send() : this.done(false)))) this.done(false);
  }

  /** Still waiting for the far end's result. */
  get pending(): boolean {
    return this.state === 'trying' || this.state === 'accepted';
  }

  dispose(): void {
    clearTimeout(this.timer);
  }

  private accepted(): void {
    if (this.state !== 'trying') return;
    this.state = 'accepted';
    this.report('accepted', 202);
    this.timer = setTimeout(() => this.done(false, 408), TRANSFER_TIMEOUT_MS);
  }

  /** The final result; the call ends on success (by the caller of `report`) or comes back on failure. */
  done(ok: boolean, status?: number): void {
    if (!this.pending) return;
    this.dispose();
    this.state = ok ? 'succeeded' : 'failed';
    if (!ok && !this.heldBefore && !this.call.ended) this.call.setHeld(false);
    this.report(this.state, status);
  }
}
