// JsSIP is CommonJS with an object-literal `module.exports`; bundlers and dev servers differ on
// which named exports they detect, so take the default export and pick the members here.
import JsSIP from 'jssip';
import type * as JsSIPTypes from 'jssip';

export const { UA, URI, WebSocketInterface, C } = JsSIP;
export type UA = JsSIPTypes.UA;
export type URI = JsSIPTypes.URI;
