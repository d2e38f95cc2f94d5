import { english } from '../i18n/en.js';

/** Every error code an `fs-error` event can carry. */
export type PhoneErrorCode =
  | 'invalid-sip-uri'
  | 'invalid-ws-url'
  | 'missing-password'
  | 'invalid-ice-servers'
  | 'invalid-option'
  | 'invalid-target'
  | 'not-configured'
  | 'not-registered'
  | 'no-incoming-call'
  | 'no-call'
  | 'busy'
  | 'media-error'
  | 'connection-error'
  | 'auth-failed'
  | 'credentials-failed'
  | 'message-failed'
  | 'dtmf-failed'
  | 'transfer-failed'
  | 'share-failed'
  | 'autoplay-blocked'
  | 'webrtc-unsupported'
  | 'internal';

/**
 * A typed error: `code` says what went wrong. `key` (default: the code) names its words in the
 * string table (`e-<key>`), which `args` fill in: `message` is them in English, and the element
 * shows them in the page's language. An error from elsewhere keeps its own message.
 */
export class PhoneError extends Error {
  readonly code: PhoneErrorCode;
  readonly key: string;
  readonly args: (string | number)[];
  constructor(code: PhoneErrorCode, key: string = code, args: (string | number)[] = [], message = english(`e-${key}`, args)) {
    super(message);
    this.name = 'PhoneError';
    this.code = code;
    this.key = key;
    this.args = args;
  }
}

/** A passing notice for the person: its words in the string table (`n-<key>`, else `e-<key>`), filled in with `args`. */
export interface Notice {
  key: string;
  args?: (string | number)[];
}

export interface ErrorDetail {
  code: PhoneErrorCode;
  message: string;
}

/** Wraps anything thrown by a dependency into a PhoneError, keeping its message. */
export function toPhoneError(err: unknown, code: PhoneErrorCode = 'internal'): PhoneError {
  if (err instanceof PhoneError) return err;
  return new PhoneError(code, code, [], err instanceof Error ? err.message : String(err));
}

/** A problem with the configuration itself, solved by the next valid one. */
export const isConfigProblem = (e: PhoneError) => ['invalid-sip-uri', 'invalid-ws-url', 'missing-password', 'invalid-ice-servers', 'invalid-option', 'not-configured'].includes(e.code);
