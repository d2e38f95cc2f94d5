// JsSIP, in one place: the only module that imports it, and the only one that touches what JsSIP
// does not document (its underscored members and a few behaviours). test/jssip-contract.test.mjs
// checks each of these against the installed JsSIP, whose version package.json pins.
//
// JsSIP is CommonJS with an object-literal `module.exports`; bundlers and dev servers differ on
// which named exports they detect, so take the default export and pick the members here.
import JsSIP from 'jssip';
import type * as JsSIPTypes from 'jssip';
import type { RTCSession } from 'jssip/lib/RTCSession';
import type { IncomingRequest } from 'jssip/lib/SIPMessage';

export const { UA, URI, WebSocketInterface, C } = JsSIP;
export type UA = JsSIPTypes.UA;
export type URI = JsSIPTypes.URI;

/** What of JsSIP's RTCSession a hold and an ICE restart use beyond its documented API. */
interface SessionInternals {
  /** Whether we hold the call: JsSIP marks its offers and answers from it (`_mangleOffer`). */
  _localHold: boolean;
  /** Whether the far end holds the call (read from its last offer). */
  readonly _remoteHold: boolean;
  /** Applies the hold flags to the local tracks and emits `hold`. */
  _onhold(originator: 'local'): void;
  /** The same for `unhold`. */
  _onunhold(originator: 'local'): void;
  /** Ends the session here (closes its connection, emits `ended`) without sending anything. */
  _ended(originator: 'local', message: null, cause: string): void;
  _status: number;
  /** A re-INVITE whose failure is only reported: `renegotiate()` hangs up when one fails. */
  _sendReinvite(options: { rtcOfferConstraints?: RTCOfferOptions; eventHandlers: ReinviteHandlers }): void;
}

export interface ReinviteHandlers {
  succeeded?(): void;
  /** The far end refused (its status) or no answer could be applied (no response). */
  failed?(response?: { status_code?: number }): void;
}

const internals = (session: RTCSession) => session as unknown as SessionInternals;

/** The user agent a session belongs to (JsSIP's `_ua`). */
export const uaOf = (session: RTCSession): UA => (session as unknown as { _ua: UA })._ua;
const connected = (session: RTCSession) => uaOf(session).isConnected();

/** How long a request in a call waits for a lost server connection to come back (ms), and how often it looks. */
export const OFFLINE_WAIT = { maxMs: 30000, stepMs: 250 };

/**
 * Runs `send` once the session's server connection is up: at once when it is, else when it is
 * back, or `lost` after `OFFLINE_WAIT.maxMs`. JsSIP ends a call when a request in it cannot be
 * sent, so nothing of a call is sent while the connection is down; the media goes on meanwhile.
 */
export function whenConnected(session: RTCSession, send: () => void, lost: () => void, waited = 0): void {
  if (session.isEnded()) return;
  if (connected(session)) return send();
  if (waited >= OFFLINE_WAIT.maxMs) return lost();
  setTimeout(() => whenConnected(session, send, lost, waited + OFFLINE_WAIT.stepMs), OFFLINE_WAIT.stepMs);
}

/**
 * Ends a session whatever its state (cancel, reject or bye). An outgoing call cancelled after a
 * provisional answer is also marked cancelled, as JsSIP marks one cancelled before any: an answer
 * (200 OK) that crosses the CANCEL then gets an ACK and a BYE. Unmarked, JsSIP ignores it, and the
 * far end stays in the call until its wait for the ACK runs out (64 × T1, 32 s).
 */
export function terminateSession(session: RTCSession, options?: Parameters<RTCSession['terminate']>[0]): boolean {
  if (String(session.direction) === 'outgoing' && !session.isEstablished() && !session.isEnded()) (session as unknown as { _is_canceled: boolean })._is_canceled = true;
  // A call in progress while the server connection is down: its BYE goes when the connection is
  // back, and the caller ends the call here meanwhile. Returns false then.
  if (session.isEstablished() && !connected(session)) {
    byeWhenBack(session);
    return false;
  }
  session.terminate(options);
  return true;
}

/** Answers of a server that could not reach the far end (yet: it, or we, just came back). */
const UNREACHED = [404, 408, 477, 480, 481, 500, 503];

/**
 * Sends the BYE of a call hung up while the server connection was down, once it is back, and again
 * (each second, up to `OFFLINE_WAIT.maxMs`) while the server cannot reach the far end yet; then
 * ends the session.
 */
function byeWhenBack(session: RTCSession, started = Date.now()): void {
  const end = () => {
    if (session.isEnded()) return;
    internals(session)._status = (JsSIP as unknown as { RTCSession: { C: { STATUS_TERMINATED: number } } }).RTCSession.C.STATUS_TERMINATED;
    internals(session)._ended('local', null, JsSIP.C.causes.BYE);
  };
  const again = () => (Date.now() - started < OFFLINE_WAIT.maxMs ? setTimeout(() => byeWhenBack(session, started), 1000) : end());
  whenConnected(session, () => {
    (session as unknown as { sendRequest(method: string, options: unknown): void }).sendRequest(JsSIP.C.BYE, {
      eventHandlers: {
        onSuccessResponse: end,
        onErrorResponse: (r: { status_code: number }) => (UNREACHED.includes(r.status_code) ? again() : end()),
        onTransportError: again,
        onRequestTimeout: again,
        onDialogError: end,
      },
    });
  }, end);
}

/**
 * Stops JsSIP from hanging up an established call when ICE reports `failed` (it terminates with
 * RTP_TIMEOUT then): MediaRecovery restarts ICE and decides when the media is lost for good.
 */
export function keepCallOnIceFailure(session: RTCSession): void {
  const terminate = session.terminate.bind(session);
  session.terminate = options => {
    // Also once the call has ended: a late `failed` would make JsSIP throw on a terminated session.
    if (options?.cause === C.causes.RTP_TIMEOUT && (session.isEstablished() || session.isEnded())) return;
    terminate(options);
  };
}

/** Our hold (`local`) and the far end's (`remote`), as JsSIP tracks them. */
export function holdFlags(session: RTCSession): { local: boolean; remote: boolean } {
  const s = internals(session);
  return { local: s._localHold, remote: s._remoteHold };
}

/**
 * Marks the call held by us (or not) without sending anything: JsSIP's next offer or answer
 * carries the hold, the local tracks follow and `hold`/`unhold` is emitted.
 */
export function markLocalHold(session: RTCSession, held: boolean): void {
  const s = internals(session);
  s._localHold = held;
  if (held) s._onhold('local');
  else s._onunhold('local');
}

/** Sends a re-INVITE (with fresh ICE credentials when `iceRestart`); a refusal never hangs up. */
export function sendReinvite(session: RTCSession, handlers: ReinviteHandlers, iceRestart = false): void {
  whenConnected(session, () => internals(session)._sendReinvite({ ...(iceRestart ? { rtcOfferConstraints: { iceRestart: true } } : {}), eventHandlers: handlers }), () => handlers.failed?.());
}

/**
 * Lets JsSIP send the SDP it is holding back for more ICE candidates: it waits for a candidate
 * event without a candidate (end of gathering), which this dispatches on `pc`.
 */
export function endGathering(pc: RTCPeerConnection): void {
  pc.dispatchEvent(new Event('icecandidate'));
}

/** What of JsSIP's Transport (its sockets and their recovery) `reconnectNow` drives. */
interface TransportInternals {
  isConnected(): boolean;
  isConnecting(): boolean;
  recovery_timer: ReturnType<typeof setTimeout> | null;
  /** Picks the socket to use next: the highest weight among those not known to have failed. */
  _getSocket(): void;
  connect(): void;
}

/**
 * Connects `ua` now, to the best server not known to have failed, instead of after JsSIP's
 * back-off (1-2 s at first). Nothing happens while it is connected or connecting.
 */
export function reconnectNow(ua: UA): void {
  const t = (ua as unknown as { transport?: TransportInternals }).transport;
  if (!t || t.isConnected() || t.isConnecting()) return;
  clearTimeout(t.recovery_timer ?? undefined);
  t.recovery_timer = null;
  t._getSocket();
  t.connect();
}

/** A confirmed session's dialog: its Call-ID and our and the far end's tags (JsSIP's `_dialog.id`), or null. */
export function dialogOf(session: RTCSession): { callId: string; localTag: string; remoteTag: string } | null {
  const id = (session as unknown as { _dialog?: { id?: { call_id: string; local_tag: string; remote_tag: string } } | null })._dialog?.id;
  return id ? { callId: id.call_id, localTag: id.local_tag, remoteTag: id.remote_tag } : null;
}

/** An outgoing session's Call-ID and our tag, before any answer (JsSIP's `_request` and `_from_tag`), or null. */
export function earlyIds(session: RTCSession): { callId: string; localTag: string } | null {
  const s = session as unknown as { _request?: { call_id?: string }; _from_tag?: string };
  return s._request?.call_id && s._from_tag ? { callId: s._request.call_id, localTag: s._from_tag } : null;
}

/**
 * Shows `claim` every new INVITE with Replaces before JsSIP looks at it (its `receiveRequest`). One
 * claimed loses the header and so comes in as a new call: JsSIP refuses (403) an INVITE that
 * replaces a dialog not answered yet, which is how a colleague picks up a call ringing elsewhere.
 */
export function claimReplaces(ua: UA, claim: (request: IncomingRequest) => boolean): void {
  const agent = ua as unknown as { receiveRequest(request: IncomingRequest): void };
  const receive = agent.receiveRequest.bind(ua);
  agent.receiveRequest = request => {
    const r = request as unknown as { headers: Record<string, unknown>; to_tag?: string };
    if (request.method === 'INVITE' && !r.to_tag && r.headers.Replaces && claim(request)) delete r.headers.Replaces;
    receive(request);
  };
}

/**
 * The user agent's own Contact (`<sip:token@host.invalid;transport=ws>`, JsSIP's `_contact.uri`),
 * never the GRUU a registrar gave it: a server's NOTIFYs, which no routing script handles, reach
 * the browser only at the address its connection came from.
 */
export function plainContact(ua: UA): string {
  return `Contact: <${(ua as unknown as { _contact: { uri: URI } })._contact.uri.toString()}>`;
}
