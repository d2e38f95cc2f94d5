import type { RTCSession } from 'jssip/lib/RTCSession';
import type { IncomingRequest } from 'jssip/lib/SIPMessage';
import { DEFAULTS } from './config.js';
import { webrtcSupported } from './media.js';
import { Call } from './call.js';
import type { CallHost } from './call.js';
import { earlyIds } from './jssip.js';
import type { PhoneConfig } from './config.js';
import type { CallOptions, PhoneEventDetail, PhoneEventName } from './phone-events.js';

/** What a call ringing in needs from the lines. */
export interface RingInHost extends CallHost {
  lines: Call[];
  active: Call | null;
  readonly config: PhoneConfig | null;
  readonly host: { readonly dnd: boolean };
  readonly adopted: WeakSet<RTCSession>;
  readonly pickups: WeakMap<IncomingRequest, Call>;
  addLine(call: Call, activate: boolean): Call;
  answer(callId?: string, options?: CallOptions): Promise<boolean>;
  emit<K extends PhoneEventName>(type: K, detail: PhoneEventDetail<K>): boolean;
  changed(): void;
}

/**
 * How many seconds an INVITE asks to be answered after without anyone picking up (an intercom or
 * paging call), or undefined: `Call-Info: <…>;answer-after=N` (FreeSWITCH's intercom, Polycom),
 * `Alert-Info: <…>;info=alert-autoanswer`, `…auto-answer` or `…intercom` (Snom, Yealink), or
 * `intercom=true` in the Request-URI.
 */
export function answerAfter(request: IncomingRequest): number | undefined {
  const after = /answer-after\s*=\s*(\d+)/i.exec(request.getHeaders('call-info').join())?.[1];
  if (after) return Math.min(+after, 60);
  if (/auto-?answer|intercom/i.test(request.getHeaders('alert-info').join()) || /^true$/i.test(String(request.ruri?.getParam('intercom')))) return 0;
  return undefined;
}

/**
 * A call rings: a new line. Refused unheard with do-not-disturb on (`dnd-code`; reported ended with
 * reason `dnd`), or with 486 Busy Here when every line is taken or another call rings already. A
 * colleague picking up one of our calls while it rings at the far end (an INVITE with Replaces for
 * it) is answered at once, and that call is cancelled once this one is up.
 */
export function ringIn(lines: RingInHost, session: RTCSession, request: IncomingRequest): void {
  if (lines.adopted.has(session)) return;
  if (!webrtcSupported()) return void session.terminate({ status_code: 488, reason_phrase: 'Not Acceptable Here' });
  const identity = session.remote_identity;
  const remote = identity?.uri?.toString() ?? '';
  const displayName = identity?.display_name || identity?.uri?.user || remote;
  const pickup = lines.pickups.get(request);
  if (lines.host.dnd && !pickup) {
    const status = lines.config?.dndCode ?? DEFAULTS.dndCode;
    session.terminate({ status_code: status });
    return void lines.emit('call-ended', { callId: session.id, direction: 'incoming', remote, displayName, startedAt: Date.now(), reason: 'dnd', status, originator: 'local', durationMs: 0 });
  }
  if (lines.lines.length >= (lines.config?.maxCalls ?? DEFAULTS.maxCalls) + (pickup ? 1 : 0) || lines.lines.some(c => c.ringingHere)) {
    return void session.terminate({ status_code: 486, reason_phrase: 'Busy Here' });
  }
  const call = lines.addLine(new Call(lines, 'incoming', remote, displayName), false);
  call.offersVideo = /\r?\nm=video [1-9]/.test(String(request.body ?? ''));
  call.attach(session);
  call.startNoAnswerTimer(480);
  if (pickup) {
    // The new call becomes the active one; the one it takes over ends once it is up (`transferred`).
    lines.active = call;
    call.takesOver = pickup;
    return void lines.answer(call.id, { video: !!pickup.localStream?.getVideoTracks().length });
  }
  const after = answerAfter(request);
  lines.emit('incoming-call', { callId: call.id, from: remote, displayName, ...(after === undefined ? {} : { answerAfter: after }) });
  lines.changed();
}

/**
 * An INVITE with Replaces for one of our outgoing calls that still rings at the far end: a
 * colleague picks that call up (JsSIP itself refuses one for a dialog not answered yet). Returns
 * whether it is one; it then comes in as a new call, answered at once.
 */
export function claimPickup(lines: RingInHost, request: IncomingRequest): boolean {
  const { call_id: callId, from_tag: fromTag, to_tag: toTag } = (request as unknown as { replaces: { call_id: string; from_tag: string; to_tag: string } }).replaces ?? {};
  const call = lines.lines.find(c => {
    const ids = c.direction === 'outgoing' && c.connectedAt === null && c.session ? earlyIds(c.session) : null;
    return ids?.callId === callId && (ids.localTag === fromTag || ids.localTag === toTag);
  });
  if (call) lines.pickups.set(request, call);
  return !!call;
}
