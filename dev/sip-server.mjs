// Development SIP server: SIP over WebSocket (RFC 7118) on loopback, behaving towards a browser
// the way stock FreeSWITCH does for the users of its vanilla configuration.
//
// It is a test and demo fixture, not a product: a registrar plus a stateless proxy that routes
// requests between registered WebSocket clients. Production deployments use FreeSWITCH (or
// Kamailio / Asterisk); see docs/.
//
//  - users 1000-1019, password 1234, digest authentication (MD5, qop=auth): 401 on REGISTER,
//    407 on out-of-dialog INVITE and MESSAGE, like FreeSWITCH;
//  - 403 for any other user, 404 for unknown callees, 480 for known users not registered;
//  - the users may also sign in with short-lived credentials (dev/credentials.mjs): username
//    `<expiry>:<user>`, password the HMAC of it under a shared secret; expired ones get 403;
//  - guests (a From that is none of the users, no credentials) may INVITE the guest numbers
//    (`guestTargets`, default 1000) unauthenticated; any other request of theirs gets 403; more
//    than GUEST_BURST of them from one address within 2 s get 503 until it has been quiet for 4 s;
//  - in-dialog requests (ACK, BYE, re-INVITE, UPDATE, INFO, MESSAGE, and REFER and its NOTIFYs
//    for transfers) follow the Record-Route we insert, because the browsers' contacts
//    (`*.invalid`) are only reachable through us; an INVITE with Replaces is routed like any
//    other new INVITE, and the callee's phone finds the dialog it replaces.
import { createHash, randomBytes, createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import { WebSocketServer } from 'ws';
import { DEV_EPHEMERAL_SECRET, ephemeralPassword } from './credentials.mjs';
import { notifier } from './presence.mjs';

const require = createRequire(import.meta.url);
// JsSIP's own message parser and grammar (already a dependency of the product).
const Parser = require('jssip/lib/Parser.js');
const Grammar = require('jssip/lib/Grammar.js');

/** Accounts 1000-1019, and room 3500 (a phone registered as it answers the room's calls). */
export const DEFAULT_USERS = [...Array.from({ length: 20 }, (_, i) => String(1000 + i)), '3500'];
export const DEFAULT_PASSWORD = '1234';
/** The numbers a guest (a caller with no account, e.g. a public page's call button) may call. */
export const DEFAULT_GUEST_TARGETS = ['1000'];
/** How many guest requests one address may send within two seconds. */
export const GUEST_BURST = 16;

const md5 = s => createHash('md5').update(s).digest('hex');
const NONCE_LIFETIME_MS = 5 * 60 * 1000;
const LOCAL_TAG_PREFIX = 'fsdev';

/** Parses `Digest k=v, k="v"` credentials (RFC 2617 / 7616) into a plain object. */
function parseDigest(value) {
  const m = /^\s*Digest\s+(.*)$/i.exec(value || '');
  if (!m) return null;
  const out = {};
  const re = /([a-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/gi;
  let p;
  while ((p = re.exec(m[1]))) out[p[1].toLowerCase()] = p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : p[3];
  return out;
}

/** A parsed message we can re-serialise after editing its headers. */
function serialise(startLine, headers, body) {
  const lines = [startLine];
  for (const [name, values] of Object.entries(headers)) {
    if (name === 'Content-Length') continue;
    for (const v of values) lines.push(`${name}: ${v.raw}`);
  }
  lines.push(`Content-Length: ${Buffer.byteLength(body || '', 'utf8')}`);
  return lines.join('\r\n') + '\r\n\r\n' + (body || '');
}

/**
 * Starts the server. Resolves once it listens.
 * `accounts` adds users with passwords of their own (user -> password), next to `users`, who
 * share `password`. `edges` are more ports to listen on: one server (one registrar, one routing
 * table) with several WebSocket addresses, each of which can be closed and opened again
 * (`closePort` / `openPort`) to play a server going away and coming back.
 * `guestTargets`: the numbers guests may call without credentials. `ephemeralSecret`: the secret
 * short-lived credentials are made with (dev/credentials.mjs).
 * @param {{host?: string, port?: number, edges?: number[], users?: string[], password?: string, accounts?: Record<string, string>, guestTargets?: string[], ephemeralSecret?: string, log?: (line: string) => void}} [options]
 */
export async function startSipServer(options = {}) {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 5066;
  const accounts = new Map(Object.entries(options.accounts ?? {}));
  const users = new Set([...(options.users ?? DEFAULT_USERS), ...accounts.keys()]);
  const password = options.password ?? DEFAULT_PASSWORD;
  const guestTargets = new Set(options.guestTargets ?? DEFAULT_GUEST_TARGETS);
  const ephemeralSecret = options.ephemeralSecret ?? DEV_EPHEMERAL_SECRET;
  const log = options.log ?? (() => {});
  const secret = randomBytes(16).toString('hex');
  const selfUri = `sip:${host}:${port};transport=ws;lr`;
  const ports = [port, ...(options.edges ?? [])];

  /** user -> { socket, contact, expiresAt } */
  const registrations = new Map();
  /**
   * contact `user@host` -> socket. JsSIP picks one random `*.invalid` host per page, so two phones
   * in one page share it and differ only in the user part.
   */
  const contacts = new Map();
  /** socket id -> socket */
  const sockets = new Map();
  let nextSocketId = 1;
  // `responses`: the last responses phones sent (status and method), for the tests.
  const stats = { received: 0, sent: 0, registers: 0, invites: 0, responses: [] };

  const makeNonce = () => {
    const ts = Date.now().toString(16);
    return `${ts}.${createHmac('sha256', secret).update(ts).digest('hex').slice(0, 24)}`;
  };
  const nonceValid = nonce => {
    const [ts, mac] = String(nonce).split('.');
    if (!ts || !mac) return false;
    if (createHmac('sha256', secret).update(ts).digest('hex').slice(0, 24) !== mac) return false;
    return Date.now() - parseInt(ts, 16) < NONCE_LIFETIME_MS;
  };

  const send = (socket, text) => {
    if (socket.readyState !== socket.OPEN) return false;
    stats.sent++;
    log(`>> ${socket.fsId} ${text.split('\r\n', 1)[0]}`);
    socket.send(text);
    return true;
  };

  /** Builds a response to `req` generated here (not proxied). */
  const reply = (socket, req, code, reason, extra = []) => {
    if (req.method === 'ACK') return;
    const h = [`SIP/2.0 ${code} ${reason}`];
    for (const v of req.getHeaders('via')) h.push(`Via: ${v}`);
    h.push(`From: ${req.getHeader('from')}`);
    let to = req.getHeader('to');
    if (!req.to_tag && code > 100) to += `;tag=${LOCAL_TAG_PREFIX}${md5(req.call_id + req.from_tag).slice(0, 10)}`;
    h.push(`To: ${to}`);
    h.push(`Call-ID: ${req.call_id}`);
    h.push(`CSeq: ${req.cseq} ${req.method}`);
    for (const e of extra) h.push(e);
    h.push('Server: fs-video-phone dev SIP server');
    h.push('Content-Length: 0');
    send(socket, h.join('\r\n') + '\r\n\r\n');
  };

  /** Digest check; replies with a challenge and returns false when the request is not authorised. */
  const authorised = (socket, req, user, realm) => {
    const proxy = req.method !== 'REGISTER';
    const header = req.getHeader(proxy ? 'proxy-authorization' : 'authorization');
    const creds = parseDigest(header);
    const challenge = () => reply(socket, req, proxy ? 407 : 401, proxy ? 'Proxy Authentication Required' : 'Unauthorized', [
      `${proxy ? 'Proxy-Authenticate' : 'WWW-Authenticate'}: Digest realm="${realm}", nonce="${makeNonce()}", algorithm=MD5, qop="auth"`,
    ]);
    if (!creds) { challenge(); return false; }
    // Short-lived credentials: `<expiry>:<user>` with the password the shared secret gives it.
    const ephemeral = /^(\d+):(.+)$/.exec(creds.username ?? '');
    const expired = ephemeral && Number(ephemeral[1]) * 1000 <= Date.now();
    if ((ephemeral ? ephemeral[2] : creds.username) !== user || !users.has(user) || expired) { reply(socket, req, 403, 'Forbidden'); return false; }
    if (!nonceValid(creds.nonce)) { challenge(); return false; }
    const known = ephemeral ? ephemeralPassword(creds.username, ephemeralSecret) : accounts.get(user) ?? password;
    const ha1 = md5(`${creds.username}:${creds.realm}:${known}`);
    const ha2 = md5(`${req.method}:${creds.uri}`);
    const expected = creds.qop
      ? md5(`${ha1}:${creds.nonce}:${creds.nc}:${creds.cnonce}:${creds.qop}:${ha2}`)
      : md5(`${ha1}:${creds.nonce}:${ha2}`);
    if (expected !== creds.response) { reply(socket, req, 403, 'Forbidden'); return false; }
    return true;
  };

  const handleRegister = (socket, req) => {
    stats.registers++;
    const user = req.to.uri.user;
    const realm = req.ruri.host;
    if (!user || !users.has(user)) return reply(socket, req, 403, 'Forbidden');
    if (!authorised(socket, req, user, realm)) return;
    const contactRaw = req.getHeader('contact');
    let expires = parseInt(req.getHeader('expires') ?? '600', 10);
    let contact = null;
    if (contactRaw && contactRaw.trim() !== '*') {
      contact = req.parseHeader('contact', 0);
      const e = contact?.getParam?.('expires');
      if (e !== undefined && e !== null) expires = parseInt(e, 10);
    }
    if (!contact || expires === 0) {
      const existing = registrations.get(user);
      if (existing && existing.socket === socket) registrations.delete(user);
      reply(socket, req, 200, 'OK');
      return presence.registration(user);
    }
    expires = Math.min(Math.max(expires, 60), 3600);
    registrations.set(user, { socket, contact: contact.uri, expiresAt: Date.now() + expires * 1000 });
    socket.fsUsers.add(user);
    contacts.set(contactKey(contact.uri), socket);
    reply(socket, req, 200, 'OK', [`Contact: <${contact.uri.toString()}>;expires=${expires}`]);
    presence.registration(user);
  };

  /** Dialog, presence and message-summary notifications (dev/presence.mjs). */
  const presence = notifier({
    host, port, domain: host, send, reply,
    tagOf: req => `${LOCAL_TAG_PREFIX}${md5(req.call_id + req.from_tag).slice(0, 10)}`,
    registered: user => !!lookup(user),
  });

  const lookup = user => {
    const r = registrations.get(user);
    if (!r) return null;
    if (r.expiresAt < Date.now() || r.socket.readyState !== r.socket.OPEN) {
      registrations.delete(user);
      return null;
    }
    return r;
  };

  /** Forwards a request to `target` socket, adding our Via (and Record-Route on dialog-creating INVITEs). */
  const forward = (fromSocket, req, target, requestUri, popRoute) => {
    const headers = req.headers;
    const clientBranch = req.via_branch || '';
    // Stateless proxy branch (RFC 3261 16.11): derived from the incoming branch so that a CANCEL
    // or the ACK of a failed INVITE carries the same branch as the INVITE it refers to.
    const branch = `z9hG4bK${md5(`${clientBranch}:${fromSocket.fsId}`).slice(0, 16)}`;
    const via = { raw: `SIP/2.0/WS ${host}:${port};branch=${branch};fsid=${fromSocket.fsId}` };
    const maxForwards = parseInt(req.getHeader('max-forwards') ?? '70', 10);
    if (maxForwards <= 0) return reply(fromSocket, req, 483, 'Too Many Hops');
    const out = { Via: [via, ...(headers.Via || [])] };
    for (const [name, values] of Object.entries(headers)) {
      if (name === 'Via') continue;
      if (name === 'Route' && popRoute) {
        const rest = values.slice(1);
        if (rest.length) out[name] = rest;
        continue;
      }
      out[name] = name === 'Max-Forwards' ? [{ raw: String(maxForwards - 1) }] : values;
    }
    if (req.method === 'INVITE' && !req.to_tag) out['Record-Route'] = [{ raw: `<${selfUri}>` }, ...(headers['Record-Route'] || [])];
    send(target, serialise(`${req.method} ${requestUri} SIP/2.0`, out, req.body));
  };

  const contactKey = uri => `${uri.user ?? ''}@${uri.host}`;
  const isSelf = uri => uri && (uri.host === host || uri.host === 'localhost') && ports.includes(uri.port ?? 5060) && !uri.user;

  const handleRequest = (socket, req) => {
    if (req.method === 'INVITE') stats.invites++;
    if (req.from?.uri?.user && req.getHeader('contact')) {
      try { contacts.set(contactKey(req.parseHeader('contact', 0).uri), socket); } catch { /* no usable Contact */ }
    }
    if (req.method === 'REGISTER') return handleRegister(socket, req);
    // Subscriptions are ours to serve (a user's own, authenticated); a PUBLISH comes from a voicemail server.
    if (req.method === 'PUBLISH') return presence.publish(socket, req);
    if (req.method === 'SUBSCRIBE') {
      if (!req.to_tag && !authorised(socket, req, req.from.uri.user, req.from.uri.host)) return;
      return presence.subscribe(socket, req);
    }

    // In-dialog (or strict-routed) request: follow the Route set we recorded.
    const routes = req.getHeaders('route');
    let popRoute = false;
    if (routes.length) {
      const top = Grammar.parse(routes[0], 'Route');
      const routeUri = top !== -1 ? (Array.isArray(top) ? top[0] : top)?.uri ?? null : null;
      if (routeUri && isSelf(routeUri)) popRoute = true;
    }
    if (req.to_tag) {
      if (req.method === 'ACK' && req.to_tag.startsWith(LOCAL_TAG_PREFIX)) return; // ACK of our own 4xx
      const target = contacts.get(contactKey(req.ruri)) ?? lookup(req.ruri.user)?.socket;
      // The far end's connection is gone (it may be reconnecting): unreachable for now, not a dialog
      // that does not exist (481 would end the call at the sender).
      if (!target || target.readyState !== target.OPEN) return reply(socket, req, 480, 'Temporarily Unavailable');
      presence.request(req);
      return forward(socket, req, target, req.ruri.toString(), popRoute);
    }

    // Out of dialog: INVITE, MESSAGE, OPTIONS, CANCEL, and the ACK of a failed INVITE.
    if (req.method === 'OPTIONS' && !req.ruri.user) {
      return reply(socket, req, 200, 'OK', ['Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, MESSAGE, INFO, UPDATE, REGISTER']);
    }
    const caller = req.from.uri.user;
    if (req.method === 'INVITE' || req.method === 'MESSAGE') {
      // A guest (none of our users, no credentials): an INVITE to a guest number goes through
      // unauthenticated; anything else is refused and never rings.
      if (!users.has(caller) && !req.getHeader('proxy-authorization')) {
        if (flooding(socket.fsAddress)) return reply(socket, req, 503, 'Too Many Requests From Your Address');
        if (req.method !== 'INVITE' || !guestTargets.has(req.ruri.user)) return reply(socket, req, 403, 'Forbidden');
      } else if (!authorised(socket, req, caller, req.from.uri.host)) return;
    }
    const callee = req.ruri.user;
    const reg = callee ? lookup(callee) : null;
    if (!reg) {
      if (req.method === 'ACK' || req.method === 'CANCEL') {
        if (req.method === 'CANCEL') reply(socket, req, 481, 'Call/Transaction Does Not Exist');
        return;
      }
      if (callee && users.has(callee)) return reply(socket, req, 480, 'Temporarily Unavailable');
      return reply(socket, req, 404, 'Not Found');
    }
    presence.request(req);
    // An intercom call's `intercom=true` goes on to the callee, as FreeSWITCH's own INVITE carries it.
    const ruri = reg.contact.clone();
    if (req.ruri.hasParam('intercom')) ruri.setParam('intercom', req.ruri.getParam('intercom'));
    forward(socket, req, reg.socket, ruri.toString(), popRoute);
  };

  /**
   * Guest floods: more than GUEST_BURST guest requests from one address within two seconds, and
   * that address gets 503 for four seconds after (like pike in Kamailio's test setup).
   */
  const floods = new Map();
  const flooding = address => {
    const now = Date.now();
    const f = floods.get(address) ?? { times: [], until: 0 };
    floods.set(address, f);
    f.times = [...f.times.filter(t => now - t < 2000), now];
    if (f.times.length > GUEST_BURST) f.until = now + 4000;
    return now < f.until;
  };

  const handleResponse = (socket, res) => {
    const vias = res.headers.Via || [];
    const top = vias[0]?.raw ?? '';
    const m = /;fsid=(\d+)/.exec(top);
    if (!m || !top.includes(`${host}:${port}`)) return; // not ours: drop
    const target = sockets.get(Number(m[1]));
    if (!target) return;
    presence.response(res);
    const out = { ...res.headers, Via: vias.slice(1) };
    // A room's answer says it is one (RFC 4579), as FreeSWITCH's rooms with `rfc-4579` do.
    if (res.method === 'INVITE' && res.status_code < 300 && presence.toRoom(res.call_id) && out.Contact) out.Contact = [{ raw: `${out.Contact[0].raw};isfocus` }];
    send(target, serialise(`SIP/2.0 ${res.status_code} ${res.reason_phrase}`, out, res.body));
  };

  /** port -> its WebSocket server, while open */
  const listeners = new Map();
  const openPort = async p => {
    if (listeners.has(p)) return;
    const wss = new WebSocketServer({ host, port: p, handleProtocols: protocols => (protocols.has('sip') ? 'sip' : false) });
    wss.on('connection', (socket, request) => {
      socket.fsAddress = request.socket.remoteAddress;
      accept(socket, p);
    });
    await new Promise((resolve, reject) => {
      wss.once('listening', resolve);
      wss.once('error', reject);
    });
    listeners.set(p, wss);
  };
  /** Drops every connection of port `p` at once (no closing handshake, as when a server dies) and stops listening. */
  const closePort = p => new Promise(resolve => {
    const wss = listeners.get(p);
    if (!wss) return resolve();
    listeners.delete(p);
    for (const s of wss.clients) s.terminate();
    wss.close(() => resolve());
  });

  const accept = (socket, localPort) => {
    socket.fsId = nextSocketId++;
    socket.fsPort = localPort;
    socket.fsUsers = new Set();
    sockets.set(socket.fsId, socket);
    log(`ws ${socket.fsId} open`);
    socket.on('message', data => {
      const text = data.toString('utf8');
      if (!text.trim()) return; // CRLF keep-alive
      stats.received++;
      let msg;
      try { msg = Parser.parseMessage(text, null); } catch { msg = null; }
      if (!msg) { log(`<< ${socket.fsId} unparseable message dropped`); return; }
      log(`<< ${socket.fsId} ${text.split('\r\n', 1)[0]}`);
      try {
        // A parsed response also carries `method` (from its CSeq): tell them apart by status.
        if (msg.status_code) {
          stats.responses = [...stats.responses.slice(-19), `${msg.status_code} ${msg.method}`];
          handleResponse(socket, msg);
        }
        else handleRequest(socket, msg);
      } catch (err) {
        log(`error handling message: ${err && err.stack}`);
        if (!msg.status_code) reply(socket, msg, 500, 'Server Internal Error');
      }
    });
    socket.on('close', () => {
      sockets.delete(socket.fsId);
      for (const [user, r] of registrations) if (r.socket === socket) registrations.delete(user);
      for (const [h, s] of contacts) if (s === socket) contacts.delete(h);
      log(`ws ${socket.fsId} closed`);
    });
    socket.on('error', () => {});
  };

  for (const p of ports) await openPort(p);

  return {
    host,
    port,
    url: `ws://${host}:${port}`,
    stats,
    registered: () => [...registrations.keys()].filter(u => lookup(u)),
    /** Open WebSocket connections right now (of those that ever registered one of `users`, when given). */
    openSockets: users => (users ? [...sockets.values()].filter(s => users.some(u => s.fsUsers.has(u))).length : sockets.size),
    /** The port each registered user's connection came in on (user -> port). */
    portsOf: () => Object.fromEntries([...registrations].filter(([u]) => lookup(u)).map(([u, r]) => [u, r.socket.fsPort])),
    openPort,
    closePort,
    /**
     * Test hook: sends `text` as it is (no parsing, no fixing) to the connection `user` registered
     * from. Returns false when the user is not registered.
     */
    inject: (user, text) => {
      const r = lookup(user);
      return r ? send(r.socket, text) : false;
    },
    /** The contact a user registered, e.g. to address crafted requests to it. */
    contactOf: user => lookup(user)?.contact.toString() ?? null,
    /** Test hook: a NOTIFY with `body` as it is, on every `event` subscription to `user`. */
    notifyRaw: (user, event, body) => presence.raw(user, event, body),
    /** Test hook: a user's voicemail counts (its message-summary watchers are told). */
    voicemail: (user, fresh, old) => presence.voicemail(user, fresh, old),
    /** Test hook: a room member joins, leaves or changes (see dev/presence.mjs). */
    room: (room, user, change) => presence.room(room, user, change),
    /** Subscriptions in force (of one event package, when given), and the longest expiry granted (s). */
    subscriptions: event => presence.count(event),
    presenceSettings: presence.settings,
    close: () => Promise.all([...listeners.keys()].map(closePort)),
  };
}
