// Stands in for JsSIP's Notifier (the notifier side of SIP subscriptions, RFC 6665) in the
// single-script build (rollup.config.mjs). The phone offers no event packages: JsSIP's user agent
// answers an incoming SUBSCRIBE with 405 before it gets here (nobody listens for subscriptions),
// and this refuses one the same way should it ever get here.
'use strict';

module.exports = class Notifier {
  static init_incoming(request) {
    request.reply(405);
  }
};
