// The reference token endpoint for short-lived SIP credentials (docs/public-pages.md): what a
// site's back end answers to `credentials-url`. The SIP server and the back end share a secret;
// the username is `<expiry>:<user>` (the Unix time the credentials end) and the password is the
// base64 HMAC-SHA1 of that username under the secret. Kamailio's auth_ephemeral module and the
// TURN REST convention check exactly this, with no database and no call to the back end.
//
// Mount `credentialsHandler()` on your own server behind your own sign-in: it must only answer
// people your site already trusts (here: a session cookie the page was given).
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The development and test servers' shared secret (Kamailio's test configuration has it too). */
export const DEV_EPHEMERAL_SECRET = 'fs-video-phone-dev-ephemeral-secret';

/** `{ username, password, expires }` for `user`, valid for `ttl` seconds from `now` (ms). */
export function issueCredentials(user, { secret = DEV_EPHEMERAL_SECRET, ttl = 3600, now = Date.now() } = {}) {
  const username = `${Math.floor(now / 1000) + ttl}:${user}`;
  return { username, password: ephemeralPassword(username, secret), expires: ttl };
}

/** The password of an ephemeral `username`. */
export const ephemeralPassword = (username, secret = DEV_EPHEMERAL_SECRET) => createHmac('sha1', secret).update(username).digest('base64');

/**
 * The user an ephemeral username stands for, if it has not expired and its password is right;
 * else null. (What the SIP server does, for the development server; Kamailio does it itself.)
 */
export function ephemeralUser(username, password, { secret = DEV_EPHEMERAL_SECRET, now = Date.now() } = {}) {
  const m = /^(\d+):(.+)$/.exec(String(username));
  if (!m || Number(m[1]) * 1000 <= now) return null;
  const want = Buffer.from(ephemeralPassword(username, secret));
  const got = Buffer.from(String(password));
  return want.length === got.length && timingSafeEqual(want, got) ? m[2] : null;
}

/**
 * An HTTP handler (Node's `(req, res)`) answering credentials as JSON to a visitor that has a
 * session: `userOf(req)` says which SIP user the visitor may be (or null: 401). The answer is
 * never cached. `ttl` defaults to an hour; the phone fetches new ones after four fifths of it.
 */
export function credentialsHandler({ userOf, secret = DEV_EPHEMERAL_SECRET, ttl = 3600 }) {
  return (req, res) => {
    const user = userOf(req);
    const head = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' };
    if (!user) return res.writeHead(401, head).end('{"error":"sign in first"}');
    res.writeHead(200, head).end(JSON.stringify(issueCredentials(user, { secret, ttl: typeof ttl === 'function' ? ttl(req) : ttl })));
  };
}

/** A cookie's value from a request's Cookie header. */
export const cookie = (req, name) => new RegExp(`(?:^|;\\s*)${name}=([^;]*)`).exec(req.headers.cookie ?? '')?.[1] ?? null;
