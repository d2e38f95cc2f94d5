import { URI } from './jssip.js';
import { PhoneError } from './errors.js';
import { fromUrl } from './sign-in.js';
import type { CredentialsSource } from './sign-in.js';
import type { Contact, DtmfMode } from './types.js';

/** What a page gives a phone: attributes and properties of `<fs-video-phone>`. */
export interface PhoneOptions {
  sipUri?: string | null;
  wsUrl?: string | null;
  password?: string | null;
  /** MD5(user:realm:password), with `realm`, instead of a clear-text password. */
  ha1?: string | null;
  realm?: string | null;
  displayName?: string | null;
  authorizationUser?: string | null;
  /** RTCIceServer objects, or a space-separated list of `stun:`/`turn:` URLs. */
  iceServers?: RTCIceServer[] | string | null;
  /** `relay`: media only through a TURN server of `iceServers`; `all` (default): any path. */
  iceTransportPolicy?: string | null;
  dtmfMode?: string | null;
  iceGatheringTimeout?: number | null;
  manualRegister?: boolean;
  /**
   * `shared` (default): of the tabs of one browser with this account, one registers and rings; the
   * others wait (registration state `elsewhere`) and `useHere()` moves it. `independent`: each tab
   * registers on its own.
   */
  multiTab?: string | null;
  /**
   * Calls without an account: no password, no registration; From is an anonymous guest with the
   * display name, and no call comes in. For public pages (see docs/public-pages.md).
   */
  guest?: boolean;
  /**
   * Instead of a password: the page's back end URL that answers short-lived credentials as JSON
   * (`SignInDetails`), fetched with the page's cookies and again before they expire.
   */
  credentialsUrl?: string | null;
  /** Instead of a password or `credentialsUrl`: an async function giving the credentials. */
  credentials?: CredentialsSource | null;
  /** Seconds an outgoing call may ring before it is given up (`no-answer`). */
  noAnswerTimeout?: number | null;
  /** Milliseconds to wait for camera/microphone permission before giving up. */
  mediaTimeout?: number | null;
  /** Delays (ms) of the outgoing video keyframe refreshes after a media change, or "off". */
  keyframeRefresh?: string | null;
  /** How many calls the phone holds at once (ringing, connected or on hold); 1 = busy while in a call. */
  maxCalls?: number | null;
  /** Video codecs to prefer, in order (e.g. "VP8 H264"); the others stay as fallbacks. */
  videoCodecs?: string | null;
  /** Camera capture size, "WIDTHxHEIGHT" (default "1280x720"). */
  videoSize?: string | null;
  /** Upper limit of the video we send, kbit/s (0 or unset: the browser decides). */
  maxVideoBitrate?: number | null;
  /** Milliseconds between `stats` events (0 or unset: none). */
  statsInterval?: number | null;
  /**
   * Seconds a call survives a reload of the page (or a move to another page of the site in this
   * tab): the page that comes back takes it over (INVITE with Replaces). Also how long the far
   * end's phone keeps a call whose media stopped. 0: off.
   */
  rejoinWithin?: number | null;
  /**
   * Colleagues whose lamps the phone shows: space-separated numbers or addresses, each with an
   * optional name (`1001 1002;name="Front desk"`), or an array of `{uri, name}`.
   */
  contacts?: string | Contact[] | null;
  /** The event package the lamps subscribe to: `dialog` (RFC 4235, default) or `presence` (RFC 3856). */
  presence?: string | null;
  /** The SIP status calls get while do-not-disturb is on (default 486 Busy Here). */
  dndCode?: number | null;
}

/** One SIP server's WebSocket URL and its weight. */
export interface WsServer {
  url: string;
  weight: number;
}

/** Who a guest is in From: nobody in particular (RFC 3323), with the display name. */
export const GUEST_URI = 'sip:guest@anonymous.invalid';

/** A validated configuration, ready for the SIP user agent. */
export interface PhoneConfig {
  uri: string;
  user: string;
  domain: string;
  /** As given: one or more WebSocket URLs, separated by spaces or commas. */
  wsUrl: string;
  /** The WebSocket servers to use, each with its weight (higher first, equal ones at random). */
  servers: WsServer[];
  password: string;
  ha1: string;
  realm: string;
  displayName: string;
  authorizationUser: string;
  iceServers: RTCIceServer[];
  iceTransportPolicy: RTCIceTransportPolicy;
  dtmfMode: DtmfMode;
  iceGatheringTimeout: number;
  manualRegister: boolean;
  multiTab: 'shared' | 'independent';
  guest: boolean;
  /** Where short-lived credentials come from, or null; `user` and `uri` follow them when no sip-uri was given. */
  signIn: CredentialsSource | null;
  credentialsUrl: string;
  userFromCredentials: boolean;
  noAnswerTimeout: number;
  mediaTimeout: number;
  keyframeRefresh: number[];
  maxCalls: number;
  videoCodecs: string[];
  videoSize: readonly [number, number];
  maxVideoBitrate: number;
  statsInterval: number;
  rejoinWithin: number;
  /** As given (the phone reads them with `parseContacts`). */
  contacts: string | Contact[] | null;
  presence: 'dialog' | 'presence';
  dndCode: number;
}

/**
 * FreeSWITCH-safe defaults.
 * - Session timers are off: JsSIP proposes Session-Expires 90, FreeSWITCH demands Min-SE 120 and
 *   answers 422, which JsSIP does not retry, so every call would fail.
 * - ICE gathering is cut short after this many milliseconds: JsSIP otherwise waits for gathering
 *   to complete, which takes 10-40 s when a configured STUN/TURN server does not answer.
 * - DTMF goes as RTP telephone-events, which FreeSWITCH, Asterisk and rtpengine all pass on.
 */
export const DEFAULTS = {
  iceGatheringTimeout: 1000,
  /** Quiet period after the last candidate before the offer/answer leaves. */
  iceSettleMs: 100,
  /** The same with no STUN or TURN server configured (see iceSettleMs). */
  iceHostSettleMs: 20,
  dtmfMode: 'rfc2833' as DtmfMode,
  registerExpires: 600,
  /**
   * Reconnection back-off bounds in seconds. JsSIP's own (2-30 s, randomised) can leave a phone
   * unregistered for half a minute after the server is back; 1-3 s re-registers within ~3 s and
   * still makes at most one connection attempt per second while the server is down.
   */
  reconnectMinSeconds: 1,
  reconnectMaxSeconds: 3,
  noAnswerTimeout: 60,
  /** A permission prompt nobody answers must not leave a call hanging for ever. */
  mediaTimeout: 30000,
  /**
   * When the outgoing video sends a fresh keyframe again after a call connects or its media
   * changes (ms). Through a B2BUA such as FreeSWITCH the first keyframe can leave before the far
   * leg's DTLS is up and get lost, and the far end's picture-loss requests are barely passed on:
   * black video for ~4 s. A short pause of the encoder makes the browser start with a keyframe.
   */
  keyframeRefresh: [400, 1200] as readonly number[],
  /** Two lines: a second call can ring, be answered and swapped with the first (call waiting). */
  maxCalls: 2,
  /** Camera capture size: 720p where the camera has it. */
  videoSize: [1280, 720] as readonly [number, number],
  userAgent: 'fs-video-phone',
  /** Long enough for a reload over a slow link, short enough that a far end gone for good is let go. */
  rejoinWithin: 20,
  /** Busy Here: the caller hears busy and the server may send it to voicemail. */
  dndCode: 486,
} as const;

const ICE_URL = /^(stun|stuns|turn|turns):[^\s]+$/i;

function text(v: string | null | undefined): string {
  return typeof v === 'string' ? v.trim() : '';
}

/** A positive number no larger than `max`, or the default when unset. */
function positive(value: number | null | undefined, fallback: number, name: string, max: number): number {
  if (value === null || value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > max) {
    throw new PhoneError('invalid-option', undefined, [`${name} must be a positive number no larger than ${max}`]);
  }
  return value;
}

/**
 * One item of `ws-url`: `wss://host:port/path`, optionally followed by `;weight=N` (0-100). An
 * https page may only use ws:// towards the local machine.
 */
function parseServer(item: string, pageIsSecure: boolean): WsServer {
  const [, url = '', weight] = /^([^;]+)(?:;weight=(\d{1,3}))?$/i.exec(item) ?? [];
  let ws: URL | null;
  try { ws = new URL(url); } catch { ws = null; }
  if (!ws || (ws.protocol !== 'ws:' && ws.protocol !== 'wss:') || +weight > 100) {
    throw new PhoneError('invalid-ws-url', undefined, [`"${item}"`]);
  }
  if (ws.protocol === 'ws:' && pageIsSecure && !isLoopback(ws.hostname)) {
    throw new PhoneError('invalid-ws-url', 'insecure-ws-url', [url]);
  }
  return { url, weight: +(weight ?? 0) };
}

function secureContext(): boolean {
  return globalThis.location?.protocol === 'https:';
}

/** Browsers let an https page use ws:// to the local machine only. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127\./.test(host);
}

/** Parses a SIP URI, accepting `user@host` without a scheme. Returns null when it is not one. */
export function parseSipUri(value: string): URI | null {
  const raw = text(value);
  if (!raw) return null;
  const withScheme = /^sips?:/i.test(raw) ? raw : `sip:${raw}`;
  const uri = URI.parse(withScheme) as URI | undefined;
  return uri && uri.host ? uri : null;
}

export function parseIceServers(value: RTCIceServer[] | string | null | undefined): RTCIceServer[] {
  if (value == null || value === '') return [];
  const list: RTCIceServer[] = typeof value === 'string'
    ? value.split(/\s+/).filter(Boolean).map(urls => ({ urls }))
    : value;
  if (!Array.isArray(list)) throw new PhoneError('invalid-ice-servers', undefined, [typeof list]);
  for (const server of list) {
    const urls = server && (Array.isArray(server.urls) ? server.urls : [server.urls]);
    // A TURN server needs credentials: without them the browser refuses the whole configuration.
    if (!urls || !urls.length || !urls.every(u => typeof u === 'string' && ICE_URL.test(u) && (!/^turns?:/i.test(u) || (server.username && server.credential)))) {
      throw new PhoneError('invalid-ice-servers', undefined, [JSON.stringify(server?.urls ?? server)]);
    }
  }
  return list;
}

/**
 * Validates what a page gave. Throws a PhoneError (never anything else) naming the first
 * problem; the password never appears in a message.
 */
export function parseConfig(options: PhoneOptions, pageIsSecure = secureContext()): PhoneConfig {
  const guest = !!options.guest;
  const wsRaw = text(options.wsUrl);
  const servers = wsRaw.split(/[\s,]+/).filter(Boolean).map(item => parseServer(item, pageIsSecure));

  const credentialsUrl = text(options.credentialsUrl);
  const signIn = guest ? null : typeof options.credentials === 'function' ? options.credentials : credentialsUrl ? fromUrl(credentialsUrl) : null;
  // A guest needs no SIP URI (numbers are dialled at the server's domain), nor does a phone whose
  // credentials name its user.
  const userFromCredentials = !text(options.sipUri) && !!signIn;
  const sipUri = text(options.sipUri) || ((guest || signIn) && servers.length ? `sip:guest@${new URL(servers[0].url).hostname}` : '');
  if (!sipUri) throw new PhoneError('invalid-sip-uri', undefined, ['""']);
  const uri = parseSipUri(sipUri);
  if (!uri || !uri.user) throw new PhoneError('invalid-sip-uri', undefined, [`"${sipUri}"`]);
  if (!servers.length) throw new PhoneError('invalid-ws-url', undefined, ['""']);

  // A guest never sends credentials, whatever else the page set.
  const password = !guest && typeof options.password === 'string' ? options.password : '';
  const ha1 = guest ? '' : text(options.ha1).toLowerCase();
  const realm = text(options.realm);
  if (ha1 && !/^[0-9a-f]{32}$/.test(ha1)) throw new PhoneError('invalid-option', undefined, ['ha1 must be 32 hexadecimal digits: MD5(user:realm:password)']);
  if (ha1 && !realm) throw new PhoneError('invalid-option', undefined, ['ha1 needs realm']);
  if (!password && !ha1 && !guest && !signIn) throw new PhoneError('missing-password');

  const dtmfRaw = text(options.dtmfMode ?? '').toLowerCase() || DEFAULTS.dtmfMode;
  if (dtmfRaw !== 'rfc2833' && dtmfRaw !== 'info') {
    throw new PhoneError('invalid-option', undefined, [`dtmf-mode "${dtmfRaw}" (rfc2833 or info)`]);
  }
  const timeout = options.iceGatheringTimeout ?? DEFAULTS.iceGatheringTimeout;
  if (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout < 0 || timeout > 60000) {
    throw new PhoneError('invalid-option', undefined, ['ice-gathering-timeout (0 to 60000 ms)']);
  }

  const refreshRaw = text(options.keyframeRefresh).toLowerCase();
  const keyframeRefresh = refreshRaw === 'off' ? [] : refreshRaw ? refreshRaw.split(/[\s,]+/).map(Number) : [...DEFAULTS.keyframeRefresh];
  if (keyframeRefresh.some(d => !Number.isInteger(d) || d < 0 || d > 60000)) {
    throw new PhoneError('invalid-option', undefined, [`keyframe-refresh "${refreshRaw}" (off, or delays in ms like 400 1200)`]);
  }

  return {
    // A guest's From: anonymous (RFC 3323), with the display name the page or the visitor gave.
    uri: guest ? GUEST_URI : uri.toString(),
    user: guest ? 'guest' : userFromCredentials ? '' : uri.user,
    domain: uri.host,
    wsUrl: wsRaw,
    servers,
    password,
    ha1,
    realm,
    displayName: text(options.displayName),
    authorizationUser: text(options.authorizationUser) || uri.user,
    iceServers: parseIceServers(options.iceServers),
    iceTransportPolicy: oneOf(text(options.iceTransportPolicy).toLowerCase(), ['all', 'relay'], 'ice-transport-policy'),
    dtmfMode: dtmfRaw,
    iceGatheringTimeout: timeout,
    manualRegister: !!options.manualRegister,
    multiTab: text(options.multiTab).toLowerCase() === 'independent' ? 'independent' : 'shared',
    guest,
    signIn,
    credentialsUrl,
    userFromCredentials,
    noAnswerTimeout: positive(options.noAnswerTimeout, DEFAULTS.noAnswerTimeout, 'no-answer-timeout', 3600),
    mediaTimeout: positive(options.mediaTimeout, DEFAULTS.mediaTimeout, 'media-timeout', 600000),
    keyframeRefresh,
    maxCalls: Math.floor(positive(options.maxCalls, DEFAULTS.maxCalls, 'max-calls', 10)),
    videoCodecs: parseCodecs(text(options.videoCodecs)),
    videoSize: parseSize(text(options.videoSize)),
    maxVideoBitrate: options.maxVideoBitrate ? positive(options.maxVideoBitrate, 0, 'max-video-bitrate', 100000) : 0,
    statsInterval: options.statsInterval ? Math.max(250, positive(options.statsInterval, 0, 'stats-interval', 3600000)) : 0,
    rejoinWithin: options.rejoinWithin === 0 ? 0 : positive(options.rejoinWithin, DEFAULTS.rejoinWithin, 'rejoin-within', 600),
    contacts: options.contacts ?? null,
    presence: oneOf(text(options.presence).toLowerCase(), ['dialog', 'presence'], 'presence'),
    dndCode: dndCode(options.dndCode),
  };
}

/** A SIP status of 400-699 (default 486). */
function dndCode(value: number | null | undefined): number {
  const code = Math.floor(positive(value, DEFAULTS.dndCode, 'dnd-code', 699));
  if (code < 400) throw new PhoneError('invalid-option', undefined, ['dnd-code must be a SIP status of 400 to 699']);
  return code;
}

/** `value` when it is one of `allowed`, the first of them when empty. */
function oneOf<T extends string>(value: string, allowed: T[], name: string): T {
  if (value && !allowed.includes(value as T)) throw new PhoneError('invalid-option', undefined, [`${name} "${value}" (${allowed.join(' or ')})`]);
  return (value || allowed[0]) as T;
}

/** "VP8 h264" → ["VP8", "H264"], each one a video codec this browser has. */
function parseCodecs(value: string): string[] {
  const names = value ? value.toUpperCase().split(/[\s,]+/) : [];
  const has = globalThis.RTCRtpSender?.getCapabilities?.('video')?.codecs.map(c => c.mimeType.slice(6).toUpperCase());
  const unknown = has && names.find(n => !has.includes(n));
  if (unknown) throw new PhoneError('invalid-option', undefined, [`video-codecs: this browser has no ${unknown} (it has ${[...new Set(has)].filter(n => !/RTX|RED|FEC/.test(n)).join(' ')})`]);
  return names;
}

/** "640x360" → [640, 360]; default 720p. */
function parseSize(value: string): readonly [number, number] {
  if (!value) return DEFAULTS.videoSize;
  const m = /^(\d{2,4})x(\d{2,4})$/i.exec(value);
  if (!m) throw new PhoneError('invalid-option', undefined, [`video-size "${value}" (like 1280x720)`]);
  return [+m[1], +m[2]];
}

/**
 * Turns what a person typed into a SIP URI. A bare number or user name is dialed at the phone's
 * own domain; visual separators in phone numbers (spaces, dashes, dots, parentheses) are dropped.
 */
export function resolveTarget(target: string | null | undefined, domain: string): string {
  const raw = text(target);
  if (!raw) throw new PhoneError('invalid-target', 'no-target');
  let candidate: string;
  if (/^sips?:/i.test(raw) || raw.includes('@')) {
    candidate = raw;
  } else {
    const compact = raw.replace(/[\s().-]/g, '');
    const user = /^\+?[0-9*#]+$/.test(compact) ? compact : raw;
    if (!/^[A-Za-z0-9_.!~*'()&=+$,;?/%#-]+$/.test(user)) {
      throw new PhoneError('invalid-target', undefined, [raw]);
    }
    candidate = `${user.replace(/#/g, '%23')}@${domain}`;
  }
  const uri = parseSipUri(candidate);
  if (!uri || !uri.user) throw new PhoneError('invalid-target', undefined, [raw]);
  return uri.toString();
}

/**
 * Whether two configurations reach the server the same way. Only a difference here needs a new
 * connection and registration; the rest (DTMF mode, ICE settings) applies from the next use.
 */
export function sameConnection(a: PhoneConfig | null, b: PhoneConfig | null): boolean {
  if (!a || !b) return a === b;
  const key = (c: PhoneConfig) =>
    [c.userFromCredentials || c.uri, c.servers.map(s => `${s.url};${s.weight}`).join(' '), c.password, c.ha1, c.realm, c.displayName, c.authorizationUser, c.manualRegister, c.multiTab, c.guest, c.credentialsUrl].join('\n');
  return key(a) === key(b) && (a.credentialsUrl ? true : a.signIn === b.signIn);
}

/**
 * Who answered, for the caller's screen: our name and address as a P-Asserted-Identity header of
 * the 200 OK (FreeSWITCH and Kamailio pass it on; the caller otherwise knows only the number).
 */
export function assertedIdentity(c: PhoneConfig | null): string[] {
  return c?.displayName ? [`P-Asserted-Identity: "${c.displayName.replace(/["\\\r\n]/g, '')}" <${c.uri}>`] : [];
}
