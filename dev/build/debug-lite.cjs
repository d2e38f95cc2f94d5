// A small stand-in for the `debug` package, bundled in place of it in the single-script build
// (rollup.config.mjs): JsSIP only needs named loggers that print when their namespace is enabled.
// Enable like the real one: localStorage.debug = 'JsSIP:*' (comma/space separated, `-` excludes),
// or FsVideoPhone's bundled `debug.enable('JsSIP:*')`. Format strings (%s %o %d) are left to the
// console, which understands them.
'use strict';

let include = [];
let exclude = [];
let loaded = false;

function toRegExp(pattern) {
  return new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*?')}$`);
}

function enable(namespaces) {
  include = [];
  exclude = [];
  loaded = true;
  for (const part of String(namespaces || '').split(/[\s,]+/)) {
    if (!part) continue;
    if (part[0] === '-') exclude.push(toRegExp(part.slice(1)));
    else include.push(toRegExp(part));
  }
}

function load() {
  if (loaded) return;
  let saved = '';
  try {
    saved = globalThis.localStorage ? globalThis.localStorage.getItem('debug') || '' : '';
  } catch {
    // Storage can be blocked (sandboxed frames, privacy settings): logging stays off.
  }
  enable(saved);
}

function enabled(name) {
  load();
  return !exclude.some(re => re.test(name)) && include.some(re => re.test(name));
}

function createDebug(namespace) {
  function logger(...args) {
    if (!logger.enabled) return;
    if (typeof args[0] === 'string') args[0] = `${namespace} ${args[0]}`;
    else args.unshift(namespace);
    (logger.log || console.debug).apply(console, args);
  }
  logger.namespace = namespace;
  Object.defineProperty(logger, 'enabled', { get: () => enabled(namespace), configurable: true });
  logger.extend = (suffix, delimiter = ':') => createDebug(namespace + delimiter + suffix);
  return logger;
}

createDebug.enable = enable;
createDebug.disable = () => {
  const previous = [...include, ...exclude.map(re => `-${re.source}`)].join(',');
  enable('');
  return previous;
};
createDebug.enabled = enabled;
createDebug.default = createDebug;
module.exports = createDebug;
