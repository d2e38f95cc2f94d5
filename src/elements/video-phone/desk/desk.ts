import { setting } from '../../../internal/setting.js';
import type { Constructor } from '../../../internal/setting.js';
import { ringingOf } from '../ringing/ringing.js';
import type { PhoneHost } from '../phone-base.js';
import { DEFAULTS } from '../../../sip/index.js';
import type { CallOptions, Contact, IncomingCallDetail, VoicemailDetail } from '../../../sip/index.js';

/** A button in a call that sends DTMF: a door's "Open door" (`#9`), a gate, a lift. */
export interface CallAction {
  label: string;
  dtmf: string;
}

/** What the desk needs from the element besides the base. */
interface DeskHost extends PhoneHost {
  readonly audioOnly: boolean;
  call(target?: string, options?: CallOptions): Promise<boolean>;
  answer(callId?: string, options?: CallOptions): Promise<boolean>;
  transfer(target: string): boolean;
}

/** `auto-answer` as given (the bare attribute, or `true`, is `always`) → off | server | always. */
export const autoMode = (v: unknown): 'off' | 'server' | 'always' => (v === '' || v === true || v === 'always' ? 'always' : v === 'server' ? 'server' : 'off');

/**
 * The front desk and the door: colleagues' lamps (a contacts panel) and picking up their calls,
 * the voicemail light, do-not-disturb, park and pickup, auto-answer for intercoms, and buttons in a
 * call that send a door its DTMF.
 */
export const Desk = <T extends Constructor<DeskHost>>(base: T) => {
  abstract class DeskFeature extends base {
    /**
     * Colleagues whose lamps the contacts panel shows (available, ringing, on a call, offline):
     * space-separated numbers or SIP addresses, each with an optional name, e.g.
     * `1001 1002;name="Front desk"`; as a property also an array of `{uri, name}`. A click calls the
     * contact, or picks up the call ringing there. Needs a server that offers the `dialog` event
     * package (FreeSWITCH with `manage-presence`, Kamailio's presence modules).
     */
    @setting({ config: true }) contacts: string | Contact[] | null = null;
    /** The event package the lamps subscribe to. Type: `dialog` (RFC 4235) | `presence` (RFC 3856, for servers that offer only that). */
    @setting({ config: true }) presence = 'dialog';
    /**
     * A contact's ringing call is picked up by dialling this and its number (FreeSWITCH's directed
     * pickup, `**` + extension). Empty: by calling the caller with Replaces for that call, where the
     * lamp named it (Kamailio and other proxies in front of phones like this one).
     */
    @setting() pickupPrefix = '**';
    /** What **Pick up** dials: a call ringing anywhere in the group (FreeSWITCH's `*8`, `group_intercept`). */
    @setting() pickupNumber = '*8';
    /** Where **Park** sends the call (blind transfer): FreeSWITCH's valet parking lot `6000`, which announces the slot. */
    @setting() parkNumber = '6000';
    /** What the voicemail button calls (FreeSWITCH's `*98`). */
    @setting() voicemailNumber = '*98';
    /** The SIP status calls get while do-not-disturb is on. Type: number (400-699). */
    @setting({ config: true, type: Number }) dndCode: number = DEFAULTS.dndCode;
    /**
     * Answer calls without anyone picking up, after a short tone (unless an `fs-incoming-call`
     * listener calls `preventDefault()`); never a second call while one is up. Type: `off` |
     * `server` (only when the INVITE asks: `Call-Info: …;answer-after=N`, `Alert-Info: …auto-answer`
     * or `…intercom`, or `intercom=true` in the Request-URI; FreeSWITCH's intercom, paging) |
     * `always` (also the bare attribute).
     */
    @setting({ converter: { fromAttribute: v => (v === null ? 'off' : v) } }) autoAnswer: string | boolean = 'off';
    /** Calls answered by themselves start with the microphone off. */
    @setting({ type: Boolean }) autoAnswerMuted = false;
    /** Calls answered by themselves send no video (a door camera is watched, not shown ours). */
    @setting({ type: Boolean }) receiveOnly = false;
    /** `{label, dtmf}[]`: buttons in a call that send their DTMF, e.g. `[{ label: 'Open door', dtmf: '#9' }]`. */
    @setting({ attribute: false }) actions: CallAction[] = [];

    /** Do not disturb: calls are refused unheard (`dnd-code`) and listed in the history as such. Kept per account in this browser. */
    get dnd(): boolean {
      return this.phone.desk.dnd;
    }

    set dnd(on: boolean) {
      this.phone.desk.dnd = !!on;
    }

    /** `{waiting, new, old}`: The voicemail box's counts, once the server has sent them, else null. */
    get voicemail(): VoicemailDetail | null {
      return this.phone.desk.voicemail;
    }

    /** Calls a contact, or picks up the call ringing there. */
    callContact(uri: string): Promise<boolean> {
      const c = this.phone.desk.contacts.find(o => o.uri === uri);
      return c?.state === 'ringing' ? this.phone.desk.pickup(uri, this.pickupPrefix) : this.call(uri);
    }

    /** Parks the active call (blind transfer to `park-number`). */
    park(): boolean {
      return this.transfer(this.parkNumber);
    }

    /** @internal The call ringing in that is about to be answered by itself, or null. */
    @setting({ state: true }) autoAnswering: string | null = null;

    /** @internal A call rang in and no listener vetoed: answered by itself when `auto-answer` says so. */
    ringsIn(d: IncomingCallDetail): void {
      autoAnswer(this, d, () => ringingOf(this).ringer.beep());
    }
  }
  return DeskFeature;
};

/**
 * Answers a call that rang in by itself when `auto-answer` says so (a page's `fs-incoming-call`
 * listener may veto first): a short tone, then the answer after the wait the INVITE asked for.
 */
export function autoAnswer(
  el: DeskHost & { autoAnswer: string | boolean; autoAnswerMuted: boolean; receiveOnly: boolean; autoAnswering: string | null },
  d: IncomingCallDetail,
  tone: () => void,
): void {
  const mode = autoMode(el.autoAnswer);
  const asked = d.answerAfter !== undefined;
  if (mode === 'off' || (mode === 'server' && !asked) || el.phone.calls.length > 1) return;
  el.autoAnswering = d.callId;
  tone();
  setTimeout(() => {
    el.autoAnswering = null;
    if (el.phone.incomingCall?.id === d.callId && el.phone.calls.length === 1) void el.answer(d.callId, { video: !el.audioOnly && !el.receiveOnly, muted: el.autoAnswerMuted });
  }, Math.max(400, (d.answerAfter ?? 0) * 1000));
}
