// The framework-free core: the only code that imports JsSIP.
export { SipPhone, PHONE_EVENTS, ENDED_STATE_MS } from './phone.js';
export type { CallInfo, CallOptions, PhoneEventMap } from './phone.js';
export { DEFAULTS, parseConfig, parseIceServers, parseSipUri, resolveTarget } from './config.js';
export type { PhoneConfig, PhoneOptions } from './config.js';
export { PhoneError } from './errors.js';
export type { ErrorDetail, PhoneErrorCode } from './errors.js';
export type * from './types.js';
