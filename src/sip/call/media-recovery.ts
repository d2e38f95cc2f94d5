import type { RTCSession } from 'jssip/lib/RTCSession';
import { sendReinvite } from '../jssip.js';
import type { CallMedia } from './media-path.js';
import { iceUp, mediaPathUp } from './media-path.js';

/**
 * How a broken media path is noticed and mended (all in ms).
 *
 * Noticed, fastest first: RTP that was arriving without a gap stops for `quickCallerMs` (a browser
 * sends its audio 50 times a second, muted or not; read every `probeMs` from the receivers, not
 * from `getStats()`), long before ICE itself says `disconnected` (2.5-5 s); ICE or DTLS reports
 * the path broken and it stays so for `callerGraceMs`; or the path is up but no RTP at all came
 * for `silenceMs` (a DTLS/SRTP failure the connection states do not show), read from the call's
 * statistics every `flowCheckMs`. Neither side may hold the call, and a gap within `settleMs` of
 * a renegotiation is no news. The callee waits longer (`quickCalleeMs`, `calleeGraceMs`) so that
 * the caller's restart usually reaches it first and the two re-INVITEs do not collide (491).
 *
 * Mended by an ICE restart (a re-INVITE with fresh ICE credentials). One that the far end refuses
 * (a relay still down) is tried again after `retryMs`, doubled each time up to `retryMaxMs` (twice
 * that for the callee, so that the caller's offer is usually the one that gets through); one
 * that the far end takes but that brings no media within `restartTimeoutMs` (times the restarts
 * taken so far: a restart still checking is given longer each time, so that it can finish when the
 * path heals) is tried again. The path counts as mended when RTP arrives and no DTLS handshake is
 * pending (a relay that came back without its state gives each transport a new one, and audio may
 * flow before video does). A path still broken after the call's grace (`rejoin-within`, the time
 * the far end's page has to come back after a reload; `giveUpMs` when that is off) ends the call
 * with `media-error`, whatever restart is under way then.
 *
 * A restart cannot mend one thing: a far end whose DTLS certificate changed (a relay that came
 * back without its state). Chromium handshakes again with it; Firefox keeps its old association,
 * reports ICE and DTLS connected, and receives nothing. When no RTP has come since the certificate
 * changed, `renewAfterMs` after every DTLS transport reports its handshake done, or `handshakeMs`
 * after the change whatever they report (or at once when one failed its handshake), the call goes
 * on over a new session, once per break (see `carryOn`): the callee waits `calleeGraceMs` longer,
 * so that the caller's usually comes first.
 */
export const ICE_RECOVERY = {
  quickCallerMs: 700,
  quickCalleeMs: 1500,
  probeMs: 150,
  callerGraceMs: 2000,
  calleeGraceMs: 6000,
  silenceMs: 8000,
  flowCheckMs: 2000,
  retryMs: 250,
  retryMaxMs: 500,
  restartTimeoutMs: 4000,
  settleMs: 3000,
  giveUpMs: 20000,
  renewAfterMs: 250,
  handshakeMs: 1200,
};

/** The DTLS fingerprints of `pc`'s far end, as its latest offer or answer gave them ('' before one). */
function remotePrints(pc: RTCPeerConnection | null): string {
  return pc?.currentRemoteDescription?.sdp.match(/^a=fingerprint:.*$/gm)?.join() ?? '';
}

/** When RTP last arrived on `pc`: the receivers' newest source timestamp (0: none yet). */
function lastArrival(pc: RTCPeerConnection): number {
  let at = 0;
  for (const r of pc.getReceivers()) for (const s of r.getSynchronizationSources?.() ?? []) at = Math.max(at, s.timestamp);
  return at;
}

/** Whether no DTLS transport of `pc` is still to finish its handshake (or has failed it). */
function dtlsSettled(pc: RTCPeerConnection): boolean {
  const pending = ['new', 'connecting', 'failed'];
  return ![...pc.getSenders(), ...pc.getReceivers()].some(x => x.transport && pending.includes(x.transport.state));
}

/** Whether the negotiated directions let media come in. */
const receiving = (pc: RTCPeerConnection) => pc.getTransceivers().some(t => t.currentDirection === 'sendrecv' || t.currentDirection === 'recvonly');

/**
 * Keeps a connected call's media alive: restarts ICE when the path breaks (ICE or DTLS) or stays
 * up without carrying any RTP, and calls `lost` when restarts cannot bring it back.
 */
export class MediaRecovery {
  private restartTimer: ReturnType<typeof setTimeout> | undefined;
  private probeTimer: ReturnType<typeof setTimeout> | undefined;
  /** Ends the call when the grace runs out with the path still broken. */
  private deadline: ReturnType<typeof setTimeout> | undefined;
  /** When the path broke (0: it works); the restarts tried since, and how many the far end took. */
  private brokenSince = 0;
  private restarts = 0;
  private taken = 0;
  private gaveUp = false;
  // The statistics' view (slow path): packets received, and since when none came.
  private packetsIn = -1;
  private silentSince = 0;
  // The receivers' view (quick path): the last arrival seen, when it was seen to change, and
  // whether RTP has been arriving (since the call connected or resumed), which makes a gap news.
  private arrival = 0;
  private arrivalSeen = 0;
  private steady = false;
  /** When RTP was last seen arriving (0: not yet). */
  private lastFlow = 0;
  /** Until when a gap is no news: a renegotiation just completed (see `renegotiated`). */
  private settleUntil = 0;
  /** The far end's DTLS fingerprints; when they changed (0: not since RTP last came) and since when every handshake has been done. */
  private prints = '';
  private printsChanged = 0;
  private handshakesDone = 0;
  /** The call went on over a new session since the path broke. */
  private carriedOn = false;

  constructor(
    private readonly call: CallMedia,
    private readonly lost: () => void,
    /** How long a broken path may take to mend (ms). */
    private readonly graceMs: () => number,
    /** Carries the call on over a new session of ours; false when none can go out now. */
    private readonly carryOn: () => boolean,
  ) {}

  /** The call connected: from now on RTP is expected. */
  start(): void {
    this.prints = remotePrints(this.call.pc);
    this.silentSince = Date.now();
    this.probeTimer ??= setTimeout(this.probe, ICE_RECOVERY.probeMs);
  }

  dispose(): void {
    clearTimeout(this.restartTimer);
    clearTimeout(this.probeTimer);
    clearTimeout(this.deadline);
    this.restartTimer = this.deadline = undefined;
  }

  /** ICE or connection state of `pc` changed. */
  watch(pc: RTCPeerConnection): void {
    const call = this.call;
    if (call.ended || call.pc !== pc || call.connectedAt === null) return;
    // ICE came back after our restart but DTLS failed: another restart would fail the same way.
    if (pc.connectionState === 'failed' && iceUp(pc) && this.taken > 0) return this.goOnAnew(true);
    const broken = ['disconnected', 'failed'];
    if (broken.includes(pc.iceConnectionState) || broken.includes(pc.connectionState)) {
      this.broke(call.direction === 'outgoing' ? ICE_RECOVERY.callerGraceMs : ICE_RECOVERY.calleeGraceMs);
    }
  }

  /**
   * The packets received so far (from the call's statistics): a path that is up and carries none
   * for `silenceMs`, neither side holding, is broken.
   */
  flowed(packets: number): void {
    const pc = this.call.pc;
    if (this.call.ended || !pc || this.gaveUp) return;
    const now = Date.now();
    if (packets !== this.packetsIn || this.call.onHold || !mediaPathUp(pc)) {
      this.packetsIn = packets;
      this.silentSince = now;
    } else if (now - this.silentSince >= ICE_RECOVERY.silenceMs) {
      this.silentSince = now;
      this.broke(0);
    }
  }

  /** The quick path: reads the receivers every `probeMs`. */
  private readonly probe = (): void => {
    const { call } = this;
    const pc = call.pc;
    if (call.ended || this.gaveUp) return;
    this.probeTimer = setTimeout(this.probe, ICE_RECOVERY.probeMs);
    const now = Date.now();
    const at = pc ? lastArrival(pc) : 0;
    // Newer RTP came. (A browser lists only sources heard in the last 10 s: a source that falls off
    // the list takes the newest arrival back, or to 0, which is no arrival.)
    if (at < this.arrival) this.arrival = at;
    // RTP that arrives is the path working, whatever ICE says meanwhile (a restart may still be
    // checking while the media goes on over the pair in use).
    if (at > this.arrival) {
      this.lastFlow = now;
      this.steady = true;
      if (pc && dtlsSettled(pc)) this.mended();
      this.arrival = at;
      this.arrivalSeen = now;
      return;
    }
    if (pc && this.printsChanged && !call.onHold && receiving(pc)) this.certificateCheck(pc, now);
    // Held, renegotiating, or negotiated not to receive (directions can lag a hold change): no
    // RTP is expected now, and arrivals must be steady again before a gap counts.
    if (!pc || call.onHold || pc.signalingState !== 'stable' || !receiving(pc)) this.steady = false;
    if (!this.steady) {
      this.arrivalSeen = now;
      return;
    }
    // Just renegotiated: a gap is news only once the quiet time is over (then at once).
    if (now < this.settleUntil) return;
    if (now - this.arrivalSeen >= (call.direction === 'outgoing' ? ICE_RECOVERY.quickCallerMs : ICE_RECOVERY.quickCalleeMs)) {
      this.steady = false; // one restart per gap; arrivals make the next gap news again
      this.broke(0);
    }
  };

  /**
   * An offer and its answer went through (either side's: a restart, a hold change). Through a
   * media relay the other leg's ICE may start over for it, and its media pause: for `settleMs` a
   * gap is no reason for a restart of ours, which would start the other leg over in turn. A gap
   * that outlasts the quiet time is one.
   */
  renegotiated(): void {
    const now = Date.now();
    this.settleUntil = now + ICE_RECOVERY.settleMs;
    const prints = remotePrints(this.call.pc);
    if (this.prints && prints && prints !== this.prints) this.printsChanged = now;
    this.prints = prints || this.prints;
  }

  /**
   * The far end's certificate changed and no RTP came since, ICE up: once every DTLS handshake has
   * been done for `renewAfterMs` (at once in a browser that kept its old association), or after
   * `handshakeMs` of handshaking (a relay that took a handshake before it had the fingerprint to
   * check it fails that call's DTLS for good), only a new session can bring the media back.
   */
  private certificateCheck(pc: RTCPeerConnection, now: number): void {
    if (this.lastFlow >= this.printsChanged || pc.signalingState !== 'stable' || !iceUp(pc)) {
      this.handshakesDone = 0;
      return;
    }
    this.handshakesDone = dtlsSettled(pc) ? this.handshakesDone || now : 0;
    const caller = this.call.direction === 'outgoing';
    const done = this.handshakesDone && now - this.handshakesDone >= (caller ? ICE_RECOVERY.renewAfterMs : ICE_RECOVERY.calleeGraceMs);
    const stuck = now - this.printsChanged >= (caller ? ICE_RECOVERY.handshakeMs : ICE_RECOVERY.calleeGraceMs + ICE_RECOVERY.handshakeMs);
    if (done || stuck) this.goOnAnew(false);
  }

  /** The call goes on over a new session, once per break; `orGiveUp`: if it cannot, it ends. */
  private goOnAnew(orGiveUp: boolean): void {
    if (this.carriedOn || !this.carryOn()) return void (orGiveUp && this.giveUp());
    this.carriedOn = true;
    this.printsChanged = this.handshakesDone = this.arrival = 0;
    this.steady = false;
    this.broke(ICE_RECOVERY.restartTimeoutMs); // the grace runs on
  }

  /**
   * How long (ms) the media has been missing, to within `probeMs`: since RTP last came, or since
   * the path broke if that is longer (some may still come over half of it); 0 before any came.
   */
  silentMs(): number {
    const now = Date.now();
    return Math.max(this.lastFlow && now - this.lastFlow, this.brokenSince && now - this.brokenSince);
  }

  /** The call goes on over a new session (the far end's reloaded page took it back): watched afresh. */
  renew(): void {
    this.mended();
    this.gaveUp = false;
    this.steady = false;
    this.arrival = 0;
    this.lastFlow = 0;
    this.packetsIn = -1;
    this.silentSince = Date.now();
  }

  /** The path broke (again): a restart in `delayMs` unless one is already on its way. */
  private broke(delayMs: number): void {
    if (!this.brokenSince) {
      this.brokenSince = Date.now();
      this.deadline = setTimeout(() => this.brokenSince && !this.call.ended && this.giveUp(), this.graceMs());
    }
    if (this.restartTimer === undefined) this.restartTimer = setTimeout(this.restart, delayMs);
  }

  /**
   * The far end sent an offer (its own restart, or a hold change) while the path is broken: it is
   * mending it, so ours waits (the callee `calleeGraceMs`, the caller one `restartTimeoutMs`)
   * instead of crossing it. Two offers in flight at once are refused (491) by a phone, and leave a
   * media relay between the two with half of each.
   */
  farEndOffered(): void {
    if (!this.brokenSince || this.restartTimer === undefined) return;
    clearTimeout(this.restartTimer);
    const wait = this.call.direction === 'outgoing' ? ICE_RECOVERY.restartTimeoutMs * Math.max(1, this.taken) : ICE_RECOVERY.calleeGraceMs;
    this.restartTimer = setTimeout(this.restart, wait);
  }

  /** RTP arrives again over a working path. */
  private mended(): void {
    this.brokenSince = this.restarts = this.taken = this.printsChanged = this.handshakesDone = 0;
    this.carriedOn = false;
    clearTimeout(this.restartTimer);
    clearTimeout(this.deadline);
    this.restartTimer = this.deadline = undefined;
  }

  private readonly restart = (): void => {
    const { call } = this;
    this.restartTimer = undefined;
    if (call.ended || !call.session || !this.brokenSince) return;
    if (Date.now() - this.brokenSince >= this.graceMs()) return this.giveUp();
    this.restarts++;
    this.restartTimer = setTimeout(this.restart, ICE_RECOVERY.restartTimeoutMs * (this.taken + 1));
    try {
      this.reoffer(call.session);
    } catch {
      /* not ready to re-offer now: the timer tries again */
    }
  };

  /**
   * A re-INVITE with fresh ICE credentials; the far end answers with new candidates. Not through
   * `renegotiate()`, which hangs up when the re-INVITE fails: a refusal only means trying again
   * soon, so the offer is rolled back.
   */
  private reoffer(session: RTCSession): void {
    if (!session.isEstablished() || !session.isReadyToReOffer()) return;
    sendReinvite(
      session,
      {
        succeeded: () => this.taken++,
        failed: response => {
          const pc = this.call.pc;
          if (this.call.ended) return;
          if (pc?.signalingState === 'have-local-offer') pc.setLocalDescription({ type: 'rollback' }).catch(() => {});
          clearTimeout(this.restartTimer);
          // A collision (491): the far end's restart is on its way; if it fails too, RFC 3261's
          // waits (the caller 2.1-4 s, the callee up to 2 s) keep the two from colliding again.
          const wait =
            response?.status_code === 491
              ? (this.call.direction === 'outgoing' ? 2100 + Math.random() * 1900 : Math.random() * 2000)
              : Math.min(ICE_RECOVERY.retryMs * 2 ** (this.restarts - 1), ICE_RECOVERY.retryMaxMs) * (this.call.direction === 'outgoing' ? 1 : 2);
          this.restartTimer = setTimeout(this.restart, wait);
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
