// Stands in for JsSIP's Subscriber (UA.subscribe(), outgoing SIP subscriptions) in the
// single-script build (rollup.config.mjs): the phone never subscribes.
'use strict';

module.exports = class Subscriber {
  constructor() {
    throw new Error('SIP subscriptions are not included in fs-video-phone');
  }
};
