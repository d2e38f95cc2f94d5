// The single script's stand-ins for `events` and `debug` (dev/build) against the modules they
// replace, driven by what JsSIP actually does with them: a user agent registers, sends and
// receives a MESSAGE and unregisters over a scripted socket, with the installed JsSIP on Node's
// own EventEmitter and `debug`, and every call JsSIP makes is recorded; the record is then played
// against the `events` package (what browsers get without the stand-in) and the stand-in, which
// must answer alike. Run by `npm test` (node --test).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter as NodeEmitter } from 'node:events';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const EventsPackage = require('events/events.js');
const EventsLite = require('../dev/build/events-lite.cjs');
const debugReal = require('debug/src/browser.js');
const debugLite = require('../dev/build/debug-lite.cjs');

// Record what JsSIP does: the loggers it makes, and every EventEmitter call on its objects.
const namespaces = new Set();
const debugNode = require('debug');
const makeLogger = debugNode.default;
debugNode.default = ns => (namespaces.add(ns), makeLogger(ns));

const calls = [];
const ids = new WeakMap();
let nextId = 0;
const idOf = x => {
  if (!ids.has(x)) ids.set(x, nextId++);
  return ids.get(x);
};
const METHODS = ['on', 'addListener', 'once', 'prependListener', 'removeListener', 'off', 'removeAllListeners', 'emit', 'listeners', 'listenerCount', 'setMaxListeners'];
const originals = Object.fromEntries(METHODS.map(m => [m, NodeEmitter.prototype[m]]));
let recording = false;
for (const m of METHODS) {
  NodeEmitter.prototype[m] = function (...args) {
    if (recording) {
      const emitter = idOf(this);
      const listener = typeof args[1] === 'function' ? idOf(args[1]) : undefined;
      calls.push({ m, emitter, type: args[0], listener, argc: args.length });
    }
    return originals[m].apply(this, args);
  };
}

const JsSIP = require('jssip');

/** A scripted registrar and peer over JsSIP's socket interface: answers every request 200. */
class ScriptedSocket {
  url = 'ws://pbx.test';
  via_transport = 'WS';
  sip_uri = 'sip:pbx.test;transport=ws';
  sent = [];
  connect() {
    setImmediate(() => this.onconnect());
  }
  disconnect() {}
  send(text) {
    text = String(text);
    this.sent.push(text.split('\r\n')[0]);
    if (!/^[A-Z]+ sip:/.test(text) || text.startsWith('ACK')) return true;
    const header = name => text.match(new RegExp(`^${name}:.*$`, 'mi'))?.[0];
    const to = header('To').includes('tag=') ? header('To') : `${header('To')};tag=pbx`;
    const contact = text.startsWith('REGISTER') ? [`${header('Contact')};expires=600`] : [];
    const reply = ['SIP/2.0 200 OK', ...text.match(/^Via:.*$/gim), header('From'), to, header('Call-ID'), header('CSeq'), ...contact, 'Content-Length: 0', '', ''];
    setImmediate(() => this.ondata(reply.join('\r\n')));
    return true;
  }
  /** A MESSAGE from 1001 arrives. */
  incoming() {
    const body = 'hello';
    const text = [
      'MESSAGE sip:1000@pbx.test SIP/2.0',
      'Via: SIP/2.0/WSS pbx.test;branch=z9hG4bK776',
      'Max-Forwards: 70',
      'From: <sip:1001@pbx.test>;tag=49583',
      'To: <sip:1000@pbx.test>',
      'Call-ID: asd88asd77a@pbx.test',
      'CSeq: 1 MESSAGE',
      'Content-Type: text/plain',
      `Content-Length: ${body.length}`,
      '',
      body,
    ].join('\r\n');
    this.ondata(text);
  }
}

const until = async predicate => {
  for (let i = 0; i < 200 && !predicate(); i++) await new Promise(resolve => setTimeout(resolve, 5));
  assert.ok(predicate(), 'the scripted exchange finished');
};

test('JsSIP registers, exchanges MESSAGEs and unregisters over the scripted socket (recorded)', async () => {
  recording = true;
  const socket = new ScriptedSocket();
  const ua = new JsSIP.UA({ sockets: [socket], uri: 'sip:1000@pbx.test', password: 'x', register: true });
  const seen = [];
  for (const e of ['connected', 'registered', 'unregistered', 'newMessage', 'disconnected']) ua.on(e, () => seen.push(e));
  ua.start();
  await until(() => seen.includes('registered'));
  let delivered = false;
  ua.sendMessage('sip:1001@pbx.test', 'hi', { eventHandlers: { succeeded: () => (delivered = true) } });
  await until(() => delivered);
  socket.incoming();
  await until(() => seen.includes('newMessage'));
  ua.stop();
  await until(() => seen.includes('unregistered'));
  recording = false;
  // newMessage twice: for the MESSAGE sent, then for the one received.
  assert.deepEqual(seen.slice(0, 5), ['connected', 'registered', 'newMessage', 'newMessage', 'unregistered']);
  assert.ok(calls.some(c => c.m === 'emit') && calls.some(c => c.m === 'on'), 'JsSIP used its emitters');
});

test('events: the stand-in answers JsSIP\'s recorded calls as the events package does', () => {
  const used = [...new Set(calls.map(c => c.m))].sort();
  const play = Emitter => {
    const emitters = new Map();
    const listeners = new Map();
    const log = [];
    const emitter = id => emitters.get(id) ?? emitters.set(id, new Emitter()).get(id);
    const listener = id =>
      listeners.get(id) ??
      listeners.set(id, function (...args) {
        log.push(['called', id, this === undefined ? 'no this' : 'this', args.length]);
      }).get(id);
    for (const c of calls) {
      const e = emitter(c.emitter);
      const args = c.listener !== undefined ? [c.type, listener(c.listener)] : c.m === 'emit' ? [c.type, ...Array.from({ length: c.argc - 1 }, (_, i) => i)] : c.argc ? [c.type] : [];
      let result;
      try {
        result = e[c.m](...args);
      } catch (err) {
        result = `threw ${err.message}`;
      }
      log.push([c.m, result === e ? 'self' : Array.isArray(result) ? result.length : result]);
    }
    return log;
  };
  // Also every emitter method JsSIP's code names anywhere, used in this exchange or not.
  const lib = dirname(require.resolve('jssip/lib/UA.js'));
  const named = new Set();
  for (const f of readdirSync(lib).filter(f => f.endsWith('.js'))) for (const m of readFileSync(join(lib, f), 'utf8').matchAll(/\.(\w+)\(/g)) if (METHODS.includes(m[1])) named.add(m[1]);
  for (const m of new Set([...used, ...named])) assert.equal(typeof EventsLite.prototype[m], 'function', `the stand-in has ${m}()`);
  assert.deepEqual(play(EventsLite), play(EventsPackage));
});

test('events: an unhandled error event throws in both', () => {
  for (const E of [EventsPackage, EventsLite]) assert.throws(() => new E().emit('error', new Error('boom')), /boom/);
});

test('debug: the stand-in enables the loggers JsSIP makes as debug does', () => {
  assert.ok(namespaces.size >= 10, `JsSIP made ${namespaces.size} loggers`);
  const patterns = ['', 'JsSIP:*', '*', 'JsSIP:Transport', 'JsSIP:*,-JsSIP:Transport', 'JsSIP:WARN:* JsSIP:ERROR:*', '*,-JsSIP:RTCSession*', 'other:*'];
  for (const pattern of patterns) {
    debugReal.enable(pattern);
    debugLite.enable(pattern);
    for (const ns of namespaces) assert.equal(debugLite(ns).enabled, debugReal(ns).enabled, `${ns} with "${pattern}"`);
  }
});

test('debug: a logger prints through its log function with its namespace, only when enabled', () => {
  for (const debug of [debugReal, debugLite]) {
    const printed = [];
    debug.enable('JsSIP:WARN:*');
    const warn = debug.default('JsSIP:WARN:Transport');
    warn.log = (...args) => printed.push(args.join(' '));
    warn('unable to send message %s', 'x');
    const quiet = debug.default('JsSIP:Transport');
    quiet.log = warn.log;
    quiet('not shown');
    assert.equal(printed.length, 1);
    assert.match(printed[0], /JsSIP:WARN:Transport/);
    assert.match(printed[0], /unable to send message/);
    debug.disable();
  }
});

test("Notifier and Options: the single script's JsSIP answers a SUBSCRIBE 405 (489 once someone listens) and an OPTIONS 200, and makes neither class", async () => {
  const { fileURLToPath, pathToFileURL } = await import('node:url');
  const built = (await import(pathToFileURL(fileURLToPath(new URL('../dist/jssip.js', import.meta.url))).href)).default;
  const socket = new ScriptedSocket();
  const ua = new built.UA({ sockets: [socket], uri: 'sip:1000@pbx.test', password: 'x', register: false });
  let connected = false;
  ua.on('connected', () => (connected = true));
  ua.start();
  await until(() => connected);
  let n = 0;
  const request = (method, extra) => socket.ondata([
    `${method} sip:1000@pbx.test SIP/2.0`, `Via: SIP/2.0/WSS pbx.test;branch=z9hG4bK${method}${++n}`, 'Max-Forwards: 70',
    'From: <sip:1001@pbx.test>;tag=w4tch', 'To: <sip:1000@pbx.test>', `Call-ID: ${method}${n}@pbx.test`, `CSeq: 1 ${method}`,
    'Contact: <sip:1001@pbx.test;transport=ws>', ...extra, 'Content-Length: 0', '', '',
  ].join('\r\n'));
  request('SUBSCRIBE', ['Event: conference', 'Expires: 600']);
  request('OPTIONS', []);
  ua.on('newSubscribe', () => assert.fail('never reached'));
  request('SUBSCRIBE', ['Event: conference', 'Expires: 600']);
  await until(() => socket.sent.length >= 3);
  assert.deepEqual(socket.sent, ['SIP/2.0 405 Method Not Allowed', 'SIP/2.0 200 OK', 'SIP/2.0 489 Bad Event']);
  assert.throws(() => ua.sendOptions('sip:1001@pbx.test'), /not part of this build/);
  assert.throws(() => ua.notify({}, 'text/plain'), /not part of this build/);
  ua.stop();
});
