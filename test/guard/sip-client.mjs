// A bare SIP-over-WebSocket client for the guard tests: sends hand-made requests (REGISTER,
// INVITE) and reads the final answers, answering digest challenges when it has credentials.
import { createHash, randomBytes } from 'node:crypto';
import WebSocket from 'ws';

const md5 = s => createHash('md5').update(s).digest('hex');
const token = () => randomBytes(6).toString('hex');

/** Opens a SIP WebSocket to `url`; resolves with a client once it is open. */
export async function sipClient(url) {
  const ws = new WebSocket(url, 'sip');
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const waiting = new Map(); // branch -> resolve of the final response
  ws.on('message', data => {
    const text = data.toString();
    const status = /^SIP\/2\.0 (\d{3})/.exec(text);
    if (!status || Number(status[1]) < 200) return;
    const branch = /branch=([^;\r\n]+)/.exec(text)?.[1];
    waiting.get(branch)?.({ status: Number(status[1]), text, header: name => new RegExp(`^${name}:\\s*(.*)$`, 'mi').exec(text)?.[1] });
    waiting.delete(branch);
  });
  const host = `${token()}.invalid`;
  let cseq = 1;

  /** Sends one request; resolves with its final response (or `{ status: 0 }` after `timeout` ms). */
  const send = ({ method, ruri, from, to = ruri, auth = '', callId = token(), timeout = 5000, headers = [], body = '' }) => {
    const branch = `z9hG4bK${token()}`;
    const sdp = body || (method === 'INVITE' ? 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 0\r\na=rtpmap:0 PCMU/8000\r\n' : '');
    const lines = [
      `${method} ${ruri} SIP/2.0`,
      `Via: SIP/2.0/WSS ${host};branch=${branch}`,
      'Max-Forwards: 70',
      `From: <${from}>;tag=${token()}`,
      `To: <${to}>`,
      `Call-ID: ${callId}`,
      `CSeq: ${cseq++} ${method}`,
      `Contact: <sip:${token()}@${host};transport=ws>${method === 'REGISTER' ? ';expires=600' : ''}`,
      ...(auth ? [auth] : []),
      ...headers,
      ...(sdp && !body ? ['Content-Type: application/sdp'] : []),
      `Content-Length: ${Buffer.byteLength(sdp)}`,
    ];
    const answer = new Promise(resolve => {
      waiting.set(branch, resolve);
      setTimeout(() => {
        if (waiting.delete(branch)) resolve({ status: 0, text: '', header: () => undefined });
      }, timeout);
    });
    ws.send(`${lines.join('\r\n')}\r\n\r\n${sdp}`);
    return answer;
  };

  /** Sends `request`, and once more with digest credentials if challenged. */
  const request = async (request, credentials) => {
    const first = await send(request);
    if (!credentials || (first.status !== 401 && first.status !== 407)) return first;
    const challenge = first.header(first.status === 401 ? 'WWW-Authenticate' : 'Proxy-Authenticate') ?? '';
    const realm = /realm="([^"]*)"/.exec(challenge)?.[1] ?? '';
    const nonce = /nonce="([^"]*)"/.exec(challenge)?.[1] ?? '';
    const ha1 = md5(`${credentials.username}:${realm}:${credentials.password}`);
    const response = md5(`${ha1}:${nonce}:00000001:abc:auth:${md5(`${request.method}:${request.ruri}`)}`);
    const name = first.status === 401 ? 'Authorization' : 'Proxy-Authorization';
    const auth = `${name}: Digest username="${credentials.username}", realm="${realm}", nonce="${nonce}", uri="${request.ruri}", response="${response}", algorithm=MD5, qop=auth, nc=00000001, cnonce="abc"`;
    return send({ ...request, auth });
  };

  return { request, close: () => ws.close() };
}
