// Preloaded into the test runner: any TCP server that would listen on every interface listens on
// 127.0.0.1 instead. @web/dev-server drops the host when told '127.0.0.1' or 'localhost'
// (DevServer.start passes `host: undefined`), which means all interfaces.
import net from 'node:net';

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  const [first] = args;
  if (first && typeof first === 'object' && first.path === undefined && !first.host) {
    args[0] = { ...first, host: '127.0.0.1' };
  } else if (typeof first === 'number' && (args.length === 1 || typeof args[1] === 'function')) {
    args.splice(1, 0, '127.0.0.1');
  }
  return listen.apply(this, args);
};
