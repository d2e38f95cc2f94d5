import { C } from '../jssip.js';
import type { EndReason } from '../types.js';

/**
 * The name of whoever answered a call of ours, from the 200 OK: P-Asserted-Identity or
 * Remote-Party-ID (FreeSWITCH sends the callee's caller ID in them), else X-FS-Display-Name.
 */
export function answeredBy(response: { getHeader?(name: string): string | undefined } | undefined): string | undefined {
  for (const name of ['P-Asserted-Identity', 'Remote-Party-ID']) {
    const shown = /^\s*(?:"((?:[^"\\]|\\.)*)"|([^<"]*?))\s*</.exec(response?.getHeader?.(name) ?? '');
    const text = (shown?.[1] ?? shown?.[2] ?? '').replace(/\\(.)/g, '$1').trim();
    if (text) return text;
  }
  return response?.getHeader?.('X-FS-Display-Name')?.trim() || undefined;
}

/** The user part of a SIP URI (a name to show when the far end sends none). */
export function userOf(uri: string): string {
  return /^sips?:([^@;]+)@/i.exec(uri)?.[1] ?? uri;
}

const CAUSE_TO_REASON: Record<string, EndReason> = {
  [C.causes.BYE]: 'hangup',
  [C.causes.CANCELED]: 'canceled',
  [C.causes.BUSY]: 'busy',
  [C.causes.REJECTED]: 'rejected',
  [C.causes.NOT_FOUND]: 'not-found',
  [C.causes.UNAVAILABLE]: 'unavailable',
  [C.causes.NO_ANSWER]: 'no-answer',
  [C.causes.AUTHENTICATION_ERROR]: 'auth-failed',
  [C.causes.CONNECTION_ERROR]: 'connection-error',
  [C.causes.REQUEST_TIMEOUT]: 'request-timeout',
  [C.causes.USER_DENIED_MEDIA_ACCESS]: 'media-error',
  [C.causes.WEBRTC_ERROR]: 'media-error',
  [C.causes.BAD_MEDIA_DESCRIPTION]: 'media-error',
  [C.causes.RTP_TIMEOUT]: 'media-error',
  [C.causes.INCOMPATIBLE_SDP]: 'incompatible',
  [C.causes.MISSING_SDP]: 'incompatible',
  [C.causes.ADDRESS_INCOMPLETE]: 'address-incomplete',
  [C.causes.REDIRECTED]: 'redirected',
};

/** Why a session ended, in our words, from JsSIP's cause (and the SIP status of a refusal). */
export function endReasonOf(cause: string, status?: number): EndReason {
  const reason = CAUSE_TO_REASON[cause] ?? 'failed';
  return reason === 'failed' && cause === (C.causes.SIP_FAILURE_CODE as string) && status && status >= 500 ? 'unavailable' : reason;
}

/** Whether two SIP URIs name the same user at the same host (parameters aside). */
export function sameParty(a: string, b: string): boolean {
  const key = (uri: string) => /^sips?:([^;?>]+)/i.exec(uri)?.[1]?.toLowerCase() ?? uri;
  return key(a) === key(b);
}
