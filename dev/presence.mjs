// The development server's notifier (RFC 6665): what FreeSWITCH with `manage-presence` and
// Kamailio's presence modules give a browser phone, for the demo and the tests.
//  - `dialog` (RFC 4235): each user's calls as the server routes them (trying → early → confirmed
//    → terminated), full documents with a version that counts up, with the call's Call-ID and tags;
//  - `presence` (RFC 3856): open / closed (registered or not) with RPID `on-the-phone` in a call;
//  - `message-summary` (RFC 3842): each user's voicemail counts, set by the test hook or a PUBLISH;
//  - `conference` (RFC 4575): who is in a room (3500-3599: a phone registered as the room answers
//    its calls), full documents as FreeSWITCH 1.11 builds them, with talking and the video floor
//    added (FreeSWITCH says neither); the test hook adds members and changes what they do.
import { randomBytes } from 'node:crypto';

const TYPES = { dialog: 'application/dialog-info+xml', presence: 'application/pidf+xml', 'message-summary': 'application/simple-message-summary', conference: 'application/conference-info+xml' };
/** The numbers that are conference rooms. */
export const isRoom = user => /^35\d\d$/.test(user ?? '');
const xml = s => String(s).replace(/[<>&"]/g, c => `&#${c.charCodeAt(0)};`);

/**
 * `send(socket, text)` and `reply(socket, req, code, reason, extra)` are the server's; `tagOf(req)`
 * the To tag its replies give; `registered(user)` whether a user is registered.
 */
export function notifier({ host, port, domain, send, reply, tagOf, registered }) {
  /** Subscriptions by Call-ID: watcher's socket, contact and tag, the user watched, the package. */
  const subs = new Map();
  /** Calls the server routed, by Call-ID. */
  const calls = new Map();
  const boxes = new Map();
  /** Each room's members beyond the calls it answered (the test hook's), and what every member does, by room and member. */
  const rooms = new Map();
  /** `silentRooms`: room subscriptions are accepted and never notified, as FreeSWITCH does over WebSocket. */
  const settings = { expires: 600, silentRooms: false };

  const body = (user, event, version) => {
    if (event === 'message-summary') {
      const box = boxes.get(user) ?? { new: 0, old: 0 };
      return `Messages-Waiting: ${box.new ? 'yes' : 'no'}\r\nMessage-Account: sip:${user}@${domain}\r\nVoice-Message: ${box.new}/${box.old}\r\n`;
    }
    if (event === 'conference') return roomInfo(user, version);
    const mine = [...calls.values()].filter(c => c.state !== 'terminated' && (c.caller === user || c.callee === user));
    if (event === 'presence') {
      return `<?xml version="1.0"?>\n<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" entity="sip:${user}@${domain}"><tuple id="t1"><status><basic>${registered(user) ? 'open' : 'closed'}</basic></status></tuple>${mine.length ? '<rpid:person id="p1"><rpid:activities><rpid:on-the-phone/></rpid:activities></rpid:person>' : ''}</presence>`;
    }
    const dialogs = mine.map(c => {
      const callee = c.callee === user;
      const [local, remote] = callee ? [c.toTag, c.fromTag] : [c.fromTag, c.toTag];
      const other = callee ? c.caller : c.callee;
      return `<dialog id="${xml(c.callId)}" call-id="${xml(c.callId)}"${local ? ` local-tag="${xml(local)}"` : ''}${remote ? ` remote-tag="${xml(remote)}"` : ''} direction="${callee ? 'recipient' : 'initiator'}"><state>${c.state}</state><remote><identity>sip:${xml(other)}@${domain}</identity></remote></dialog>`;
    });
    return `<?xml version="1.0"?>\n<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="${version}" state="full" entity="sip:${user}@${domain}">${dialogs.join('')}</dialog-info>`;
  };

  const roomOf = user => {
    if (!rooms.has(user)) rooms.set(user, new Map());
    return rooms.get(user);
  };
  /** A room's conference-info: its calls' callers and the hook's members, each with audio and video. */
  const roomInfo = (room, version) => {
    const members = roomOf(room);
    for (const c of calls.values()) if (c.callee === room && c.state === 'confirmed' && !members.has(c.caller)) members.set(c.caller, { name: c.callerName || c.caller, call: c.callId });
    for (const [user, m] of members) if (m.call && calls.get(m.call)?.state !== 'confirmed') members.delete(user);
    const medium = (id, type, off) => `<media id="${id}"><type>${type}</type><status>${off}</status></media>`;
    const users = [...members].map(([user, m], i) => `<user state="full" entity="sip:${xml(user)}@${domain}"><display-text>${xml(m.name)}</display-text><endpoint entity="sip:${xml(user)}@${domain}"><display-text>${xml(m.name)}</display-text><status>connected</status>${
      medium(`${i}a`, 'audio', m.muted && m.deaf ? 'inactive' : m.muted ? 'recvonly' : m.deaf ? 'sendonly' : 'sendrecv')}${medium(`${i}v`, 'video', m.videoMuted ? 'recvonly' : 'sendrecv')}${
      m.talking ? '<talking xmlns="urn:fs-video-phone:conference">true</talking>' : ''}${m.floor ? '<floor xmlns="urn:fs-video-phone:conference">true</floor>' : ''}</endpoint></user>`);
    return `<?xml version="1.0"?>\n<conference-info version="${version + 1}" state="full" xmlns="urn:ietf:params:xml:ns:conference-info" entity="sip:${room}@${domain}"><conference-description><display-text>FreeSWITCH Conference</display-text></conference-description><conference-state><user-count>${members.size}</user-count><active>true</active></conference-state><users>${users.join('')}</users></conference-info>`;
  };

  const notify = (s, state = `active;expires=${Math.max(1, Math.round((s.until - Date.now()) / 1000))}`, raw = null) => {
    const text = raw ?? body(s.user, s.event, s.version++);
    return send(s.socket, [
      `NOTIFY ${s.contact} SIP/2.0`,
      `Via: SIP/2.0/WS ${host}:${port};branch=z9hG4bK${randomBytes(6).toString('hex')}`,
      'Max-Forwards: 70',
      `From: <sip:${s.user}@${domain}>;tag=${s.tag}`,
      `To: ${s.to}`,
      `Call-ID: ${s.callId}`,
      `CSeq: ${s.cseq++} NOTIFY`,
      `Contact: <sip:${host}:${port};transport=ws>`,
      `Event: ${s.event}`,
      `Subscription-State: ${state}`,
      `Content-Type: ${TYPES[s.event]}`,
      `Content-Length: ${Buffer.byteLength(text)}`,
      '',
      text,
    ].join('\r\n'));
  };

  const changed = user => {
    for (const s of subs.values()) if (s.user === user && s.socket.readyState === s.socket.OPEN) notify(s);
  };

  return {
    settings,
    /** SUBSCRIBE (new, refresh or end): 200 and a NOTIFY with the state now; 489 for other packages. */
    subscribe(socket, req) {
      const event = String(req.getHeader('event') ?? '').split(';')[0].trim();
      if (!TYPES[event]) return reply(socket, req, 489, 'Bad Event', [`Allow-Events: ${Object.keys(TYPES).join(', ')}`]);
      let s = subs.get(req.call_id);
      if (req.to_tag && !s) return reply(socket, req, 481, 'Subscription Does Not Exist');
      const asked = parseInt(req.getHeader('expires') ?? '600', 10);
      const expires = Math.min(Number.isFinite(asked) ? asked : 600, settings.expires);
      if (!s) {
        const contact = req.parseHeader('contact', 0)?.uri?.toString();
        if (!contact) return reply(socket, req, 400, 'Missing Contact');
        s = { socket, contact, user: req.ruri.user, event, callId: req.call_id, tag: tagOf(req), to: req.getHeader('from'), cseq: 1, version: 0 };
        subs.set(req.call_id, s);
      }
      s.socket = socket;
      s.until = Date.now() + expires * 1000;
      reply(socket, req, 200, 'OK', [`Expires: ${expires}`, `Contact: <sip:${host}:${port};transport=ws>`]);
      if (event === 'conference' && settings.silentRooms) return;
      if (expires > 0) return notify(s);
      subs.delete(req.call_id);
      notify(s, 'terminated;reason=timeout');
    },
    /** PUBLISH of a message summary (a voicemail server's): the box's counts, to its watchers. */
    publish(socket, req) {
      const counts = /voice-message:\s*(\d+)\/(\d+)/i.exec(String(req.body ?? ''));
      if (!counts || !/message-summary/i.test(req.getHeader('event') ?? '')) return reply(socket, req, 489, 'Bad Event');
      reply(socket, req, 200, 'OK', ['Expires: 3600', `SIP-ETag: ${randomBytes(4).toString('hex')}`]);
      this.voicemail(req.ruri.user, +counts[1], +counts[2]);
    },
    /** Test hook and PUBLISH: a user's voicemail counts. */
    voicemail(user, fresh, old = 0) {
      boxes.set(user, { new: fresh, old });
      changed(user);
    },
    /** A request the server routes: a new INVITE is a call (trying), a BYE or CANCEL ends one. */
    request(req) {
      if (req.method === 'INVITE' && !req.to_tag && req.ruri.user) {
        calls.set(req.call_id, { callId: req.call_id, caller: req.from.uri.user, callerName: req.from.display_name, callee: req.ruri.user, fromTag: req.from_tag, toTag: '', state: 'trying' });
        changed(req.from.uri.user);
        changed(req.ruri.user);
      } else if (req.method === 'BYE' || req.method === 'CANCEL') this.end(req.call_id);
    },
    /** A response the server passes on: an INVITE's 18x makes its call early, 2xx confirmed, ≥300 ends it. */
    response(res) {
      const c = calls.get(res.call_id);
      if (!c || res.method !== 'INVITE' || res.status_code < 101 || c.state === 'terminated') return;
      if (res.status_code >= 300) return this.end(res.call_id);
      const state = res.status_code < 200 ? 'early' : 'confirmed';
      if (state === c.state && c.toTag) return;
      Object.assign(c, { state, toTag: res.to_tag ?? c.toTag });
      changed(c.caller);
      changed(c.callee);
    },
    end(callId) {
      const c = calls.get(callId);
      if (!c) return;
      calls.delete(callId);
      c.state = 'terminated';
      changed(c.caller);
      changed(c.callee);
    },
    /** Whether a call is to a room (its answer's Contact gets `isfocus`, RFC 4579). */
    toRoom: callId => isRoom(calls.get(callId)?.callee),
    /**
     * Test hook: a member of `room` joins (`{name}`), leaves (`{leave: true}`) or changes what it
     * does (`muted`, `deaf`, `videoMuted`, `talking`, `floor`); user `*` empties the room of all but
     * its calls. Its watchers are told.
     */
    room(room, user, change) {
      const members = roomOf(room);
      if (user === '*') members.clear(); // (everyone the hook added goes; the room's calls stay)
      else if (change.leave) members.delete(user);
      else members.set(user, { name: user, ...members.get(user), ...change });
      changed(room);
    },
    /** Test hook: `text` as the body of a NOTIFY on every `event` subscription to `user` (`{v+N}`, `{v-N}`: see below). */
    raw(user, event, text) {
      let n = 0;
      for (const s of subs.values()) {
        if (s.user !== user || s.event !== event || s.socket.readyState !== s.socket.OPEN) continue;
        // `{v+N}`, `{v-N}`: the version of the last room document sent, plus or minus N; its own documents go on after.
        const used = [];
        const body = text.replace(/\{v([+-]\d+)\}/g, (_, k) => String(used[used.length] = s.version + Number(k)));
        s.version = Math.max(s.version, ...used);
        n += notify(s, undefined, body) ? 1 : 0;
      }
      return n;
    },
    /** A user registered or went: its `presence` watchers hear it. */
    registration(user) {
      for (const s of subs.values()) if (s.user === user && s.event === 'presence' && s.socket.readyState === s.socket.OPEN) notify(s);
    },
    /** Subscriptions in force (of `event`, when given). */
    count: event => [...subs.values()].filter(s => (!event || s.event === event) && s.until > Date.now()).length,
  };
}
