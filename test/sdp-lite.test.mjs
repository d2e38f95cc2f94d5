// The single script's stand-in for sdp-transform (dev/build/sdp-lite.cjs) against the real
// one: JsSIP must read the same media types and directions, and an SDP whose directions it
// changes for hold must come out the same. Run by `npm test` (node --test).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { pathToFileURL, fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const real = require('sdp-transform');
const lite = require('../dev/build/sdp-lite.cjs');

const media = (type, port, extra) =>
  [`m=${type} ${port} UDP/TLS/RTP/SAVPF 111 0`, 'c=IN IP4 127.0.0.1', 'a=rtcp-mux', 'a=mid:' + type, 'a=rtpmap:111 opus/48000/2', ...extra];
const session = extra => ['v=0', 'o=- 4611731400430051336 2 IN IP4 127.0.0.1', 's=-', 't=0 0', 'a=group:BUNDLE 0 1', ...extra];

const SDPS = {
  'every m-line with a direction': [...session([]), ...media('audio', 9, ['a=sendrecv']), ...media('video', 9, ['a=sendrecv', 'a=rtcp-fb:111 nack'])],
  'directions missing': [...session([]), ...media('audio', 9, []), ...media('video', 9, [])],
  'a session direction, held video, a data channel': [
    ...session(['a=inactive']),
    ...media('audio', 9, ['a=recvonly']),
    ...media('video', 0, ['a=sendonly']),
    'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
    'a=sctp-port:5000',
  ],
};

/** What JsSIP does to an offer or answer while on hold (RTCSession _mangleOffer). */
function hold(sdp) {
  for (const m of sdp.media) {
    if (m.type !== 'audio' && m.type !== 'video') continue;
    m.direction = !m.direction || m.direction === 'sendrecv' ? 'sendonly' : m.direction === 'recvonly' ? 'inactive' : m.direction;
  }
  return sdp;
}

for (const [name, lines] of Object.entries(SDPS)) {
  for (const eol of ['\r\n', '\n']) {
    const text = lines.join(eol) + eol;
    const label = `${name} (${eol === '\n' ? 'LF' : 'CRLF'})`;

    test(`reads what sdp-transform reads: ${label}`, () => {
      const want = real.parse(text);
      const got = lite.parse(text);
      assert.equal(got.direction, want.direction);
      assert.deepEqual(got.media.map(m => [m.type, m.direction]), want.media.map(m => [m.type, m.direction]));
    });

    test(`writes hold directions as sdp-transform does: ${label}`, () => {
      const want = real.parse(real.write(hold(real.parse(text))));
      const got = real.parse(lite.write(hold(lite.parse(text))));
      assert.deepEqual(got, want);
    });
  }
}

test('an empty body has no media', () => {
  assert.deepEqual(lite.parse('').media, []);
  assert.equal(lite.write(lite.parse('')), '');
});

// JsSIP's own hold mangling (RTCSession _mangleOffer) in the installed JsSIP, on sdp-transform, and
// in dist/jssip.js, on the stand-in: every hold combination must give the same SDP.
const installed = require('jssip');
const shipped = (await import(pathToFileURL(fileURLToPath(new URL('../dist/jssip.js', import.meta.url))).href)).default;
const socket = { url: 'ws://pbx.test', via_transport: 'WS', sip_uri: 'sip:pbx.test;transport=ws', connect() {}, disconnect() {}, send: () => true };
const mangler = JsSIP => new JsSIP.RTCSession(new JsSIP.UA({ sockets: [socket], uri: 'sip:1000@pbx.test', register: false }));

for (const [name, lines] of Object.entries(SDPS)) {
  const text = lines.join('\r\n') + '\r\n';
  for (const [local, remote] of [[true, false], [false, true], [true, true]]) {
    test(`JsSIP marks hold the same on the stand-in: ${name}, ${local ? 'we hold' : ''}${local && remote ? ' and ' : ''}${remote ? 'they hold' : ''}`, () => {
      const [a, b] = [mangler(installed), mangler(shipped)];
      for (const s of [a, b]) Object.assign(s, { _localHold: local, _remoteHold: remote });
      assert.deepEqual(real.parse(b._mangleOffer(text)), real.parse(a._mangleOffer(text)));
    });
  }
}
