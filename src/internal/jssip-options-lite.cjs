// Stands in for JsSIP's Options (UA.sendOptions(), and incoming OPTIONS handed to `newOptions`
// listeners) in the single-script build (rollup.config.mjs). The phone never sends OPTIONS and
// never listens for them, so JsSIP's UA answers an incoming OPTIONS with 200 itself.
'use strict';

module.exports = class Options {
  constructor() {
    throw new Error('SIP OPTIONS requests are not included in fs-video-phone');
  }
};
