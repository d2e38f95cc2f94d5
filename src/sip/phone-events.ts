import type { ErrorDetail } from './errors.js';
import type {
  CallConnectedDetail,
  CallEndedDetail,
  CallProgressDetail,
  DtmfDetail,
  IncomingCallDetail,
  MessageDetail,
  RegistrationFailedDetail,
  CallStats,
  TransferDetail,
  TransferRequestDetail,
  PresenceDetail,
  RosterDetail,
  VoicemailDetail,
} from './types.js';

/** Events a Phone dispatches (as CustomEvent). `change` says any readable state changed. */
export interface PhoneEventMap {
  registered: CustomEvent<Record<string, never>>;
  unregistered: CustomEvent<Record<string, never>>;
  'registration-failed': CustomEvent<RegistrationFailedDetail>;
  'incoming-call': CustomEvent<IncomingCallDetail>;
  'call-progress': CustomEvent<CallProgressDetail>;
  'call-connected': CustomEvent<CallConnectedDetail>;
  'call-ended': CustomEvent<CallEndedDetail>;
  transfer: CustomEvent<TransferDetail>;
  /** Cancelable: `preventDefault()` refuses to follow the transfer. */
  'transfer-request': CustomEvent<TransferRequestDetail>;
  message: CustomEvent<MessageDetail>;
  dtmf: CustomEvent<DtmfDetail>;
  /** A connected call's figures, every `stats-interval` ms. */
  stats: CustomEvent<CallStats>;
  /** The voicemail box's counts, whenever the server tells them. */
  voicemail: CustomEvent<VoicemailDetail>;
  /** A contact's lamp changed. */
  presence: CustomEvent<PresenceDetail>;
  /** The members of a call's conference room changed (or the room told them first). */
  roster: CustomEvent<RosterDetail>;
  error: CustomEvent<ErrorDetail>;
  change: CustomEvent<null>;
}

export type PhoneEventName = Exclude<keyof PhoneEventMap, 'change'>;
export type PhoneEventDetail<K extends keyof PhoneEventMap> = PhoneEventMap[K]['detail'];

export const PHONE_EVENTS: readonly PhoneEventName[] = [
  'registered',
  'unregistered',
  'registration-failed',
  'incoming-call',
  'call-progress',
  'call-connected',
  'call-ended',
  'transfer',
  'transfer-request',
  'message',
  'dtmf',
  'stats',
  'voicemail',
  'presence',
  'roster',
  'error',
];

export interface CallOptions {
  /** Send camera video (default true). */
  video?: boolean;
  /** Answer with the microphone off (an intercom's auto-answer). */
  muted?: boolean;
  /** Headers for the INVITE (e.g. `Replaces` for a pickup). */
  extraHeaders?: string[];
}

export interface TransferOptions {
  /** The call to transfer (default: the active call). */
  callId?: string;
  /** Attended transfer: the consultation call the far end takes over (its remote is the target). */
  replaces?: string;
}
