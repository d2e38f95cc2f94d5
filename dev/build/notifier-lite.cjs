// Stands in for JsSIP's lib/Notifier.js (the notifier side of RFC 6665) in dist/jssip.js. A phone
// offers no event package of its own and never listens for `newSubscribe`, so JsSIP answers every
// SUBSCRIBE it receives 405 itself; were a listener added, the SUBSCRIBE would be refused 489 Bad
// Event here. The phone never notifies (`ua.notify`).
module.exports = class Notifier {
  constructor() {
    throw new Error('Notifications are not part of this build');
  }

  static init_incoming(request) {
    request.reply(489, 'Bad Event');
  }
};
