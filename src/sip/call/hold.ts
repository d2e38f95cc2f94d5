import { PhoneError } from '../errors.js';

/** The part of JsSIP's session a hold uses: its hold flag, its hold events and its re-INVITE. */
export interface HoldingSession {
  _localHold: boolean;
  _onhold(originator: 'local'): void;
  _onunhold(originator: 'local'): void;
  isReadyToReOffer(): boolean;
  _sendReinvite(options: { eventHandlers: { succeeded(): void; failed(response?: { status_code?: number }): void } }): void;
}

export interface HoldingCall {
  readonly held: boolean;
  readonly ended: boolean;
  readonly pc: RTCPeerConnection | null;
  after(ms: number, fn: () => void): void;
}

/** How often a hold that collided with the far end's own re-INVITE (491) is tried again. */
const GLARE_RETRIES = 4;

/**
 * Puts a call on hold or resumes it with a re-INVITE. Unlike JsSIP's `hold()`, a refused
 * re-INVITE never hangs up the call: after a collision with the far end's own re-INVITE (491,
 * e.g. both ends pressing Hold at once) it is sent again after a random 0.5-2.5 s (RFC 3261
 * 14.1); after any other refusal the hold state goes back and `done(false)` runs.
 */
export function changeHold(call: HoldingCall, session: HoldingSession, held: boolean, done: (ok: boolean) => void, fail: (err: PhoneError) => void, tries = 0): void {
  if (tries === 0) {
    session._localHold = held;
    if (held) session._onhold('local');
    else session._onunhold('local');
  }
  const giveUp = () => {
    session._localHold = !held;
    if (held) session._onunhold('local');
    else session._onhold('local');
    fail(new PhoneError('no-call', held ? 'The call could not be put on hold' : 'The call could not be resumed'));
    done(false);
  };
  const again = () => {
    if (call.ended || call.held !== held) return; // changed meanwhile
    if (tries >= GLARE_RETRIES) return giveUp();
    call.after(500 + Math.random() * 2000, () => {
      if (call.ended || call.held !== held) return;
      if (session.isReadyToReOffer()) changeHold(call, session, held, done, fail, tries + 1);
      else again();
    });
  };
  session._sendReinvite({
    eventHandlers: {
      succeeded: () => done(true),
      failed: response => {
        // Our offer was refused: back to the negotiated state, so the far end's offer can land.
        const pc = call.pc;
        if (pc?.signalingState === 'have-local-offer') pc.setLocalDescription({ type: 'rollback' }).catch(() => {});
        if (response?.status_code === 491) again();
        else if (!call.ended && call.held === held) giveUp();
      },
    },
  });
}
