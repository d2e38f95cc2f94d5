import type { RTCSession } from 'jssip/lib/RTCSession';
import { PhoneError } from '../errors.js';
import { holdFlags, markLocalHold, sendReinvite } from '../jssip.js';

export interface HoldingCall {
  /** Outgoing: we chose the Call-ID (what RFC 3261 14.1 bases the wait after a 491 on). */
  readonly direction: 'incoming' | 'outgoing';
  readonly held: boolean;
  readonly ended: boolean;
  readonly pc: RTCPeerConnection | null;
  after(ms: number, fn: () => void): void;
}

/** How often a hold that collided with the far end's own re-INVITE (491) is tried again. */
const GLARE_RETRIES = 4;
/** The wait before a try again after a 491 (ms), by who chose the Call-ID (RFC 3261 14.1). */
const GLARE_WAIT_MS = { outgoing: [2100, 4000], incoming: [0, 2000] } as const;
/** How long a hold waits for a re-INVITE in progress (either way) to finish before it is sent. */
const READY_WAIT = { stepMs: 100, steps: 50 };

/**
 * Puts a call on hold or resumes it with a re-INVITE. Unlike JsSIP's `hold()`, a refused
 * re-INVITE never hangs up the call: after a collision with the far end's own re-INVITE (491,
 * e.g. both ends pressing Hold at once) it is sent again after a random wait (RFC 3261 14.1:
 * 2.1-4 s for the end that chose the Call-ID, the caller; 0-2 s for the other, so the two tries
 * do not collide again); after any other refusal the hold state goes back and `done(false)` runs. While another
 * re-INVITE is in progress it waits for that one to finish.
 */
export function changeHold(call: HoldingCall, session: RTCSession, held: boolean, done: (ok: boolean) => void, fail: (err: PhoneError) => void, tries = 0, checking = false): void {
  if (tries === 0) markLocalHold(session, held);
  const giveUp = () => {
    if (checking) return done(false); // the hold itself went through earlier
    markLocalHold(session, !held);
    fail(new PhoneError('no-call', held ? 'hold-failed' : 'resume-failed'));
    done(false);
  };
  const again = () => {
    if (call.ended || call.held !== held) return done(false); // changed meanwhile
    if (tries >= GLARE_RETRIES) return giveUp();
    const [from, to] = GLARE_WAIT_MS[call.direction];
    call.after(from + Math.random() * (to - from), () => changeHold(call, session, held, done, fail, tries + 1, checking));
  };
  // Another re-INVITE still in progress (ours or the far end's): wait for it to finish.
  let waited = 0;
  const send = () => {
    if (call.ended || call.held !== held) return done(false);
    if (!session.isReadyToReOffer()) {
      if (++waited > READY_WAIT.steps) return giveUp();
      return call.after(READY_WAIT.stepMs, send);
    }
    offer();
  };
  const offer = () =>
    sendReinvite(session, {
      succeeded: () => {
        done(true);
        // Offers that crossed can leave the media directions one step behind the hold state
        // (each end answered the other's offer made before it knew): check once things settle.
        // Once per hold change, so a far end that never sends (no camera) costs one re-INVITE at most.
        if (!checking) call.after(500 + Math.random() * 2000, () => {
          if (!call.ended && call.held === held && session.isReadyToReOffer() && behind(call.pc, session)) changeHold(call, session, held, () => {}, fail, 1, true);
        });
      },
      failed: response => {
        // Our offer was refused: back to the negotiated state, so the far end's offer can land.
        const pc = call.pc;
        if (pc?.signalingState === 'have-local-offer') pc.setLocalDescription({ type: 'rollback' }).catch(() => {});
        // 491, no answer we could apply (the far end's crossing offer replaced ours), or a server
        // that could not reach the far end yet (just back from an outage): again.
        if (!response || [408, 477, 480, 481, 491, 500, 503].includes(response.status_code ?? 0)) again();
        else if (!call.ended && call.held === held) giveUp();
      },
    });
  send();
}

/**
 * Whether the negotiated directions lag behind the hold state. With JsSIP's hold the one on
 * hold keeps sending and stops receiving: we send unless the far end holds, and receive unless
 * we hold. Only media we both send and want to receive is compared.
 */
function behind(pc: RTCPeerConnection | null, session: RTCSession): boolean {
  const { local, remote } = holdFlags(session);
  const send = !remote;
  const receive = !local;
  const expected = send && receive ? 'sendrecv' : send ? 'sendonly' : receive ? 'recvonly' : 'inactive';
  return !!pc?.getTransceivers().some(t => t.direction === 'sendrecv' && t.sender.track && t.currentDirection && t.currentDirection !== 'stopped' && t.currentDirection !== expected);
}
