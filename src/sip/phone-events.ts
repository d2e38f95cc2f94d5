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
  'error',
];

export interface CallOptions {
  /** Send camera video (default true). */
  video?: boolean;
}

export interface TransferOptions {
  /** The call to transfer (default: the active call). */
  callId?: string;
  /** Attended transfer: the consultation call the far end takes over (its remote is the target). */
  replaces?: string;
}
