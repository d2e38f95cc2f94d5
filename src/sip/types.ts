/** Registration lifecycle of a phone, reflected as `registration-state`. */
export type RegistrationState = 'unregistered' | 'connecting' | 'registered' | 'failed';

/** State of the phone's current (or ringing) call, reflected as `call-state`. */
export type CallState = 'idle' | 'calling' | 'ringing' | 'incoming' | 'connected' | 'held' | 'ended';

/** Why a call ended. `status` on the event carries the SIP status code where there is one. */
export type EndReason =
  | 'hangup'
  | 'busy'
  | 'rejected'
  | 'not-found'
  | 'unavailable'
  | 'canceled'
  | 'no-answer'
  | 'auth-failed'
  | 'connection-error'
  | 'request-timeout'
  | 'media-error'
  | 'incompatible'
  | 'address-incomplete'
  | 'redirected'
  | 'failed';

/** Why a registration failed. */
export type RegistrationFailure = 'auth-failed' | 'connection-error' | 'request-timeout' | 'failed';

/** Who caused something: this phone, the far end, or the network/server. */
export type Originator = 'local' | 'remote' | 'system';

/** How DTMF leaves: RTP telephone-events (RFC 4733/2833) or SIP INFO. */
export type DtmfMode = 'rfc2833' | 'info';

export type Direction = 'incoming' | 'outgoing';

export interface RegistrationFailedDetail {
  reason: RegistrationFailure;
  status?: number;
}
export interface IncomingCallDetail {
  /** The caller's SIP URI. */
  from: string;
  /** The caller's display name, or its user part when none was sent. Plain text. */
  displayName: string;
}
export interface CallProgressDetail {
  status?: number;
  reason?: string;
}
export interface CallConnectedDetail {
  remote: string;
  displayName: string;
  direction: Direction;
}
export interface CallEndedDetail {
  reason: EndReason;
  status?: number;
  originator: Originator;
  /** Connected time in milliseconds; 0 when the call never connected. */
  durationMs: number;
}
export interface MessageDetail {
  /** The other party's SIP URI. */
  from: string;
  body: string;
  direction: Direction;
}
export interface DtmfDetail {
  tone: string;
  direction: Direction;
}
