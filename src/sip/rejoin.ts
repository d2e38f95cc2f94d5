import type { RTCSession } from 'jssip/lib/RTCSession';
import type { UA } from './jssip.js';
import { dialogOf, terminateSession } from './jssip.js';
import { Call } from './call.js';
import type { TakeoverEvent } from './call.js';
import { sameParty } from './call/names.js';
import { offeredSetup } from './call/dtls-role.js';
import type { PhoneConfig } from './config.js';
import type { TransferHost } from './transfers.js';
import type { Direction } from './types.js';

/**
 * A call that survives a reload of its page (or a move to another page of the site in the same
 * tab). As the page goes away the active call's dialog is kept in this tab's `sessionStorage`;
 * the page that comes up within `rejoin-within` seconds registers and sends the far end an INVITE
 * with Replaces for that dialog (RFC 3891). The far end takes it over without ringing: our phone
 * carries the same call on over the new session (see `answerReplaces`), FreeSWITCH bridges the new
 * leg to the other party of the old one.
 */

/** What a reloaded page needs to take its call back. Never a credential. */
export interface RejoinRecord {
  callId: string;
  localTag: string;
  remoteTag: string;
  remote: string;
  displayName: string;
  direction: Direction;
  startedAt: number;
  connectedAt: number;
  video: boolean;
  /** When the page went away (ms since the epoch). */
  leftAt: number;
}

/**
 * In ms. `silentMs`: how long the far end's media must have stopped for an INVITE with Replaces
 * from it to take the call back (while media flows it is an attended transfer), waiting up to
 * `waitMs` for it to stop; `answerMs`: how long a reloaded page waits for the far end to take its
 * call back before it gives up (`rejoin-failed`).
 */
export const REJOIN = { silentMs: 400, waitMs: 2000, answerMs: 10000 };

const keyOf = (config: PhoneConfig) => `fs-video-phone rejoin ${config.uri}`;

function store(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null; // storage turned off for this page
  }
}

/** Keeps the active call's dialog for this tab as the page goes away; forgets any older one. */
export function keepForRejoin(config: PhoneConfig | null, call: Call | null): void {
  if (!config) return;
  const s = store();
  const dialog = config.rejoinWithin && call?.session && call.connectedAt !== null && !call.ended ? dialogOf(call.session) : null;
  try {
    if (!dialog || !call) return s?.removeItem(keyOf(config));
    const { remote, displayName, direction, startedAt } = call;
    const video = !!call.localStream?.getVideoTracks().length;
    const record: RejoinRecord = { ...dialog, remote, displayName, direction, startedAt, connectedAt: call.connectedAt!, video, leftAt: Date.now() };
    s?.setItem(keyOf(config), JSON.stringify(record));
  } catch {
    /* storage full or refused: the call cannot come back */
  }
}

const TOKEN = /^[^\s;,"<>]{1,200}$/;
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;

/** The call this tab left less than `rejoin-within` seconds ago, taken out of storage (it is tried once), or null. */
export function takeRejoinRecord(config: PhoneConfig): RejoinRecord | null {
  const s = store();
  let raw: string | null | undefined;
  try {
    raw = s?.getItem(keyOf(config));
    s?.removeItem(keyOf(config));
  } catch {
    return null;
  }
  if (!raw || !config.rejoinWithin) return null;
  let r: Partial<RejoinRecord> | null;
  try {
    r = JSON.parse(raw) as Partial<RejoinRecord> | null;
  } catch {
    return null;
  }
  const valid =
    !!r &&
    [r.callId, r.localTag, r.remoteTag].every(v => typeof v === 'string' && TOKEN.test(v)) &&
    typeof r.remote === 'string' && /^sips?:[^\s<>"]+$/i.test(r.remote) &&
    typeof r.displayName === 'string' &&
    (r.direction === 'incoming' || r.direction === 'outgoing') &&
    isTime(r.startedAt) && isTime(r.connectedAt) && isTime(r.leftAt);
  const age = valid ? Date.now() - r!.leftAt! : -1;
  return valid && age >= 0 && age <= config.rejoinWithin * 1000 ? (r as RejoinRecord) : null;
}

/**
 * Takes back the call this tab left: a line shown as `reconnecting` with the call's own start,
 * and an INVITE with Replaces for its dialog to the same far end, with camera and microphone as
 * they were. A far end that refuses (or does not answer within `answerMs`) ends it with
 * `rejoin-failed`.
 */
export function rejoinCall(lines: TransferHost, ua: UA, record: RejoinRecord): Promise<boolean> {
  const call = new Call(lines, record.direction, record.remote, record.displayName);
  call.rejoin = { connectedAt: record.connectedAt };
  call.startedAt = record.startedAt;
  call.answering = true; // never rings here, whichever way the call first went
  lines.addLine(call, true);
  lines.changed();
  return lines.withMedia(call, record.video, () => {
    call.attach(opensDtls(ua.call(record.remote, { ...lines.sessionOptions(call), extraHeaders: replacing(record) })));
    call.after(REJOIN.answerMs, () => {
      if (call.connectedAt === null) call.terminate();
    });
  });
}

/**
 * The headers of an INVITE that takes over `dialog` (as this end saw it) for the same call. Require:
 * a far end that does not know Replaces refuses (420) instead of ringing a new call.
 */
function replacing(dialog: { callId: string; localTag: string; remoteTag: string }): string[] {
  return [`Replaces: ${dialog.callId};to-tag=${dialog.remoteTag};from-tag=${dialog.localTag}`, 'Require: replaces'];
}

/** A new session for a call that is up offers to open the DTLS handshake itself (see `offeredSetup`). */
function opensDtls(session: RTCSession): RTCSession {
  session.on('sdp', (e: { originator: string; type: string; sdp: string }) => {
    if (e.originator === 'local' && e.type === 'offer' && !session.isEstablished()) e.sdp = offeredSetup(e.sdp, 'active');
  });
  return session;
}

/** Ends `session` unless it has ended. */
function end(session: RTCSession): void {
  try {
    if (!session.isEnded()) terminateSession(session);
  } catch {
    /* ending already */
  }
}

/**
 * Carries `call` on over a new session of ours that replaces its own (an INVITE with Replaces for
 * its dialog), with the same devices: its media path cannot be mended within the session
 * (see MediaRecovery). The far end takes it as it takes a reloaded page's (see `answerReplaces`)
 * and ends the old session then; one that refuses ends the call with `media-error`. False when no
 * new session can go out now (the server connection is down).
 */
export function carryOnCall(lines: TransferHost, ua: UA | undefined, call: Call): boolean {
  const old = call.session;
  const dialog = old && dialogOf(old);
  if (!old || !dialog || !ua?.isConnected() || call.ended) return false;
  let session: RTCSession;
  try {
    session = opensDtls(ua.call(call.remote, { ...lines.sessionOptions(call), extraHeaders: replacing(dialog) }));
  } catch {
    return false;
  }
  // Before the call's own handlers: a refusal is the media lost, a hang-up meanwhile a hang-up;
  // either way the old session, which the far end still has, ends too.
  session.on('failed', (e: { originator: string }) => {
    if (call.session !== session) return;
    end(old);
    if (e.originator === 'local') call.endReason ??= 'hangup';
    else lines.mediaLost(call);
  });
  call.attach(session);
  // A far end that took the new session but left the old one open: it is ended here.
  session.on('confirmed', () => call.after(REJOIN.answerMs, () => end(old)));
  return true;
}

/** A phone's side of it: keeps the active call as the page goes away, takes it back once registered. */
export class Rejoin {
  private record: RejoinRecord | null = null;

  constructor(private readonly lines: TransferHost & { readonly config: PhoneConfig | null }) {}

  /** The phone starts with `config`: whether a call of this tab waits to be taken back. */
  start(config: PhoneConfig): boolean {
    this.record = takeRejoinRecord(config);
    globalThis.addEventListener?.('pagehide', this.leaving);
    return !!this.record;
  }

  stop(): void {
    this.record = null;
    globalThis.removeEventListener?.('pagehide', this.leaving);
  }

  /** Registered through `ua`: the call waiting to be taken back is, once. */
  registered(ua: UA | undefined): void {
    const record = this.record;
    this.record = null;
    if (record && ua) void rejoinCall(this.lines, ua, record);
  }

  private readonly leaving = (): void => keepForRejoin(this.lines.config, this.lines.active);
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * An INVITE with Replaces for `call`. From the same far end once the call's media has stopped
 * (or its path broke), it is that end's page taking the call back after a reload, or that end
 * carrying the call on over a new session (see `carryOnCall`): the new session carries the same
 * call on, without ringing. Anything else is an attended transfer (`transfer`).
 */
export async function answerReplaces(lines: TransferHost, call: Call, e: TakeoverEvent, transfer: () => void): Promise<void> {
  const from = e.request.from?.uri?.toString() ?? '';
  if (call.connectedAt !== null && sameParty(from, call.remote)) {
    // The far end's old page may still be going away: its media stops within moments.
    for (let waited = 0; call.silentMs < REJOIN.silentMs && waited < REJOIN.waitMs && !call.ended; waited += 100) await sleep(100);
    if (call.ended) return e.reject();
    if (call.silentMs >= REJOIN.silentMs) return takeBack(lines, call, e);
  }
  transfer();
}

function takeBack(lines: TransferHost, call: Call, e: TakeoverEvent): void {
  let next: RTCSession | null = null;
  e.accept((session: RTCSession) => {
    lines.adopted.add(session);
    next = session;
    call.takeSession(session);
  });
  const session = next as RTCSession | null;
  if (!session) return e.reject();
  try {
    session.answer(lines.sessionOptions(call));
  } catch {
    call.terminate(500);
  }
  lines.changed();
}
