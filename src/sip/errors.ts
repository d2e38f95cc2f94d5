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
  | 'message-failed'
  | 'dtmf-failed'
  | 'transfer-failed'
  | 'share-failed'
  | 'autoplay-blocked'
  | 'internal';

/** A typed error: `code` says what went wrong, `message` says it in words a person can read. */
export class PhoneError extends Error {
  readonly code: PhoneErrorCode;
  constructor(code: PhoneErrorCode, message: string) {
    super(message);
    this.name = 'PhoneError';
    this.code = code;
  }
}

export interface ErrorDetail {
  code: PhoneErrorCode;
  message: string;
}

/** Wraps anything thrown by a dependency into a PhoneError, keeping its message. */
export function toPhoneError(err: unknown, code: PhoneErrorCode = 'internal'): PhoneError {
  if (err instanceof PhoneError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new PhoneError(code, message);
}
