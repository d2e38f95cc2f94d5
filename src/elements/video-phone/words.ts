// What the phone says on screen about registration, calls and how they ended.
import type { CallEndedDetail, CallState, EndReason, RegistrationState } from '../../sip/types.js';

export const REGISTRATION_TEXT: Record<RegistrationState, string> = {
  unregistered: 'Not registered',
  connecting: 'Connecting…',
  registered: 'Registered',
  failed: 'Registration failed',
};

export const CALL_TEXT: Record<CallState, string> = {
  idle: 'Ready',
  calling: 'Calling…',
  ringing: 'Ringing…',
  incoming: 'Incoming call',
  connected: 'In call',
  held: 'On hold',
  ended: 'Call ended',
};

/** What `call-state="ended"` says, by how the call ended. */
export const END_TEXT: Partial<Record<EndReason, string>> = {
  busy: 'Busy',
  rejected: 'Call declined',
  'not-found': 'Number not found',
  unavailable: 'Not available',
  'no-answer': 'No answer',
  canceled: 'Call cancelled',
  transferred: 'Call transferred',
  'media-error': 'Call ended: media failed',
  'connection-error': 'Call ended: connection lost',
  'request-timeout': 'Call ended: connection lost',
  'auth-failed': 'Call not authorised',
  incompatible: 'Call failed: no common media',
  'address-incomplete': 'Incomplete number',
  redirected: 'Call redirected',
  failed: 'Call failed',
};

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

/** How a call ended, in a few words. */
export function endText(end: CallEndedDetail): string {
  return isMissed(end) && end.reason === 'canceled' ? 'Missed call' : (END_TEXT[end.reason] ?? CALL_TEXT.ended);
}
