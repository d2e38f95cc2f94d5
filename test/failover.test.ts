import { expect } from '@open-wc/testing';
import type { FsVideoPhone } from '../src/index.js';
import { BROWSER, TARGET, idle, mediaFlows, nextEvent, part, phone, server, sleep, waitFor, watchPageErrors } from './helpers.js';

/**
 * Several WebSocket servers in ws-url. Runs on the farm (two Kamailio edges in front of one
 * registrar), and on demand on the development server (one registrar listening on two ports): in
 * both, the servers share the dialogs' routing, so a call set up through the first can be hung up
 * through the second.
 */
const FIRST = 5066;
const SECOND = 5067;
const SERVERS = `ws://127.0.0.1:${FIRST};weight=2 ws://127.0.0.1:${SECOND};weight=1`;

/** Records each change of a phone's reflected registration state. */
function watchRegistration(el: FsVideoPhone): { changes: string[]; stop(): void } {
  const changes: string[] = [];
  const observer = new MutationObserver(() => changes.push(el.getAttribute('registration-state') ?? ''));
  observer.observe(el, { attributes: true, attributeFilter: ['registration-state'] });
  return { changes, stop: () => observer.disconnect() };
}

/** Records every text the phone's error line shows (the switch can take well under a second). */
function watchErrorLine(el: FsVideoPhone): { texts: string[]; stop(): void } {
  const texts: string[] = [];
  const observer = new MutationObserver(() => {
    const text = el.shadowRoot!.querySelector('[part~="error"]')?.textContent?.trim();
    if (text && texts.at(-1) !== text) texts.push(text);
  });
  observer.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true });
  return { texts, stop: () => observer.disconnect() };
}

/**
 * Watches, from now on, for the phones' next WebSocket to `url` and for JsSIP's back-off: whether
 * a timer of a second or more (JsSIP waits at least 1 s before it reconnects) armed from now on
 * fired before that WebSocket was made. Ordered events, not a stopwatch.
 */
function watchReconnect(url: string): { waited(): boolean; connected(): boolean; stop(): void } {
  const RealSocket = window.WebSocket;
  const realTimeout = window.setTimeout;
  let opened = false;
  let firedFirst = false;
  window.WebSocket = class extends RealSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols);
      if (String(address).startsWith(url)) opened = true;
    }
  };
  window.setTimeout = ((fn: TimerHandler, ms?: number, ...args: unknown[]) =>
    realTimeout(
      (...a: unknown[]) => {
        if ((ms ?? 0) >= 1000 && !opened) firedFirst = true;
        if (typeof fn === 'function') (fn as (...x: unknown[]) => void)(...a);
      },
      ms,
      ...args,
    )) as typeof window.setTimeout;
  return {
    waited: () => firedFirst,
    connected: () => opened,
    stop: () => {
      window.WebSocket = RealSocket;
      window.setTimeout = realTimeout;
    },
  };
}

describe(`several servers in ws-url (${TARGET})`, function () {
  this.timeout(60000);
  watchPageErrors();
  let reconnect: ReturnType<typeof watchReconnect> | null = null;
  afterEach(async () => {
    reconnect?.stop();
    for (const port of [FIRST, SECOND]) await server('open-port', { port });
  });

  it('moves to the next server when the one in use goes away, keeps the call, and stays there when the first comes back', async () => {
    const a = await phone('1014', { wsUrl: SERVERS });
    const b = await phone('1015', { wsUrl: SERVERS, autoAnswer: true });
    if (TARGET === 'dev') expect(await server('ports')).to.include({ 1014: FIRST, 1015: FIRST });
    expect(await a.call('1015')).to.equal(true);
    await waitFor(() => a.callState === 'connected' && b.callState === 'connected', 'connected');
    await mediaFlows(a.peerConnection!, 'video', '1014 before the switch');

    const errors: string[] = [];
    a.addEventListener('fs-error', e => errors.push((e as CustomEvent<{ code: string }>).detail.code));
    const states = watchRegistration(a);
    const errorLine = watchErrorLine(a);
    const gone = performance.now();
    reconnect = watchReconnect(`ws://127.0.0.1:${SECOND}`);
    await server('close-port', { port: FIRST });
    await waitFor(() => states.changes.includes('connecting'), '1014 sees its server go', 2000);
    await waitFor(() => a.registrationState === 'registered' && b.registrationState === 'registered', 'both registered on the next server', 5000);
    const switchMs = performance.now() - gone;
    reconnect.stop();
    states.stop();
    errorLine.stop();
    // Shown as an outage while it lasts: "Connecting…" and the error line, and fs-error.
    expect(states.changes, 'registration states during the switch').to.deep.equal(['connecting', 'registered']);
    expect(errorLine.texts.join(' | '), 'the error line during the switch').to.match(/lost|reconnect/i);
    expect(errors).to.include('connection-error');
    // At once, not after JsSIP's own pause before reconnecting (1 s at the least): the new
    // connection was made before any timer of a second or more fired.
    expect(reconnect.connected(), 'a WebSocket to the next server').to.equal(true);
    expect(reconnect.waited(), 'no back-off timer fired before the next server was tried').to.equal(false);
    if (TARGET === 'dev') expect(await server('ports')).to.include({ 1014: SECOND, 1015: SECOND });
    await a.updateComplete;
    expect(a.shadowRoot!.querySelector('[part~="error"]'), 'the problem is gone once registered').to.equal(null);

    // The call went on: its media never needed the server.
    expect(a.callState).to.equal('connected');
    expect(b.callState).to.equal('connected');
    await mediaFlows(a.peerConnection!, 'video', '1014 after the switch');
    await mediaFlows(b.peerConnection!, 'video', '1015 after the switch');

    // The first server comes back: nothing flaps.
    const watched = [watchRegistration(a), watchRegistration(b)];
    await server('open-port', { port: FIRST });
    await sleep(3000);
    for (const w of watched) w.stop();
    expect(watched.flatMap(w => w.changes), 'registration changes after the first server came back').to.deep.equal([]);
    if (TARGET === 'dev') expect(await server('ports')).to.include({ 1014: SECOND, 1015: SECOND });

    // Hanging up goes through the second server and reaches the peer.
    const ended = nextEvent<{ reason: string; originator: string }>(b, 'fs-call-ended');
    a.hangup();
    expect((await ended).detail).to.include({ reason: 'hangup', originator: 'remote' });
    await Promise.all([idle(a), idle(b)]);

    // New calls go through it too.
    expect(await b.call('1014')).to.equal(true);
    await waitFor(() => a.callState === 'incoming', '1014 rings');
    await a.answer();
    await waitFor(() => a.callState === 'connected' && b.callState === 'connected', 'connected again');
    await mediaFlows(b.peerConnection!, 'video', '1015 in a new call');
    b.hangup();
    await Promise.all([idle(a), idle(b)]);
    console.log(`[${TARGET}/${BROWSER}] moved to the next server and registered there ${Math.round(switchMs)} ms after the first went away`);
  });

  it('with every server gone it shows the outage, and registers with whichever comes back first', async () => {
    const a = await phone('1014', { wsUrl: SERVERS });
    await server('close-port', { port: SECOND }); // the one the phone does not use, first
    await server('close-port', { port: FIRST });
    await waitFor(() => a.registrationState === 'connecting', 'connecting');
    await sleep(1500); // a few attempts at both fail meanwhile
    await a.updateComplete;
    expect(part(a, 'error').textContent).to.match(/lost|reconnect/i);
    await server('open-port', { port: SECOND });
    await waitFor(() => a.registrationState === 'registered', 'registered with the second server', 8000);
    if (TARGET === 'dev') expect(await server('ports')).to.include({ 1014: SECOND });
  });
});
