// The framework-free core: the only code that imports JsSIP.
export { Phone, Phone as SipPhone, ENDED_STATE, ICE_RECOVERY } from './phone.js';
export { PHONE_EVENTS } from './phone-events.js';
export type { CallOptions, PhoneEventDetail, PhoneEventMap, PhoneEventName, TransferOptions } from './phone-events.js';
export { DEFAULTS, parseConfig, parseIceServers, parseSipUri, resolveTarget } from './config.js';
export type { PhoneConfig, PhoneOptions } from './config.js';
export { PhoneError } from './errors.js';
export { webrtcSupported } from './media.js';
export type { CredentialsSource, SignInDetails } from './sign-in.js';
export type { ErrorDetail, Notice, PhoneErrorCode } from './errors.js';
export type * from './types.js';
export type { DeviceInfo, DeviceKind } from './devices.js';
export type { ContactInfo, LampState, RingingDialog } from './presence.js';
export type { Desk } from './desk.js';
