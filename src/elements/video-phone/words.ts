// Words about calls that more than one view needs: how a call ended, and how long it lasted.
import type { CallEndedDetail, EndReason } from '../../sip/types.js';
import type { StringKey } from '../../i18n/i18n.js';

/** End reasons with words of their own; any other says "Call ended". */
const END_KEYS = new Set<EndReason>([
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
