import type { RTCSession } from 'jssip/lib/RTCSession';
import { sendReinvite } from '../jssip.js';
import type { CallMedia } from './media-path.js';
import { iceUp, mediaPathUp } from './media-path.js';

/**
 * ICE recovery: how long a `disconnected` media path may stay so before the caller renegotiates
 * with an ICE restart (the callee waits longer, so both ends do not restart at once and collide
 * with 491), how long one restart may take, and how many are tried before the call ends with
 * `media-error`. A path that is up but carries no RTP at all for `silenceMs` (neither side on
 * hold) counts as broken too: a DTLS/SRTP failure the connection states do not report.
 */
export const ICE_RECOVERY = { callerGraceMs: 2000, calleeGraceMs: 6000, restartTimeoutMs: 10000, maxRestarts: 2, silenceMs: 8000, flowCheckMs: 2000 };

/**
 * Keeps a connected call's media alive: restarts ICE when the path breaks (ICE or DTLS) or stays
 * up without carrying any RTP, and calls `lost` when restarts cannot bring it back.
 */
export class MediaRecovery {
  private restartTimer: ReturnType<typeof setTimeout> | undefined;
  private restarts = 0;
  private packetsIn = -1;
  private flowingChecks = 0;
  private silentSince = 0;
  private gaveUp = false;

  constructor(
    private readonly call: CallMedia,
    private readonly lost: () => void,
  ) {}

  /** The call connected: from now on RTP is expected. */
  start(): void {
    this.silentSince = Date.now();
  }

  /** ICE or connection state of `pc` changed: schedules a restart when broken, forgets it when healed. */
  watch(pc: RTCPeerConnection): void {
    const call = this.call;
    if (call.ended || call.pc !== pc) return;
    if (mediaPathUp(pc)) {
      // The restart count goes back to 0 once RTP flows again (checkFlow), not here.
      clearTimeout(this.restartTimer);
      this.restartTimer = undefined;
      return;
    }
    // ICE came back after our restart but DTLS failed: another restart would fail the same way.
    if (pc.connectionState === 'failed' && iceUp(pc) && this.restarts > 0) return this.giveUp();
    const broken = ['disconnected', 'failed'];
    if ((broken.includes(pc.iceConnectionState) || broken.includes(pc.connectionState)) && call.connectedAt !== null && this.restartTimer === undefined) {
      const grace = call.direction === 'outgoing' ? ICE_RECOVERY.callerGraceMs : ICE_RECOVERY.calleeGraceMs;
      this.restartTimer = setTimeout(() => this.restart(), grace);
    }
  }

  dispose(): void {
    clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
  }

  /**
   * Counts the RTP packets that arrived (`packets`, from the call's statistics sampler). Resets
   * the restart count while they grow; restarts ICE when none arrived for `silenceMs` although
   * the path is up and neither side holds.
   */
  flowed(packets: number): void {
    const pc = this.call.pc;
    if (this.call.ended || !pc || this.gaveUp) return;
    if (this.call.onHold || !mediaPathUp(pc)) {
      this.silentSince = Date.now();
      return;
    }
    if (packets !== this.packetsIn) {
      this.packetsIn = packets;
      this.silentSince = Date.now();
      // Recovered once media keeps flowing (a restart can let a few packets through and no more).
      if (++this.flowingChecks >= 3) this.restarts = 0;
      return;
    }
    this.flowingChecks = 0;
    if (Date.now() - this.silentSince >= ICE_RECOVERY.silenceMs) {
      // Up but silent, also after a restart that "worked": the next restart, or media-error.
      this.silentSince = Date.now();
      clearTimeout(this.restartTimer);
      this.restart(true);
    }
  }

  private restart(silent = false): void {
    const { call } = this;
    this.restartTimer = undefined;
    if (call.ended || !call.session || (!silent && call.pc && mediaPathUp(call.pc))) return;
    if (this.restarts >= ICE_RECOVERY.maxRestarts) return this.giveUp();
    this.restarts++;
    try {
      this.reoffer(call.session);
    } catch {
      /* not ready to re-offer now: the timer below tries again */
    }
    this.restartTimer = setTimeout(() => this.restart(), ICE_RECOVERY.restartTimeoutMs);
  }

  /**
   * A re-INVITE with fresh ICE credentials; the far end answers with new candidates. Not through
   * `renegotiate()`, which hangs up when the re-INVITE fails: a relay still down (5xx) or a
   * collision (491) only means trying again later, so the offer is rolled back and the restart
   * timer decides.
   */
  private reoffer(session: RTCSession): void {
    if (!session.isEstablished() || !session.isReadyToReOffer()) return;
    sendReinvite(
      session,
      {
        failed: () => {
          const pc = this.call.pc;
          if (!this.call.ended && pc?.signalingState === 'have-local-offer') pc.setLocalDescription({ type: 'rollback' }).catch(() => {});
        },
      },
      true,
    );
  }

  private giveUp(): void {
    this.dispose();
    this.gaveUp = true;
    this.lost();
  }
}
