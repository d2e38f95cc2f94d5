// The measured scenarios, run in the page by bench/run.mjs. Each returns plain numbers (ms).
(() => {
  const WS = 'ws://127.0.0.1:5066';
  const DOMAIN = '127.0.0.1';
  // The same capture our element asks for.
  const MEDIA = { audio: true, video: { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } } };
  const sleep = ms => new Promise(r => setTimeout(r, ms));
  const once = (target, name, ms = 30000) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timeout waiting for ${name}`)), ms);
      target.addEventListener(name, e => {
        clearTimeout(timer);
        resolve(e);
      }, { once: true });
    });
  const until = async (check, ms = 30000) => {
    const end = performance.now() + ms;
    while (!check()) {
      if (performance.now() > end) throw new Error('timeout');
      await sleep(10);
    }
  };

  /** Resolves with the time the probe video (`id`) presents its first frame of `stream`. */
  function firstFrame(stream, id = 'probe') {
    const video = document.getElementById(id);
    video.srcObject = stream;
    video.play().catch(() => {});
    return new Promise(resolve => video.requestVideoFrameCallback(() => resolve(performance.now())));
  }

  function phone(user, attrs = {}) {
    const el = document.createElement('fs-video-phone');
    el.setAttribute('sip-uri', `sip:${user}@${DOMAIN}`);
    el.setAttribute('ws-url', WS);
    el.setAttribute('password', '1234');
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    document.body.append(el);
    return el;
  }
  const idle = el => until(() => el.callState === 'idle' || el.callState === 'ended');

  window.benchRegister = async runs => {
    const out = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const el = phone('1000');
      await once(el, 'fs-registered');
      out.push(performance.now() - t0);
      el.remove();
      await sleep(30);
    }
    return out;
  };

  // Two pairs of phones: without the self-view (the camera opens on dial or answer, as raw JsSIP
  // does) and with it kept open (`preview`: calls take their camera from it).
  const pairs = {};
  async function phones(iceServers, preview = false) {
    let pair = pairs[preview];
    if (!pair) {
      const users = preview ? ['1006', '1007'] : ['1000', '1001'];
      const attrs = preview ? { preview: '' } : { 'no-preview': '' };
      pair = pairs[preview] = [phone(users[0], attrs), phone(users[1], { ...attrs, 'auto-answer': '' })];
      await until(() => pair.every(p => p.registrationState === 'registered'));
      if (preview) await Promise.all(pair.map(p => p.preview()));
    }
    for (const p of pair) p.iceServers = iceServers || '';
    await Promise.all(pair.map(p => p.updateComplete));
    return pair;
  }

  /**
   * Our element: dial → fs-call-connected, dial → first remote frame at the caller, dial → both
   * sides decoding (the later of the two sides' first frames), and at the callee incoming INVITE
   * (fs-incoming-call) → 200 OK sent (its fs-call-connected); `frames: false` skips the frames,
   * `preview: true` uses the pair whose self-view is open.
   */
  window.benchCalls = async (runs, { iceServers = '', frames = true, preview = false } = {}) => {
    const [a, b] = await phones(iceServers, preview);
    const out = { connected: [], frame: [], both: [], answer: [], failures: 0 };
    for (let i = 0; i < runs; i++) {
      try {
        const t0 = performance.now();
        const connected = once(a, 'fs-call-connected', 70000);
        const answered = once(b, 'fs-incoming-call', 70000).then(e => {
          const rang = e.timeStamp;
          return once(b, 'fs-call-connected', 70000).then(c => c.timeStamp - rang);
        });
        answered.catch(() => {}); // a failed call is counted below, not reported twice
        const called = a.call(b.sipUri.replace(/^sip:|@.*$/g, ''));
        const frame = frames ? firstFrame(a.remoteStream) : null;
        const calleeFrame = frames ? until(() => b.remoteStream).then(() => firstFrame(b.remoteStream, 'probe-callee')) : null;
        if (!(await called)) throw new Error('call refused');
        await connected;
        out.connected.push(performance.now() - t0);
        out.answer.push(await answered);
        if (frame) {
          const [atCaller, atCallee] = await Promise.all([frame, calleeFrame]);
          out.frame.push(atCaller - t0);
          out.both.push(Math.max(atCaller, atCallee) - t0);
        }
      } catch {
        out.failures++;
      }
      a.hangup();
      await Promise.all([idle(a), idle(b)]);
    }
    return out;
  };

  /** The local UDP ports of the ICE pairs `pc` uses (one per transport; Firefox marks its pairs `selected`). */
  async function pathPorts(pc) {
    const stats = new Map();
    (await pc.getStats()).forEach(s => stats.set(s.id, s));
    const all = [...stats.values()];
    const transports = all.filter(s => s.type === 'transport' && s.selectedCandidatePairId);
    const pairs = transports.length ? transports.map(t => stats.get(t.selectedCandidatePairId)) : all.filter(s => s.type === 'candidate-pair' && s.selected);
    return pairs.filter(Boolean).map(p => stats.get(p.localCandidateId)?.port).filter(Boolean);
  }
  async function framesOf(pc) {
    let n = 0;
    (await pc.getStats()).forEach(s => {
      if (s.type === 'inbound-rtp' && s.kind === 'video') n += s.framesDecoded ?? 0;
    });
    return n;
  }
  /**
   * When the call of phone `el` decodes video again after a stop of at least 300 ms (over a new
   * connection, if the call went on over a new session). `stalledSince`: when the video is known
   * to have stopped already (then the first new frame counts).
   */
  async function videoBack(el, stalledSince = 0, ms = 30000) {
    const end = performance.now() + ms;
    let pc = el.peerConnection;
    let last = await framesOf(pc);
    let stalledAt = stalledSince;
    while (performance.now() < end) {
      await sleep(20);
      if (el.peerConnection !== pc) [pc, last] = [el.peerConnection, 0];
      if (!pc) continue;
      const frames = await framesOf(pc);
      const now = performance.now();
      if (frames === last) stalledAt ||= now;
      else if (stalledAt && now - stalledAt >= 300) return now;
      else stalledAt = 0;
      last = frames;
    }
    throw new Error('video did not come back');
  }

  /**
   * `a` in a connected call with `b` (the run before's, if it is still up), its media flowing for a
   * while: past the quiet time after the last renegotiation (the run before's restart).
   */
  async function callUp(a, b) {
    if (a.callState !== 'connected') {
      await Promise.all([idle(a), idle(b)]);
      if (!(await a.call(b.sipUri.replace(/^sip:|@.*$/g, '')))) throw new Error('call refused');
      await until(() => a.callState === 'connected' && b.callState === 'connected');
    }
    await until(() => a.peerConnection && b.peerConnection);
    await sleep(window.FsVideoPhone.ICE_RECOVERY.settleMs + 500);
  }

  /**
   * The media path breaks for good in a connected call: the caller's UDP ports are dropped (by
   * bench/run.mjs, in its network namespace, through `cutUrl`); the time until both sides decode
   * video again over a new path. `quick: false` turns the RTP-gap detection off, leaving ICE's
   * own states (the behaviour before it): the baseline.
   */
  window.benchPathBreak = async (runs, { quick = true, cutUrl }) => {
    const recovery = window.FsVideoPhone.ICE_RECOVERY;
    const saved = { ...recovery };
    if (!quick) Object.assign(recovery, { quickCallerMs: 1e9, quickCalleeMs: 1e9 });
    const [a, b] = await phones('');
    const out = { back: [], failures: 0 };
    try {
      for (let i = 0; i < runs; i++) {
        try {
          await callUp(a, b);
          const ports = await pathPorts(a.peerConnection);
          const t0 = performance.now();
          await fetch(`${cutUrl}?ports=${ports.join(',')}`, { method: 'POST', mode: 'no-cors' });
          const [x, y] = await Promise.all([videoBack(a), videoBack(b)]);
          out.back.push(Math.max(x, y) - t0);
        } catch {
          out.failures++;
        }
      }
    } finally {
      Object.assign(recovery, saved);
      a.hangup();
      await Promise.all([idle(a), idle(b)]);
    }
    return out;
  };

  /**
   * The media relay restarts during a connected call (stopped for `outageMs`, started again without
   * its state, by bench/run.mjs through `relayUrl`): the time from the relay being back until both
   * sides decode video again. A call that ends instead (Firefox refuses the new DTLS certificate)
   * is counted in `ended`.
   */
  window.benchRelayRestart = async (runs, { relayUrl, outageMs = 3000 }) => {
    const [a, b] = await phones('');
    const out = { back: [], ended: 0, failures: 0, errors: [] };
    for (let i = 0; i < runs; i++) {
      let ended = false;
      const end = () => (ended = true);
      try {
        await callUp(a, b);
        for (const p of [a, b]) p.addEventListener('fs-call-ended', end, { once: true });
        await fetch(`${relayUrl}?do=stop`, { method: 'POST', mode: 'no-cors' });
        const stopped = performance.now();
        await sleep(outageMs);
        await fetch(`${relayUrl}?do=start`, { method: 'POST', mode: 'no-cors' });
        const t0 = performance.now();
        const back = Promise.all([videoBack(a, stopped), videoBack(b, stopped)]).then(([x, y]) => Math.max(x, y) - t0);
        back.catch(() => {});
        await Promise.race([back, until(() => ended, 60000)]);
        if (ended) out.ended++;
        else out.back.push(await back);
      } catch (err) {
        out.failures++;
        out.errors.push(`${err.message} (1000 ${a.callState}, 1001 ${b.callState})`);
      } finally {
        for (const p of [a, b]) p.removeEventListener('fs-call-ended', end);
      }
    }
    a.hangup();
    await Promise.all([idle(a), idle(b)]);
    return out;
  };

  /** A "tab": a frame with a phone for `user` (frames of one origin share the account as tabs do). */
  async function tabFrame(user, query = '') {
    const frame = document.createElement('iframe');
    const loaded = once(frame, 'load');
    frame.src = `../../test/fixtures/tab.html?user=${user}${query}`;
    document.body.append(frame);
    await loaded;
    return { frame, el: frame.contentDocument.querySelector('fs-video-phone') };
  }

  /** Two tabs with one account: the one that has it closes; the time until the other is registered. */
  window.benchTabHandover = async runs => {
    const out = [];
    for (let i = 0; i < runs; i++) {
      const a = await tabFrame('1011');
      await until(() => a.el.registrationState === 'registered');
      const b = await tabFrame('1011');
      await until(() => b.el.registrationState === 'elsewhere');
      const t0 = performance.now();
      a.frame.remove();
      await until(() => b.el.registrationState === 'registered');
      out.push(performance.now() - t0);
      b.frame.remove();
      await sleep(500);
    }
    return out;
  };

  /** Whether `pc` decodes video now (frames go up within `ms`). */
  async function decoding(pc, ms = 20000) {
    const end = performance.now() + ms;
    const first = await framesOf(pc);
    while (performance.now() < end) {
      await sleep(20);
      if ((await framesOf(pc)) > first) return true;
    }
    return false;
  }

  /**
   * A tab in a call is reloaded (`runs` times): the time from the reload until both sides decode
   * video again, the reloaded page having taken its call back (INVITE with Replaces).
   */
  window.benchReload = async runs => {
    const far = phone('1013', { 'no-preview': '', 'auto-answer': '' });
    await until(() => far.registrationState === 'registered');
    const out = [];
    let failed = 0;
    for (let i = 0; i < runs; i++) {
      const tab = await tabFrame('1012', '&multi-tab=independent');
      try {
        await until(() => tab.el.registrationState === 'registered');
        if (!(await tab.el.call('1013'))) throw new Error('call refused');
        await until(() => tab.el.callState === 'connected' && far.callState === 'connected');
        await Promise.all([decoding(tab.el.peerConnection), decoding(far.peerConnection)]);
        const farPc = far.peerConnection;
        const t0 = performance.now();
        const loaded = once(tab.frame, 'load');
        tab.frame.contentWindow.location.reload();
        await loaded;
        const el = tab.frame.contentDocument.querySelector('fs-video-phone');
        await until(() => el.callState === 'connected' && far.peerConnection !== farPc && !!el.peerConnection, 20000);
        const both = await Promise.all([decoding(el.peerConnection), decoding(far.peerConnection)]);
        if (!both.every(Boolean)) throw new Error('no video after the reload');
        out.push(performance.now() - t0);
        el.hangup();
      } catch {
        failed++;
        far.hangup();
      }
      await until(() => far.callState === 'idle' || far.callState === 'ended', 10000).catch(() => {});
      tab.frame.remove();
      await sleep(500);
    }
    far.remove();
    return { times: out, failed };
  };

  /**
   * The SIP server stops for 1.5 s in each of `runs` calls (`benchSip`, from bench/run.mjs): a
   * call is lost when either side is no longer in it once both are registered again, or when the
   * hang-up made afterwards does not reach the far end.
   */
  // Lamps: a phone (1017) watching contacts while 1018 calls 1019 (accounts no other scenario uses).
  let lamps = null;
  window.benchLampsStart = async () => {
    const [w, a, b] = ['1017', '1018', '1019'].map(u => phone(u, { 'no-preview': '' }));
    await until(() => [w, a, b].every(p => p.registrationState === 'registered'));
    lamps = { w, a, b };
  };
  /** Watches `count` contacts (1018, 1019, and numbers nobody has): time until every lamp is lit, SUBSCRIBEs sent, the longest task meanwhile. */
  window.benchLampsWatch = async count => {
    const numbers = ['1018', '1019', ...Array.from({ length: count - 2 }, (_, i) => String(4000 + i))];
    const send = WebSocket.prototype.send;
    let subscribes = 0;
    WebSocket.prototype.send = function (data) {
      if (/^SUBSCRIBE /.test(String(data))) subscribes++;
      return send.call(this, data);
    };
    let longest = 0;
    const observer = new PerformanceObserver(list => list.getEntries().forEach(e => (longest = Math.max(longest, e.duration))));
    observer.observe({ type: 'longtask' });
    const t0 = performance.now();
    lamps.w.contacts = numbers.join(' ');
    try {
      await until(() => lamps.w.phone.desk.contacts.length === count && lamps.w.phone.desk.contacts.every(c => c.state !== 'offline'));
      return { ms: performance.now() - t0, subscribes, longestTask: longest };
    } finally {
      WebSocket.prototype.send = send;
      observer.disconnect();
    }
  };
  const lampOf = user => lamps.w.phone.desk.contacts.find(c => c.uri === `sip:${user}@${DOMAIN}`)?.state;
  /** Per call (1018 calls 1019): the callee's 180 sent → its lamp ringing; its 200 sent → on a call; the caller's BYE sent → available. */
  window.benchLampsDelay = async runs => {
    const out = { ringing: [], busy: [], available: [] };
    const { a, b } = lamps;
    for (let i = 0; i < runs; i++) {
      const rang = once(b, 'fs-incoming-call');
      void a.call('1019');
      await rang;
      let t = performance.now();
      await until(() => lampOf('1019') === 'ringing');
      out.ringing.push(performance.now() - t);
      const up = once(b, 'fs-call-connected');
      void b.answer();
      await up;
      t = performance.now();
      await until(() => lampOf('1019') === 'busy');
      out.busy.push(performance.now() - t);
      t = performance.now();
      a.hangup();
      await until(() => lampOf('1019') === 'available');
      out.available.push(performance.now() - t);
      await idle(a);
      await idle(b);
      await sleep(200);
    }
    return out;
  };
  window.benchLampsStop = () => Object.values(lamps ?? {}).forEach(p => p.remove());

  window.benchSocketCut = async runs => {
    const [a, b] = await phones('');
    let lost = 0;
    for (let i = 0; i < runs; i++) {
      try {
        if (!(await a.call(b.sipUri.replace(/^sip:|@.*$/g, '')))) throw new Error('call refused');
        await until(() => a.callState === 'connected' && b.callState === 'connected');
        await sleep(500);
        await window.benchSip('stop');
        await sleep(1500);
        await window.benchSip('start');
        await until(() => a.registrationState === 'registered' && b.registrationState === 'registered');
        if (a.callState !== 'connected' || b.callState !== 'connected') throw new Error('call lost');
        a.hangup();
        await until(() => b.callState !== 'connected', 10000);
      } catch {
        lost++;
      }
      a.hangup();
      await Promise.all([idle(a), idle(b)]);
    }
    return { lost };
  };

  /** Raw JsSIP with its default settings and the same media: the baseline. */
  let raw = null;
  async function rawPair() {
    const { JsSIP } = globalThis; // the raw baseline page loads JsSIP's own browser build
    if (raw) return raw;
    const ua = user => new JsSIP.UA({ sockets: [new JsSIP.WebSocketInterface(WS)], uri: `sip:${user}@${DOMAIN}`, password: '1234' });
    const caller = ua('1002');
    const callee = ua('1003');
    callee.on('newRTCSession', async ({ originator, session }) => {
      if (originator !== 'remote') return;
      const stream = await navigator.mediaDevices.getUserMedia(MEDIA);
      const stop = () => stream.getTracks().forEach(t => t.stop());
      session.on('ended', stop);
      session.on('failed', stop);
      session.answer({ mediaStream: stream, pcConfig: { iceServers: raw.iceServers } });
    });
    const registered = [caller, callee].map(u => new Promise(r => u.on('registered', r)));
    caller.start();
    callee.start();
    await Promise.all(registered);
    raw = { caller, callee, iceServers: [] };
    return raw;
  }

  window.benchRawCalls = async (runs, { iceServers = [], capMs = 60000 } = {}) => {
    const r = await rawPair();
    r.iceServers = iceServers;
    const out = { connected: [], frame: [], failures: 0, capped: 0 };
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const stream = await navigator.mediaDevices.getUserMedia(MEDIA);
      const remote = new MediaStream();
      const frame = firstFrame(remote);
      let session;
      const done = new Promise(resolve => {
        session = r.caller.call(`sip:1003@${DOMAIN}`, {
          mediaStream: stream,
          pcConfig: { iceServers },
          eventHandlers: {
            peerconnection: ({ peerconnection }) => peerconnection.addEventListener('track', e => remote.addTrack(e.track)),
            accepted: () => resolve('accepted'),
            failed: () => resolve('failed'),
          },
        });
      });
      const outcome = await Promise.race([done, sleep(capMs).then(() => 'capped')]);
      if (outcome === 'accepted') {
        out.connected.push(performance.now() - t0);
        out.frame.push((await Promise.race([frame, sleep(10000).then(() => NaN)])) - t0);
      } else if (outcome === 'capped') {
        out.capped++;
        out.connected.push(capMs);
      } else {
        out.failures++;
      }
      const ended = new Promise(resolve => {
        session.on('ended', resolve);
        session.on('failed', resolve);
      });
      if (!session.isEnded()) session.terminate();
      await Promise.race([ended, sleep(3000)]);
      stream.getTracks().forEach(t => t.stop());
      await sleep(100);
    }
    return out;
  };

  // The call people actually make: a fresh page, the number typed key by key, then Call. Each
  // caller is a new page; the callees live in the bench's main page: ours (1009, answering at once,
  // its camera opened on answer) for ours, raw JsSIP's (1003) for raw JsSIP.
  let callee = null;
  window.benchCallee = async () => {
    callee = phone('1009', { 'auto-answer': '', 'no-preview': '' });
    await until(() => callee.registrationState === 'registered');
  };
  window.benchCalleeStop = () => callee?.remove();

  /** Ours in a fresh page, default settings (the camera opens as the person starts typing). */
  window.benchTypedSetup = async () => {
    const el = (window.typedPhone = phone('1008'));
    await until(() => el.registrationState === 'registered');
  };
  /** Armed before Call is pressed: ms from the press to the caller's first remote frame. */
  window.benchTypedMeasure = async () => {
    const el = window.typedPhone;
    const pressed = new Promise(resolve => el.shadowRoot.querySelector('[part~="call-button"]').addEventListener('click', () => resolve(performance.now()), { once: true }));
    const t0 = await pressed;
    await until(() => el.remoteStream);
    const ms = (await firstFrame(el.remoteStream)) - t0;
    el.hangup();
    await idle(el);
    return ms;
  };

  /** Raw JsSIP in a fresh page: registered, then on the press it opens the camera and dials. */
  window.benchRawFreshSetup = async () => {
    const { JsSIP } = globalThis;
    const ua = (window.rawFresh = new JsSIP.UA({ sockets: [new JsSIP.WebSocketInterface(WS)], uri: `sip:1005@${DOMAIN}`, password: '1234' }));
    const registered = new Promise(r => ua.on('registered', r));
    ua.start();
    await registered;
  };
  window.benchRawFreshCall = async () => {
    const t0 = performance.now();
    const stream = await navigator.mediaDevices.getUserMedia(MEDIA);
    const remote = new MediaStream();
    const frame = firstFrame(remote);
    const session = window.rawFresh.call(`sip:1003@${DOMAIN}`, {
      mediaStream: stream,
      eventHandlers: { peerconnection: ({ peerconnection }) => peerconnection.addEventListener('track', e => remote.addTrack(e.track)) },
    });
    const ms = (await Promise.race([frame, sleep(10000).then(() => NaN)])) - t0;
    session.terminate();
    stream.getTracks().forEach(t => t.stop());
    window.rawFresh.stop();
    return ms;
  };

  // A public page's call button (a fresh page each time): 1000 answers by itself; the visitor's
  // phone is made, connects (as a guest, no registration) and opens its camera on the press.
  window.benchButtonSetup = async () => {
    const desk = (window.desk = phone('1000', { 'auto-answer': '', 'no-preview': '' }));
    const button = (window.callButton = document.createElement('fs-call-button'));
    button.setAttribute('target', '1000');
    button.setAttribute('ws-url', WS);
    document.body.append(button);
    await until(() => desk.registrationState === 'registered' && button.shadowRoot?.querySelector('[part~="button"]'));
  };
  /** Armed before the button is pressed: ms from the press to the desk ringing and to the visitor's first remote frame. */
  window.benchButtonMeasure = async () => {
    const { desk, callButton: button } = window;
    const pressed = new Promise(resolve => button.shadowRoot.querySelector('[part~="button"]').addEventListener('click', () => resolve(performance.now()), { once: true }));
    const ringing = once(desk, 'fs-incoming-call', 10000).then(() => performance.now());
    const t0 = await pressed;
    try {
      const ring = (await ringing) - t0;
      let visitor = null;
      await until(() => (visitor = button.shadowRoot.querySelector('fs-video-phone'))?.remoteStream, 10000);
      const frame = (await firstFrame(visitor.remoteStream)) - t0;
      return { ring, frame };
    } catch (err) {
      return { ring: NaN, frame: NaN, failed: `${err.message}; the visitor's call: ${button.shadowRoot.querySelector('fs-video-phone')?.callState}` };
    } finally {
      button.close();
      await idle(desk);
    }
  };
  /** The desk leaves the server (unregisters) before its page closes. */
  window.benchButtonStop = async () => {
    window.callButton?.remove();
    const desk = window.desk;
    const gone = once(desk, 'fs-unregistered', 5000).catch(() => {});
    desk.unregister();
    await gone;
    desk.remove();
  };
  /** Raw JsSIP the same way: on the press a user agent is made, connects without registering, opens the camera and calls 1000. */
  window.benchRawGuestCall = async () => {
    const { JsSIP } = globalThis;
    const desk = window.desk;
    const ringing = once(desk, 'fs-incoming-call', 10000).then(() => performance.now(), () => NaN);
    const t0 = performance.now();
    const ua = new JsSIP.UA({ sockets: [new JsSIP.WebSocketInterface(WS)], uri: 'sip:guest@anonymous.invalid', register: false });
    const connected = new Promise(r => ua.on('connected', r));
    ua.start();
    const [stream] = await Promise.all([navigator.mediaDevices.getUserMedia(MEDIA), connected]);
    const remote = new MediaStream();
    const frame = firstFrame(remote);
    const session = ua.call(`sip:1000@${DOMAIN}`, {
      mediaStream: stream,
      eventHandlers: { peerconnection: ({ peerconnection }) => peerconnection.addEventListener('track', e => remote.addTrack(e.track)) },
    });
    const ring = (await ringing) - t0;
    const ms = (await Promise.race([frame, sleep(10000).then(() => NaN)])) - t0;
    session.terminate();
    stream.getTracks().forEach(t => t.stop());
    ua.stop();
    await idle(desk);
    return { ring, frame: ms };
  };

  window.benchRawStop = () => {
    raw?.caller.stop();
    raw?.callee.stop();
    raw = null;
  };

  window.benchPairStop = () => {
    for (const key of Object.keys(pairs)) {
      for (const p of pairs[key]) p.remove();
      delete pairs[key];
    }
  };

  /** Create → register → remove, `cycles` times. */
  window.benchChurn = async cycles => {
    for (let i = 0; i < cycles; i++) {
      const el = phone('1004');
      await once(el, 'fs-registered');
      el.remove();
    }
  };

  // Failover between two WebSocket servers (the farm's edges). Two phones list both; the first
  // has the higher weight, so they start there. `benchFailoverArm` records, from then on, when
  // each phone is registered again (Date.now(), to compare with the bench's own clock).
  const failover = { phones: [], registeredAt: [] };
  window.benchFailoverStart = async servers => {
    failover.phones = ['1010', '1011'].map(u => phone(u, { 'ws-url': servers, 'no-preview': '' }));
    await until(() => failover.phones.every(p => p.registrationState === 'registered'));
  };
  window.benchFailoverArm = () => {
    failover.registeredAt = failover.phones.map(() => null);
    failover.phones.forEach((p, i) => {
      p.addEventListener('fs-registered', () => (failover.registeredAt[i] = Date.now()), { once: true });
    });
  };
  /** Once both phones registered again: the later of their times (Date.now()). */
  window.benchFailoverWait = async () => {
    await until(() => failover.registeredAt.every(t => t !== null), 20000);
    return Math.max(...failover.registeredAt);
  };
  window.benchFailoverStop = () => failover.phones.forEach(p => p.remove());
})();
