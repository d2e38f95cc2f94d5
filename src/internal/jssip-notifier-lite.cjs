// Stands in for JsSIP's Notifier (the notifier side of SIP subscriptions, RFC 6665) in the
// single-script build (rollup.config.mjs). The phone offers no event packages, so an incoming
// SUBSCRIBE is refused with 489 Bad Event instead of being left unanswered.
'use strict';

module.exports = class Notifier {
  static init_incoming(request) {
    request.reply(489);
  }
};
