import { setting } from '../../../internal/setting.js';
import type { Constructor } from '../../../internal/setting.js';
import { initialize } from '../phone-base.js';
import type { PhoneHost } from '../phone-base.js';
import { CallFocus } from './focus.js';
import type { FocusHost } from './focus.js';
import { DEFAULTS } from '../../../sip/index.js';
import type { CallInfo, CallOptions, DtmfMode } from '../../../sip/index.js';

/** What calls need from the element besides the base. */
interface CallsHost extends PhoneHost {
  readonly audioOnly: boolean;
}

/**
 * Calls: dialling, answering, declining, hanging up, hold,
 * several lines and swapping between them, mute and DTMF; where the focus goes as calls come
 * and go.
 */
export const Calls = <T extends Constructor<CallsHost>>(base: T) => {
  abstract class CallsFeature extends base {
    /** Number or address to dial. A bare number or user name is dialed at the phone's own domain. */
    @setting() target = '';
    /** How DTMF is sent. Type: `rfc2833` | `info`. */
    @setting({ config: true }) dtmfMode: DtmfMode = DEFAULTS.dtmfMode;
    /**
     * An unanswered call is given up after this long (outgoing: cancelled; incoming: refused with
     * 480). Type: number (s).
     */
    @setting({ config: true, type: Number }) noAnswerTimeout: number = DEFAULTS.noAnswerTimeout;
    /**
     * How many calls the phone holds at once (ringing, connected or on hold). With 2 a call that
     * arrives during a call waits (call waiting) and the person can swap between the two; with `1` a
     * second caller gets 486 Busy Here and `call()` refuses while a call is up. A second call never
     * rings while another one is still ringing (486). Type: number.
     */
    @setting({ config: true, type: Number }) maxCalls: number = DEFAULTS.maxCalls;
    /**
     * A call survives a reload of the page, or a move to another page of the site in the same tab,
     * for this long: the page that comes back shows "Reconnecting the call…" (`call-state="reconnecting"`)
     * and takes the call back from the far end (INVITE with Replaces), with its start time. Also how
     * long a call whose far end went silent is kept for it to come back. `0`: off. Type: number (s).
     */
    @setting({ config: true, type: Number }) rejoinWithin: number = DEFAULTS.rejoinWithin;
    /** During a call, the number field is open to add another call (the **Add call** button). */
    @setting({ state: true }) adding = false;

    /**
     * `{id, direction, remote, displayName, state, connectedAt, held, remoteHeld}[]`: Every call in
     * progress, oldest first. `id` is stable for the life of the call; every call event carries it as
     * `callId`, and the methods below take it. `state` is the call's own (`calling`, `ringing`,
     * `incoming`, `connected`, `held`); `held` means we hold it, `remoteHeld` that the far end does.
     */
    get calls(): CallInfo[] {
      return this.phone.calls;
    }

    /**
     * The active call: the one the person talks on (or dials), and the one methods act on without a
     * call id.
     */
    get currentCall(): CallInfo | null {
      return this.phone.currentCall;
    }

    /** The call that is ringing (also while another call is up). */
    get incomingCall(): CallInfo | null {
      return this.phone.incomingCall;
    }

    /**
     * The connected call waiting on hold behind the active one (after **Hold & answer** or a second
     * call); it becomes the active call, still held, when the active one ends.
     */
    get heldCall(): CallInfo | null {
      return this.phone.heldCall;
    }

    /** `{audio, video}`: Microphone and camera mute state. */
    get muted(): { audio: boolean; video: boolean } {
      return this.phone.muted;
    }

    /**
     * Call `target` (default: the `target` property). A connected call is put on hold first (while
     * `max-calls` leaves room). Resolves `true` once the INVITE is on its way. Refused (`busy`) while
     * a call rings in with no call up: answer or decline it first (the **Call** button is disabled
     * then).
     */
    call(target?: string, options: CallOptions = {}): Promise<boolean> {
      if (target !== undefined) this.target = target;
      return this.phone.call(target ?? this.target, { video: !this.audioOnly, ...options });
    }

    /**
     * What **Call** does (also a linked `<fs-dialpad>`'s): calls the number in the field; with the
     * field empty, says so and puts the focus there. Resolves like `call()`.
     */
    dial(): Promise<boolean> {
      if (this.target.trim()) return this.call();
      this.phone.showNotice({ key: 'enter-number' });
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[part~="target-input"]')?.focus());
      return Promise.resolve(false);
    }

    /**
     * Answer the ringing call (`answer({video})` works too). A connected call in progress is put on
     * hold (hold-and-answer); the banner then offers **Decline**, **Hold & answer** and **End &
     * answer**.
     */
    answer(callId?: string | CallOptions, options: CallOptions = {}): Promise<boolean> {
      if (typeof callId === 'object') [callId, options] = [undefined, callId];
      return this.phone.answer(callId, { video: !this.audioOnly, ...options });
    }

    /** Decline the ringing call (603 Decline). */
    decline(callId?: string): boolean {
      return this.phone.decline(callId);
    }

    /**
     * End the active call (or `callId`), whatever its state. A call held behind it becomes the active
     * call, still on hold.
     */
    hangup(callId?: string): boolean {
      return this.phone.hangup(callId);
    }

    /** Put a call on hold and resume it. Resuming a call that is not the active one swaps to it. */
    hold(callId?: string): boolean {
      return this.phone.hold(callId);
    }

    /** Put a call on hold and resume it. Resuming a call that is not the active one swaps to it. */
    unhold(callId?: string): boolean {
      return this.phone.unhold(callId);
    }

    /**
     * Hold the active call and resume the other one (or `callId`). The held line under the status bar
     * does the same when clicked.
     */
    swap(callId?: string): boolean {
      return this.phone.swap(callId);
    }

    /** Mute or unmute the microphone and/or camera. Without a call it applies to the next one. */
    setMuted(options: { audio?: boolean; video?: boolean }): boolean {
      return this.phone.setMuted(options);
    }

    /** Send `0-9 A-D * #` (`,` pauses) during a call. */
    sendDtmf(tones: string, callId?: string): boolean {
      return this.phone.sendDtmf(tones, callId);
    }
  }
  // Where the focus goes as calls ring in and end.
  initialize(CallsFeature, el => new CallFocus(el as unknown as FocusHost));
  return CallsFeature;
};
