import type { RTCSession } from 'jssip/lib/RTCSession';
import { Call } from './call.js';
import { userOf } from './call/names.js';
import type { CallHost, TakeoverEvent } from './call.js';
import { OutgoingTransfer } from './call/transfer.js';
import type { Notice } from './errors.js';
import type { PhoneEventDetail, PhoneEventName } from './phone-events.js';
import type { TransferDetail } from './types.js';

/** What transfers need from the phone's lines: adding a call and starting it with media. */
export interface TransferHost extends CallHost {
  readonly active: Call | null;
  /** Sessions that take over a call (INVITE with Replaces): no ringing, no second line. */
  readonly adopted: WeakSet<RTCSession>;
  notice: Notice | null;
  emit<K extends PhoneEventName>(type: K, detail: PhoneEventDetail<K>, cancelable?: boolean): boolean;
  addLine(call: Call, activate: boolean): Call;
  withMedia(call: Call, video: boolean, go: (stream: MediaStream) => void): Promise<boolean>;
  answerWithMedia(call: Call, video: boolean): Promise<boolean>;
  sessionOptions(call: Call): object;
}

/** How long an attended transfer that succeeded waits for the consultation call to be ended by the far end. */
const CONSULT_END_MS = 4000;

/**
 * Transfers `call` to `uri`: blind, or attended when `consult` is the consultation call the far
 * end is to take over (REFER with Replaces). Reports progress as `transfer` events; on success
 * both calls end with reason `transferred`, on failure they stay and the person is told.
 */
export function transferCall(lines: TransferHost, call: Call, uri: string, consult: Call | null): void {
  call.transfer = call.unit(new OutgoingTransfer(call, uri, consult?.session ?? null, (state, status) => {
    const detail: TransferDetail = { callId: call.id, target: uri, state };
    if (status) detail.status = status;
    if (consult) detail.replaces = consult.id;
    // Once the far end took the transfer on, the calls that end meanwhile end because of it.
    if (state !== 'trying') for (const c of [call, consult]) if (c && !c.ended) c.endReason = state === 'failed' ? null : 'transferred';
    const who = userOf(uri);
    const code = status ? `(${status})` : '';
    lines.notice = { key: `transfer-${state === 'accepted' ? 'trying' : state}`, args: [who, code] };
    lines.emit('transfer', detail);
    if (state === 'succeeded') {
      call.terminate();
      // The consultation call is ended by the party that takes it over (BYE after its INVITE
      // with Replaces); ended here only if that does not come.
      consult?.after(CONSULT_END_MS, () => consult.terminate());
    }
    lines.changed();
  }));
}

/**
 * The far end of `call` asks us to call someone else (incoming REFER). Unless a listener refuses
 * (`transfer-request` cancelled), a new call goes out to the target with the same media as this
 * one, and this call ends once that one connects. The far end hears of the progress (NOTIFY).
 */
export function followReferral(lines: TransferHost, call: Call, e: TakeoverEvent): void {
  const uri = e.request.refer_to!.uri.clone();
  uri.clearHeaders();
  const target = uri.toString();
  const referredBy = /<([^>]+)>/.exec(e.request.getHeader('referred-by') ?? '')?.[1] ?? '';
  if (!lines.emit('transfer-request', { callId: call.id, target, referredBy }, true)) return e.reject();
  const next = lines.addLine(new Call(lines, 'outgoing', target, userOf(target)), lines.active === call || !lines.active);
  next.takesOver = call;
  lines.changed();
  void lines.withMedia(next, hasVideo(call), () => {
    e.accept((session: RTCSession) => next.attach(session), lines.sessionOptions(next));
    if (!next.session) throw new Error('The call to transfer is no longer up');
    next.startNoAnswerTimer();
  });
}

/**
 * An INVITE with Replaces for `call` (we are the target of an attended transfer): the new call
 * takes that one's place at once, without ringing, and that one ends once this one connects.
 */
export function takeOver(lines: TransferHost, call: Call, e: TakeoverEvent): void {
  let next: Call | null = null;
  e.accept((session: RTCSession) => {
    lines.adopted.add(session);
    const id = session.remote_identity;
    const remote = id?.uri?.toString() ?? '';
    next = lines.addLine(new Call(lines, 'incoming', remote, id?.display_name || userOf(remote)), lines.active === call || !lines.active);
    next.takesOver = call;
    next.answering = true;
    next.attach(session);
  });
  const taken = next as Call | null;
  if (!taken) return e.reject();
  lines.changed();
  void lines.answerWithMedia(taken, hasVideo(call));
}

function hasVideo(call: Call): boolean {
  return !!call.localStream?.getVideoTracks().length;
}
