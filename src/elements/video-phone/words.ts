// Words about calls that more than one view needs: how a call ended, and how long it lasted.
import type { CallEndedDetail, EndReason } from '../../sip/types.js';
import type { Phone } from '../../sip/index.js';
import { say } from '../../i18n/i18n.js';
import type { StringKey, Translate } from '../../i18n/i18n.js';

/** End reasons with words of their own; any other says "Call ended". */
const END_KEYS = new Set<EndReason>([
  'dnd',
  'busy',
  'rejected',
  'not-found',
  'unavailable',
  'no-answer',
  'canceled',
  'transferred',
  'media-error',
  'connection-error',
  'auth-failed',
  'not-for-guests',
  'incompatible',
  'address-incomplete',
  'redirected',
  'rejoin-failed',
]);

/** A duration as m:ss, or h:mm:ss. */
export function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const hh = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return hh ? `${hh}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** A call that rang here and stopped (or rang out) before anyone here answered or declined it. */
export const isMissed = (end: CallEndedDetail) =>
  end.direction === 'incoming' && !end.durationMs && (end.originator !== 'local' || end.reason === 'no-answer');

/** How a call ended, as a key of the string table. */
export function endKey(end: CallEndedDetail): StringKey {
  if (isMissed(end) && end.reason === 'canceled') return 'missed';
  if (end.reason === 'request-timeout') return 'connection-error';
  if (end.reason === 'failed') return 'callFailed';
  return END_KEYS.has(end.reason) ? (end.reason) : 'ended';
}

/**
 * What the live region says: the call's state with the other party's name (`stateText` for the
 * rest), do-not-disturb while idle, and any notice (never the timer).
 */
export function announcement({ phone, t, dnd }: { phone: Phone; t: Translate; dnd: boolean }, stateText: string): string {
  const state = phone.callState;
  const call = phone.currentCall;
  const incoming = phone.incomingCall;
  const text = incoming
    ? t('sayIncoming', incoming.displayName)
    : state === 'calling' && call
      ? t('sayCalling', call.displayName)
      : state === 'connected' && call
        ? t('sayConnected', call.displayName)
        : state === 'idle'
          ? t(dnd ? 'dndOn' : phone.registrationState)
          : stateText;
  // A notice that reports a failure is an alert of its own (the notice line).
  return phone.notice && !('code' in phone.notice) ? `${text}. ${say(t, phone.notice)}` : text;
}
