import type { ErrorDetail } from '../sip/errors.js';
import type {
  CallConnectedDetail,
  CallEndedDetail,
  CallProgressDetail,
  CallStats,
  DtmfDetail,
  IncomingCallDetail,
  MessageDetail,
  RegistrationFailedDetail,
  TransferDetail,
  TransferRequestDetail,
} from '../sip/types.js';

export interface DialpadKeyDetail {
  key: string;
}
export interface DialpadSubmitDetail {
  value: string;
}

/** Every event the elements dispatch, by name. */
export interface FsEventMap {
  'fs-registered': CustomEvent<Record<string, never>>;
  'fs-unregistered': CustomEvent<Record<string, never>>;
  'fs-registration-failed': CustomEvent<RegistrationFailedDetail>;
  'fs-incoming-call': CustomEvent<IncomingCallDetail>;
  'fs-call-progress': CustomEvent<CallProgressDetail>;
  'fs-call-connected': CustomEvent<CallConnectedDetail>;
  'fs-call-ended': CustomEvent<CallEndedDetail>;
  'fs-transfer': CustomEvent<TransferDetail>;
  'fs-transfer-request': CustomEvent<TransferRequestDetail>;
  'fs-message': CustomEvent<MessageDetail>;
  'fs-dtmf': CustomEvent<DtmfDetail>;
  'fs-stats': CustomEvent<CallStats>;
  'fs-error': CustomEvent<ErrorDetail>;
  'fs-dialpad-key': CustomEvent<DialpadKeyDetail>;
  'fs-dialpad-submit': CustomEvent<DialpadSubmitDetail>;
}

declare global {
  interface HTMLElementEventMap extends FsEventMap {}
  interface GlobalEventHandlersEventMap extends FsEventMap {}
}
