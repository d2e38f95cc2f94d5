/** Registration lifecycle of a phone, reflected as `registration-state`. */
/** `guest`: connected, placing calls without registering (no account; see the `guest` option). */
/** `elsewhere`: another tab of this browser has the account (`multi-tab`); `useHere()` moves it. */
export type RegistrationState = 'unregistered' | 'connecting' | 'registered' | 'guest' | 'failed' | 'elsewhere';

/**
 * State of the phone's current (or ringing) call, reflected as `call-state`. `reconnecting`: the
 * page was reloaded during the call and is taking it back (see `rejoin-within`).
 */
export type CallState = 'idle' | 'calling' | 'ringing' | 'incoming' | 'connected' | 'held' | 'reconnecting' | 'ended';

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
  | 'not-for-guests'
  | 'connection-error'
  | 'request-timeout'
  | 'media-error'
  | 'incompatible'
  | 'address-incomplete'
  | 'redirected'
  | 'transferred'
  /** The call a reloaded page tried to take back was refused by the far end, or is gone. */
  | 'rejoin-failed'
  /** Refused unheard while do-not-disturb was on (`dnd-code`, 486 by default). */
  | 'dnd'
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
/** Every call event's detail names the call it is about (`CallInfo.id`). */
export interface CallEventDetail {
  callId: string;
}

/** One call's state: `incoming` rings here; `calling`/`ringing` go out; `held` is held by us. */
export type LineState = Exclude<CallState, 'idle'>;

/** Public, read-only view of one call (a line). */
export interface CallInfo {
  /** Stable for the life of the call; methods take it to act on this call. */
  id: string;
  direction: Direction;
  /** The other party's SIP URI. */
  remote: string;
  /** The other party's display name (plain text), or its user part. */
  displayName: string;
  state: LineState;
  /** When the call connected (ms since epoch), or null before that. */
  connectedAt: number | null;
  /** We have put the call on hold. */
  held: boolean;
  /** The far end has put the call on hold. */
  remoteHeld: boolean;
  /** The far end is a conference room (its answer's Contact carries `isfocus`, RFC 4579). */
  room: boolean;
  /** The room's members, once the room has told them (`conference` event package), else null. */
  roster: RosterMember[] | null;
}

/** Progress of a transfer this phone asked for (REFER), from the far end's NOTIFY reports. */
export type TransferState = 'trying' | 'accepted' | 'succeeded' | 'failed';

export interface TransferDetail extends CallEventDetail {
  /** Where the call is transferred to (SIP URI). */
  target: string;
  state: TransferState;
  /** The SIP status behind `accepted`/`failed`, where there is one. */
  status?: number;
  /** Attended transfer: the consultation call that the far end replaces. */
  replaces?: string;
}

/** The far end asks this phone to call someone else (incoming REFER). Cancelable. */
export interface TransferRequestDetail extends CallEventDetail {
  /** Whom to call (SIP URI). */
  target: string;
  /** Who asked, as the far end says (SIP URI), or ''. */
  referredBy: string;
}

export interface IncomingCallDetail extends CallEventDetail {
  /** The caller's SIP URI. */
  from: string;
  /** The caller's display name, or its user part when none was sent. Plain text. */
  displayName: string;
  /**
   * The INVITE asks to be answered without anyone picking up, after this many seconds (an
   * intercom or paging call: `Call-Info: …;answer-after=N`, `Alert-Info: …auto-answer` or
   * `…intercom`, or `intercom=true` in the Request-URI). Absent otherwise.
   */
  answerAfter?: number;
}
export interface CallProgressDetail extends CallEventDetail {
  status?: number;
  reason?: string;
}
export interface CallConnectedDetail extends CallEventDetail {
  remote: string;
  displayName: string;
  direction: Direction;
  /** The call was up before this page was reloaded, and this page took it back. */
  rejoined?: boolean;
}
export interface CallEndedDetail extends CallEventDetail {
  direction: Direction;
  /** The other party's SIP URI and name. */
  remote: string;
  displayName: string;
  /** When the call began to ring or was dialled (ms since the epoch). */
  startedAt: number;
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
export interface DtmfDetail extends CallEventDetail {
  tone: string;
  direction: Direction;
}

export type QualityLevel = 'good' | 'fair' | 'poor';

/** A connected call's figures over the last interval (`stats` events, the quality panel). */
export interface CallStats extends CallEventDetail {
  /** From packet loss, round-trip time and frame rate. */
  level: QualityLevel;
  /** Received video codec (e.g. "VP8"), '' without video. */
  codec: string;
  /** Received video size and frames per second. */
  width: number;
  height: number;
  fps: number;
  /** kbit/s received and sent, audio and video together. */
  bitrateIn: number;
  bitrateOut: number;
  /** Received packets lost, %. */
  loss: number;
  /** Round-trip time in ms, null until measured. */
  rtt: number | null;
  /** `relayed` through a TURN server, or `direct` to the far end (which may be a media server). */
  path: 'direct' | 'relayed';
  /** The far end of the media path, address:port. */
  remoteAddress: string;
}

/** The account's voicemail box (message summary, RFC 3842). */
export interface VoicemailDetail {
  /** The server says messages are waiting. */
  waiting: boolean;
  /** New and old voice messages. */
  new: number;
  old: number;
}

/** A contact's lamp changed. */
export interface PresenceDetail {
  uri: string;
  name: string;
  state: 'available' | 'ringing' | 'busy' | 'offline';
}

/** Someone whose lamp the phone shows: a number or SIP address, and a name to show. */
export interface Contact {
  uri: string;
  name?: string;
}

/** Someone in a conference room, as the room tells it (RFC 4575 conference-info). */
export interface RosterMember {
  /** Their SIP address, and its number (user part). */
  uri: string;
  number: string;
  /** Their name as the room shows it (plain text). */
  name: string;
  /** The room hears nothing from them. */
  audioMuted: boolean;
  /** They hear nothing of the room. */
  deaf: boolean;
  /** They send no video (or none to the room). */
  videoMuted: boolean;
  /** Talking now, and holding the video floor, where the room says so (FreeSWITCH does not). */
  talking: boolean;
  floor: boolean;
  /** This phone's own account. */
  self: boolean;
}

/** The members of the room a call is in, whenever the room tells them (`roster` event). */
export interface RosterDetail extends CallEventDetail {
  members: RosterMember[];
}
