// Entry point: defines <fs-video-phone>, <fs-dialpad> and <fs-call-button> (once, even if the script loads twice).
import { FsVideoPhone } from './elements/video-phone/video-phone.js';
import { FsDialpad } from './elements/dialpad/dialpad.js';
import { FsCallButton } from './elements/call-button/call-button.js';

export { FsVideoPhone, FsDialpad, FsCallButton };
export { SipPhone, PhoneError, DEFAULTS, resolveTarget, ENDED_STATE, ICE_RECOVERY } from './sip/index.js';
export { PREVIEW } from './elements/video-phone/media/media-controller.js';
export { OVERLAYS } from './elements/video-phone/calls/calm.js';
export type * from './sip/index.js';
export type { FsEventMap, DialpadKeyDetail, DialpadSubmitDetail } from './events/events.js';
export type { ChatEntry } from './elements/video-phone/chat/conversations.js';
export type { HistoryEntry } from './elements/video-phone/history/call-history.js';
export type { StringKey, Strings } from './i18n/en.js';

function define(name: string, ctor: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, ctor);
}

define('fs-video-phone', FsVideoPhone);
define('fs-dialpad', FsDialpad);
define('fs-call-button', FsCallButton);
