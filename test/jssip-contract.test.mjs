// The contract with JsSIP: every undocumented member and behaviour src/sip/jssip.ts relies on,
// driven through that adapter itself, against the installed JsSIP (the version package.json pins)
// and against dist/jssip.js (the JsSIP build the single script carries and the browser suites load).
// A JsSIP release that renames or changes one of them fails here first. Run by `npm test`
// (node --test) after the build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const cache = `${root}node_modules/.cache/fs-video-phone/`;
mkdirSync(cache, { recursive: true });

/** The adapter compiled with `jssip` imported from `jssipSpecifier`; it exports that JsSIP too. */
async function adapterWith(name, jssipSpecifier) {
  const outfile = `${cache}jssip-adapter-${name}.mjs`;
  await build({
    stdin: { contents: "export * from './src/sip/jssip.ts'; export { default as JsSIP } from 'jssip';", resolveDir: root, loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    plugins: [{ name: 'jssip', setup: b => b.onResolve({ filter: /^jssip$/ }, () => ({ path: jssipSpecifier, external: true })) }],
    outfile,
    logLevel: 'silent',
  });
  return import(`${pathToFileURL(outfile).href}?${Date.now()}`);
}

const JSSIPS = {
  installed: 'jssip',
  'dist/jssip.js': pathToFileURL(`${root}dist/jssip.js`).href,
};

test('package.json pins the JsSIP this contract was checked against', () => {
  const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
  const installed = JSON.parse(readFileSync(require.resolve('jssip/package.json'), 'utf8')).version;
  assert.match(pkg.dependencies.jssip, /^\d+\.\d+\.\d+$/, 'an exact version, not a range');
  assert.equal(pkg.dependencies.jssip, installed);
});

/** A JsSIP socket that connects when asked and records what is sent. */
class FakeSocket {
  constructor(name) {
    this.url = `ws://${name}.test`;
    this.via_transport = 'WS';
    this.sip_uri = `sip:${name}.test;transport=ws`;
    this.connects = 0;
    this.connected = false;
  }
  connect() {
    this.connects++;
    setImmediate(() => {
      this.connected = true;
      this.onconnect();
    });
  }
  disconnect() {
    this.connected = false;
  }
  send() {
    return true;
  }
  isConnected() {
    return this.connected;
  }
  isConnecting() {
    return false;
  }
  /** The server went away. */
  lose() {
    this.connected = false;
    this.ondisconnect(true, 1006, 'gone');
  }
}

const OFFER = ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 't=0 0', 'm=audio 9 UDP/TLS/RTP/SAVPF 111', 'c=IN IP4 127.0.0.1', 'a=sendrecv', 'a=rtpmap:111 opus/48000/2', ''].join('\r\n');

/** A peer connection as far as JsSIP's offer making goes: an event target that makes `OFFER`. */
class FakePeerConnection extends EventTarget {
  iceGatheringState = 'gathering';
  signalingState = 'stable';
  localDescription = null;
  offers = [];
  audio = { kind: 'audio', enabled: true };
  getSenders() {
    return [{ track: this.audio }];
  }
  async createOffer(constraints) {
    this.offers.push(constraints);
    return { type: 'offer', sdp: OFFER };
  }
  async setLocalDescription(desc) {
    this.localDescription = desc;
  }
  async setRemoteDescription(desc) {
    this.remoteDescription = desc;
  }
}

const tick = () => new Promise(resolve => setImmediate(resolve));

for (const [name, path] of Object.entries(JSSIPS)) {
  const adapter = await adapterWith(name.replace(/\W/g, '-'), path);
  const { JsSIP, holdFlags, markLocalHold, sendReinvite, endGathering, reconnectNow, terminateSession, keepCallOnIceFailure, dialogOf, earlyIds, claimReplaces, plainContact, uaOf } = adapter;
  const ua = sockets => new JsSIP.UA({ sockets, uri: 'sip:1000@pbx.test', register: false });
  /** A session of a user agent; `agent` (started or not) is one of ours, else one that says it is connected. */
  const session = (agent = Object.assign(ua([new FakeSocket('a')]), { isConnected: () => true })) => {
    const s = new JsSIP.RTCSession(agent);
    const pc = new FakePeerConnection();
    s._connection = pc;
    s._contact = '<sip:1000@pbx.test;transport=ws>';
    return { s, pc };
  };

  test(`${name}: a re-INVITE and a BYE in a call wait while the server connection is down, and go once it is back`, async () => {
    const socket = new FakeSocket('a');
    const agent = ua([socket]);
    agent.start();
    await tick();
    const { s, pc } = session(agent);
    s._status = JsSIP.RTCSession.C.STATUS_CONFIRMED;
    const sent = [];
    s.sendRequest = (method, options) => sent.push({ method, handlers: options?.eventHandlers });
    const ended = [];
    s.on('ended', e => ended.push(e.cause));
    socket.lose();
    assert.equal(agent.isConnected(), false);
    sendReinvite(s, {});
    assert.equal(terminateSession(s), false, 'the BYE waits: the caller ends the call itself');
    const wait = ms => new Promise(resolve => setTimeout(resolve, ms));
    await wait(600);
    assert.deepEqual([sent, pc.offers.length, s.isEnded()], [[], 0, false], 'nothing sent, nothing offered while it is down');
    reconnectNow(agent);
    await wait(600);
    assert.ok(agent.isConnected());
    assert.equal(pc.offers.length, 1, 'the re-INVITE is on its way');
    const byes = () => sent.filter(r => r.method === 'BYE');
    assert.equal(byes().length, 1, 'and the BYE');
    // The server cannot reach the far end yet (481): the BYE goes again a second later; a 200 OK ends the session.
    byes()[0].handlers.onErrorResponse({ status_code: 481 });
    assert.equal(s.isEnded(), false);
    await wait(1300);
    assert.equal(byes().length, 2, 'sent again');
    byes()[1].handlers.onSuccessResponse({ status_code: 200 });
    assert.equal(s.isEnded(), true);
    assert.deepEqual(ended, [JsSIP.C.causes.BYE]);
    agent.stop();
  });

  test(`${name}: the user agent's transport uses the heaviest socket, and reconnectNow moves to the next at once`, async () => {
    const heavy = new FakeSocket('heavy');
    const light = new FakeSocket('light');
    const agent = ua([{ socket: light, weight: 1 }, { socket: heavy, weight: 2 }]);
    agent.start();
    await tick();
    assert.equal(heavy.connects, 1);
    assert.ok(agent.transport.isConnected());
    heavy.lose();
    assert.notEqual(agent.transport.recovery_timer, null, 'JsSIP waits before it reconnects');
    reconnectNow(agent);
    assert.equal(agent.transport.recovery_timer, null, 'the back-off timer is gone');
    assert.equal(light.connects, 1, 'the other server at once');
    await tick();
    assert.ok(agent.transport.isConnected());
    reconnectNow(agent);
    assert.equal(light.connects + heavy.connects, 2, 'nothing while connected');
    agent.stop();
  });

  test(`${name}: an answer crossing the CANCEL of a call hung up while ringing out gets an ACK and a BYE`, () => {
    const ringingOut = () => {
      const { s, pc } = session();
      pc.close = () => {};
      s._direction = 'outgoing';
      s._status = JsSIP.RTCSession.C.STATUS_1XX_RECEIVED;
      const cancels = [];
      s._request = { cancel: reason => cancels.push(reason) };
      const answered = [];
      s._acceptAndTerminate = response => answered.push(response.status_code);
      return { s, cancels, answered };
    };
    const ok = { status_code: 200, call_id: 'x', from_tag: 'a', to_tag: 'b' };
    // JsSIP alone: the CANCEL leaves, and the crossing 200 OK is ignored.
    const plain = ringingOut();
    plain.s.terminate();
    plain.s._receiveInviteResponse(ok);
    assert.equal(plain.cancels.length, 1);
    assert.deepEqual(plain.answered, [], 'JsSIP ignores it (what terminateSession is for)');
    // Through the adapter: the same CANCEL, and the 200 OK is acknowledged and ended.
    const marked = ringingOut();
    terminateSession(marked.s);
    marked.s._receiveInviteResponse(ok);
    assert.equal(marked.cancels.length, 1);
    assert.deepEqual(marked.answered, [200]);
  });

  test(`${name}: marking a local hold sets the flag JsSIP's offers follow and emits hold/unhold`, () => {
    const { s, pc } = session();
    const seen = [];
    s.on('hold', e => seen.push(['hold', e.originator]));
    s.on('unhold', e => seen.push(['unhold', e.originator]));
    assert.deepEqual(holdFlags(s), { local: false, remote: false });
    markLocalHold(s, true);
    assert.deepEqual(holdFlags(s), { local: true, remote: false });
    assert.match(s._mangleOffer(OFFER), /a=sendonly/, 'the offer puts the far end on hold');
    assert.equal(pc.audio.enabled, false, 'the microphone track follows');
    markLocalHold(s, false);
    assert.match(s._mangleOffer(OFFER), /a=sendrecv/);
    assert.equal(pc.audio.enabled, true);
    assert.deepEqual(seen, [['hold', 'local'], ['unhold', 'local']]);
  });

  test(`${name}: a re-INVITE with an ICE restart reports a refusal without ending the call`, async () => {
    const { s, pc } = session();
    const sent = [];
    s.sendRequest = (method, options) => sent.push({ method, options });
    const ended = [];
    for (const e of ['ended', 'failed']) s.on(e, () => ended.push(e));
    const failed = [];
    sendReinvite(s, { failed: response => failed.push(response?.status_code) }, true);
    await tick();
    endGathering(pc);
    await tick();
    assert.deepEqual(pc.offers, [{ iceRestart: true }]);
    assert.equal(sent[0]?.method, 'INVITE');
    sent[0].options.eventHandlers.onErrorResponse({ status_code: 491 });
    assert.deepEqual(failed, [491]);
    assert.deepEqual(ended, [], 'the call goes on');
  });

  test(`${name}: a re-INVITE's answer is applied before it reports success`, async () => {
    globalThis.RTCSessionDescription ??= class {
      constructor(init) {
        Object.assign(this, init);
      }
    };
    const { s, pc } = session();
    const sent = [];
    s.sendRequest = (method, options) => sent.push({ method, options });
    let succeeded = false;
    sendReinvite(s, { succeeded: () => (succeeded = true) });
    await tick();
    endGathering(pc);
    await tick();
    assert.deepEqual(pc.offers, [null], 'no ICE restart unless asked');
    const answer = OFFER.replace('sendrecv', 'recvonly');
    sent[0].options.eventHandlers.onSuccessResponse({ status_code: 200, body: answer, hasHeader: () => true, getHeader: () => 'application/sdp' });
    await tick();
    assert.equal(pc.remoteDescription?.sdp, answer);
    assert.ok(succeeded);
    assert.deepEqual(sent.map(r => r.method), ['INVITE', 'ACK']);
  });

  test(`${name}: JsSIP holds its SDP for candidates until one hands over ready() or gathering ends`, async () => {
    const { s, pc } = session();
    let ready = null;
    s.on('icecandidate', e => (ready = e.ready));
    const sdps = [];
    s.on('sdp', e => sdps.push(e.originator));
    let sdp = null;
    void s._createLocalDescription('offer', null).then(x => (sdp = x));
    await tick();
    assert.equal(sdp, null, 'waiting for candidates');
    pc.dispatchEvent(Object.assign(new Event('icecandidate'), { candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 9 typ host' } }));
    assert.equal(typeof ready, 'function', 'a candidate comes with ready()');
    await tick();
    assert.equal(sdp, null, 'still waiting');
    endGathering(pc);
    await tick();
    assert.equal(sdp, OFFER);
    assert.deepEqual(sdps, ['local']);
    // The same again, released by ready() this time.
    sdp = null;
    void s._createLocalDescription('offer', null).then(x => (sdp = x));
    await tick();
    pc.dispatchEvent(Object.assign(new Event('icecandidate'), { candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 9 typ host' } }));
    ready();
    await tick();
    assert.equal(sdp, OFFER);
  });

  test(`${name}: JsSIP hangs up when ICE fails; keepCallOnIceFailure lets an established (or ended) call be`, () => {
    const saved = globalThis.RTCPeerConnection;
    globalThis.RTCPeerConnection = FakePeerConnection;
    try {
      const terminated = [];
      const make = status => {
        const s = new JsSIP.RTCSession(ua([new FakeSocket('a')]));
        s.terminate = options => terminated.push([status, options?.cause]);
        keepCallOnIceFailure(s);
        s._createRTCConnection({}, {});
        s._status = status;
        s._connection.iceConnectionState = 'failed';
        s._connection.dispatchEvent(new Event('iceconnectionstatechange'));
      };
      make(JsSIP.RTCSession.C.STATUS_1XX_RECEIVED);
      make(JsSIP.RTCSession.C.STATUS_CONFIRMED);
      make(JsSIP.RTCSession.C.STATUS_TERMINATED); // JsSIP would throw INVALID_STATE_ERROR from the event
      assert.deepEqual(terminated, [[JsSIP.RTCSession.C.STATUS_1XX_RECEIVED, JsSIP.C.causes.RTP_TIMEOUT]], 'only the call not yet up');
    } finally {
      globalThis.RTCPeerConnection = saved;
    }
  });

  test(`${name}: claimReplaces sees an INVITE with Replaces before JsSIP, and one it claims reaches JsSIP without the header; earlyIds, uaOf and plainContact read what JsSIP keeps`, async () => {
    const socket = new FakeSocket('a');
    const agent = ua([socket]);
    agent.start();
    await tick();
    // What JsSIP's own receiveRequest is handed (it is where the user agent's transport delivers).
    const reached = [];
    agent.receiveRequest = r => reached.push([r.method, r.hasHeader('replaces')]);
    const claims = [];
    claimReplaces(agent, r => (claims.push({ ...r.replaces }), claims.length === 1));
    const invite = (branch, replaces) => [
      'INVITE sip:1000@pbx.test SIP/2.0', `Via: SIP/2.0/WS b.test;branch=z9hG4bK${branch}`, 'Max-Forwards: 70',
      'From: <sip:1001@pbx.test>;tag=p1ck', 'To: <sip:1000@pbx.test>', `Call-ID: pick-${branch}`, 'CSeq: 1 INVITE',
      'Contact: <sip:x@b.test;transport=ws>', ...(replaces ? [`Replaces: ${replaces}`] : []), 'Content-Length: 0', '', '',
    ].join('\r\n');
    socket.ondata(invite('one', 'early1;to-tag=theirs;from-tag=ours;early-only'));
    socket.ondata(invite('two', 'early1;to-tag=theirs;from-tag=ours'));
    socket.ondata(invite('three', ''));
    assert.deepEqual(claims.map(c => [c.call_id, c.from_tag, c.to_tag]), [['early1', 'ours', 'theirs'], ['early1', 'ours', 'theirs']], 'each INVITE with Replaces, parsed');
    assert.deepEqual(reached, [['INVITE', false], ['INVITE', true], ['INVITE', false]], 'the claimed one without its Replaces');
    // An outgoing session's Call-ID and tag, as JsSIP sets them before the INVITE leaves.
    const saved = globalThis.RTCPeerConnection;
    globalThis.RTCPeerConnection = FakePeerConnection;
    globalThis.window ??= globalThis;
    try {
      const s = new JsSIP.RTCSession(agent);
      assert.equal(uaOf(s), agent, 'a session knows its user agent');
      assert.equal(earlyIds(s), null, 'nothing before it is placed');
      s.connect('sip:1002@pbx.test', { mediaStream: { getTracks: () => [] } });
      const ids = earlyIds(s);
      assert.equal(ids?.callId, s._request.call_id);
      assert.equal(ids?.localTag, s._request.getHeader('from').match(/tag=(\w+)/)[1], 'the tag its INVITE carries');
      s.terminate();
    } finally {
      globalThis.RTCPeerConnection = saved;
    }
    assert.match(plainContact(agent), /^Contact: <sip:\w+@\w+\.invalid;transport=ws>$/);
  });

  test(`${name}: dialogOf reads a session's dialog, and the user agent finds it from a Replaces naming the tags either way`, () => {
    const agent = ua([new FakeSocket('a')]);
    const { s } = session(agent);
    assert.equal(dialogOf(s), null, 'no dialog yet');
    const uri = JsSIP.URI.parse('sip:1001@pbx.test');
    // An INVITE we answer (UAS): our tag is its To tag.
    const invite = {
      call_id: 'c4ll', from_tag: 'far', to_tag: 'ours', cseq: 1,
      hasHeader: h => h === 'contact',
      parseHeader: () => ({ uri }),
      getHeaders: () => [],
    };
    assert.equal(s._createDialog(invite, 'UAS'), true);
    assert.deepEqual(dialogOf(s), { callId: 'c4ll', localTag: 'ours', remoteTag: 'far' });
    // RFC 3891: the sender's from-tag is its own (our remote), its to-tag ours.
    assert.equal(agent._findDialog('c4ll', 'far', 'ours')?.owner, s);
    assert.equal(agent._findDialog('c4ll', 'ours', 'far')?.owner, s);
  });
}
