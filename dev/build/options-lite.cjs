// Stands in for JsSIP's lib/Options.js in dist/jssip.js. The phone never sends OPTIONS
// (`ua.sendOptions`) and never listens for `newOptions`, so JsSIP answers every OPTIONS it receives
// 200 itself and never makes one of these.
module.exports = class Options {
  constructor() {
    throw new Error('OPTIONS requests are not part of this build');
  }
};
