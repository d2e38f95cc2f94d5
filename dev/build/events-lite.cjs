// A small stand-in for the `events` package (Node's EventEmitter for browsers), bundled in place
// of it in the single-script build (rollup.config.mjs). JsSIP uses on/once/emit/listeners and the
// removal methods; this keeps their semantics: listeners run in order with `this` set to the
// emitter, on a copy of the list, and an unhandled 'error' event throws.
'use strict';

class EventEmitter {
  constructor() {
    this._events = new Map();
  }

  _list(type) {
    if (!this._events) this._events = new Map();
    let list = this._events.get(type);
    if (!list) this._events.set(type, (list = []));
    return list;
  }

  on(type, listener) {
    this._list(type).push(listener);
    return this;
  }

  prependListener(type, listener) {
    this._list(type).unshift(listener);
    return this;
  }

  once(type, listener) {
    const wrapper = (...args) => {
      this.removeListener(type, wrapper);
      listener.apply(this, args);
    };
    wrapper.listener = listener;
    return this.on(type, wrapper);
  }

  removeListener(type, listener) {
    const list = this._events && this._events.get(type);
    if (!list) return this;
    const i = list.findIndex(l => l === listener || l.listener === listener);
    if (i >= 0) list.splice(i, 1);
    if (!list.length) this._events.delete(type);
    return this;
  }

  removeAllListeners(type) {
    if (!this._events) return this;
    if (type === undefined) this._events.clear();
    else this._events.delete(type);
    return this;
  }

  emit(type, ...args) {
    const list = this._events && this._events.get(type);
    if (!list || !list.length) {
      if (type === 'error') throw args[0] instanceof Error ? args[0] : new Error(`Unhandled error: ${args[0]}`);
      return false;
    }
    for (const listener of [...list]) listener.apply(this, args);
    return true;
  }

  listeners(type) {
    const list = (this._events && this._events.get(type)) || [];
    return list.map(l => l.listener || l);
  }

  listenerCount(type) {
    return this.listeners(type).length;
  }

  setMaxListeners() {
    return this;
  }
}

EventEmitter.prototype.addListener = EventEmitter.prototype.on;
EventEmitter.prototype.off = EventEmitter.prototype.removeListener;
EventEmitter.EventEmitter = EventEmitter;
module.exports = EventEmitter;
