import type { RTCSession } from 'jssip/lib/RTCSession';
import type { IncomingRequest } from 'jssip/lib/SIPMessage';
import { DEFAULTS, assertedIdentity, resolveTarget } from './config.js';
import type { PhoneConfig } from './config.js';
import { PhoneError, toPhoneError } from './errors.js';
import type { Notice } from './errors.js';
import { stopStream, webrtcSupported } from './media.js';
import type { Devices, DevicesHost } from './devices.js';
import { Call } from './call.js';
import { userOf } from './call/names.js';
import type { CallHost, TakeoverEvent } from './call.js';
import { followReferral, takeOver, transferCall } from './transfers.js';
import type { TransferHost } from './transfers.js';
import { answerReplaces, carryOnCall } from './rejoin.js';
import { ringIn } from './incoming.js';
import type { Problems } from './problems.js';
import type { UserAgent } from './user-agent.js';
import type { CallOptions, PhoneEventDetail, PhoneEventName, TransferOptions } from './phone-events.js';
import type { CallEndedDetail, CallInfo, CallState, CallStats } from './types.js';

/** How long `call-state="ended"` stays (ms) before the phone is `idle` again; a page may change it. */
export const ENDED_STATE = { ms: 1500 };

/** What the lines need from the phone. */
export interface LinesHost {
  readonly config: PhoneConfig | null;
  readonly devices: Devices;
  readonly problems: Problems;
  /** The account's user agent, once configured: calls go out through it. */
  readonly agent: UserAgent | null;
  emit<K extends PhoneEventName>(type: K, detail: PhoneEventDetail<K>, cancelable?: boolean): boolean;
  changed(): void;
  /** No call is left: a configuration change that waited for that can apply now. */
  linesFree(): void;
  /** Do not disturb is on: calls are refused unheard. */
  readonly dnd: boolean;
}

/**
 * The calls of a phone (its lines), one of them active: the one the person talks on or dials,
 * and the one methods act on when they are given no call id. Ringing calls wait beside it;
 * connected calls that are not active are on hold. Calls are placed, answered, held, swapped,
 * transferred and ended here; the Phone is the face of this for pages.
 */
export class Lines implements CallHost, TransferHost, DevicesHost {
  lines: Call[] = [];
  active: Call | null = null;
  /** Sessions that take over a call (INVITE with Replaces): no ringing, no second line. */
  readonly adopted = new WeakSet<RTCSession>();
  private endedUntil = 0;
  /** How the last call shown ended (what `call-state="ended"` stands for), or null. */
  lastEnd: CallEndedDetail | null = null;
  private endedTimer: ReturnType<typeof setTimeout> | undefined;
  readonly mutePreference = { audio: false, video: false };
  /** Calls answered with the microphone off (`muted`). */
  private readonly mutedAnswers = new WeakSet<Call>();
  /** INVITEs with Replaces that pick up one of our calls while it rings at the far end, and that call. */
  readonly pickups = new WeakMap<IncomingRequest, Call>();

  constructor(readonly host: LinesHost) {}

  get config(): PhoneConfig | null {
    return this.host.config;
  }

  get notice(): Notice | null {
    return this.host.problems.notice;
  }

  set notice(notice: Notice | null) {
    this.host.problems.notice = notice;
  }

  /** The active call's state; `incoming` while only a ringing call is there. */
  get callState(): CallState {
    if (this.active) return this.active.state;
    if (this.lines.some(c => c.ringingHere)) return 'incoming';
    return Date.now() < this.endedUntil ? 'ended' : 'idle';
  }

  /** The connected call that is not the active one (after hold-and-answer or a second call), or null. */
  get heldCall(): CallInfo | null {
    return this.otherLine()?.info ?? null;
  }

  /**
   * Places a call. A connected active call is put on hold first (a second line, e.g. to consult
   * before a transfer). Resolves true once the INVITE is on its way.
   */
  async call(target: string | null | undefined, options: CallOptions = {}): Promise<boolean> {
    const agent = this.host.agent;
    const config = this.config;
    if (!agent || !config) return this.fail(new PhoneError('not-configured'));
    if (!agent.ready) return this.fail(new PhoneError('not-registered'));
    if (!webrtcSupported()) return this.fail(new PhoneError('webrtc-unsupported'));
    const max = config.maxCalls;
    const dialing = this.active?.connectedAt === null;
    if (!this.active?.connectedAt && this.lines.some(c => c.ringingHere)) {
      return this.fail(new PhoneError('busy', 'ringing'));
    }
    if (this.lines.length >= max || dialing) {
      return this.fail(new PhoneError('busy', max > 1 && !dialing ? 'lines-busy' : 'busy'));
    }
    let uri: string;
    try {
      uri = resolveTarget(target, config.domain);
    } catch (err) {
      return this.fail(toPhoneError(err, 'invalid-target'));
    }
    this.active?.setHeld(true);
    const call = this.addLine(new Call(this, 'outgoing', uri, userOf(uri)), true);
    this.changed();
    return this.withMedia(call, options.video !== false, () => {
      call.attach(agent.ua.call(uri, { ...this.sessionOptions(call), extraHeaders: options.extraHeaders }));
      call.startNoAnswerTimer();
    });
  }

  /**
   * Answers a ringing call (`callId`, or the first one). A connected active call is put on hold
   * (hold-and-answer; swap back with `swap()`); one that is not connected yet is hung up first.
   */
  answer(callId?: string | CallOptions, options: CallOptions = {}): Promise<boolean> {
    if (typeof callId === 'object') [callId, options] = [undefined, callId];
    const call = this.lines.find(c => c.ringingHere && (!callId || c.id === callId));
    if (!call?.session) return Promise.resolve(this.fail(new PhoneError('no-incoming-call')));
    call.answering = true;
    if (options.muted) this.mutedAnswers.add(call);
    this.focus(call);
    return this.answerWithMedia(call, options.video !== false && call.offersVideo);
  }

  /** A call rings (see `ringIn`). */
  incoming(session: RTCSession, request: IncomingRequest): void {
    ringIn(this, session, request);
  }

  /** Declines a ringing call (603 Decline): `callId`, or the first one. */
  decline(callId?: string): boolean {
    const call = this.lines.find(c => c.direction === 'incoming' && c.connectedAt === null && (!callId || c.id === callId));
    if (!call) return this.fail(new PhoneError('no-incoming-call'));
    call.terminate(603, 'Decline');
    return true;
  }

  /** Ends a call whatever its state (cancel, reject or bye); with no call id and no active call, declines a ringing one. */
  hangup(callId?: string): boolean {
    const call = callId ? this.byId(callId) : this.active;
    if (!call) return !callId && this.lines.some(c => c.ringingHere) ? this.decline() : this.fail(new PhoneError('no-call'));
    call.endReason = null;
    call.terminate();
    return true;
  }

  hold(callId?: string): boolean {
    return this.withLine(callId, c => c.setHeld(true));
  }

  /** Resumes a held call; resuming one that is not the active call swaps to it. */
  unhold(callId?: string): boolean {
    return this.withLine(callId, c => (c === this.active ? c.setHeld(false) : this.swap(c.id)));
  }

  /** Holds the active call and resumes another one (`callId`, or the other connected call). */
  swap(callId?: string): boolean {
    const other = callId ? this.byId(callId) : this.otherLine();
    if (!other || other.connectedAt === null) return this.fail(new PhoneError('no-call', 'no-other-call'));
    if (other !== this.active) {
      if (this.active?.connectedAt === null) return this.fail(new PhoneError('busy'));
      this.active?.setHeld(true);
      this.active = other;
    }
    other.setHeld(false);
    this.changed();
    return true;
  }

  /** Mutes or unmutes the microphone and/or camera of the active call; without one, of the next call. */
  setMuted(options: { audio?: boolean; video?: boolean }): boolean {
    for (const kind of ['audio', 'video'] as const) {
      const value = options[kind];
      if (typeof value !== 'boolean') continue;
      this.mutePreference[kind] = value;
      this.active?.setMuted(kind, value);
    }
    this.changed();
    return true;
  }

  /** Sends DTMF tones (0-9, A-D, *, #; "," pauses) in the configured mode, on the active call or `callId`. */
  sendDtmf(tones: string, callId?: string): boolean {
    const call = callId ? this.byId(callId) : this.active;
    if (!call) return this.fail(new PhoneError('no-call'));
    return call.sendDtmf(tones, this.config?.dtmfMode ?? DEFAULTS.dtmfMode);
  }

  // ---- what calls report (CallHost) ------------------------------------------------------

  callEvent(call: Call, type: 'call-progress' | 'call-connected' | 'dtmf' | 'roster', detail: object): void {
    if (type === 'call-connected' && call.takesOver) {
      // The transfer worked: the call this one stands for ends. (An INVITE with Replaces ends the
      // replaced session itself once the new one is confirmed.)
      call.takesOver.endReason = 'transferred';
      if (call.direction === 'outgoing' || call.takesOver.connectedAt === null) call.takesOver.terminate();
    }
    this.emit(type, { callId: call.id, ...detail });
    this.changed();
  }

  callEnded(call: Call, detail: CallEndedDetail, quiet: boolean): void {
    // A far end that accepted our transfer and then hangs up has carried it out.
    call.transfer?.done(detail.reason === 'transferred' && detail.originator === 'remote');
    const shown = this.active === call || (!this.active && call.direction === 'incoming' && !call.answering);
    this.lines = this.lines.filter(c => c !== call);
    // A call held behind this one comes back, still on hold: resuming is the person's choice.
    if (this.active === call) this.active = this.otherLine() ?? null;
    if (shown && !this.active) {
      // The `ended` state says how the call ended (`lastEnd`) for a moment.
      this.lastEnd = detail;
      this.endedUntil = Date.now() + ENDED_STATE.ms;
      clearTimeout(this.endedTimer);
      this.endedTimer = setTimeout(() => this.changed(), ENDED_STATE.ms + 10);
    }
    if (!quiet) this.emit('call-ended', detail);
    if (!this.lines.length) this.host.linesFree();
    this.changed();
  }

  /** Ends a call whose media path could not be restored, saying so (until the next call). */
  mediaLost(call: Call): void {
    call.endReason = 'media-error';
    this.host.problems.raise(new PhoneError('media-error', 'media-lost'));
    call.terminate();
  }

  carryOn(call: Call): boolean {
    return carryOnCall(this, this.host.agent?.ua, call);
  }

  callStats(_call: Call, stats: CallStats): void {
    if (this.config?.statsInterval) this.emit('stats', stats);
  }

  /**
   * Transfers a call: blind (`target` for the active call or `options.callId`), or attended
   * (`target` is the held call's id, `options.replaces` the consultation call's).
   */
  transfer(target: string, options: TransferOptions = {}): boolean {
    const consult = options.replaces ? this.byId(options.replaces) : null;
    const call = options.replaces ? this.byId(target) : options.callId ? this.byId(options.callId) : this.active;
    if (!call || call.connectedAt === null || (options.replaces && (!consult || consult === call || consult.connectedAt === null))) {
      return this.fail(new PhoneError('no-call'));
    }
    if (call.transfer?.pending) return this.fail(new PhoneError('transfer-failed', 'transfer-pending'));
    let uri: string;
    try {
      uri = consult ? consult.remote : resolveTarget(target, this.config?.domain ?? '');
    } catch (err) {
      return this.fail(toPhoneError(err, 'invalid-target'));
    }
    transferCall(this, call, uri, consult);
    return true;
  }

  /** Ends every call at once, quietly (the account goes away). */
  finishAll(): void {
    for (const call of this.lines) call.finish({ reason: 'hangup', originator: 'local' }, true);
  }

  /** Shares a screen in the active call (or `callId`) instead of the camera. */
  async shareScreen(callId?: string): Promise<boolean> {
    const call = callId ? this.byId(callId) : this.active;
    if (!call || call.connectedAt === null) return this.fail(new PhoneError('no-call'));
    const err = await call.share.start();
    return err ? this.fail(err) : true;
  }

  /** Stops sharing the screen: the camera is sent again. */
  stopShare(callId?: string): boolean {
    (callId ? this.byId(callId) : this.active)?.share.stop();
    return true;
  }

  referred(call: Call, e: TakeoverEvent): void {
    followReferral(this, call, e);
  }

  replaced(call: Call, e: TakeoverEvent): void {
    void answerReplaces(this, call, e, () => takeOver(this, call, e));
  }

  changed(): void {
    this.host.changed();
  }

  fail(err: PhoneError): false {
    return this.host.problems.fail(err);
  }

  emit<K extends PhoneEventName>(type: K, detail: PhoneEventDetail<K>, cancelable = false): boolean {
    return this.host.emit(type, detail, cancelable);
  }

  // ---- for transfers --------------------------------------------------------------------

  addLine(call: Call, activate: boolean): Call {
    this.lines.push(call);
    if (activate) {
      this.active = call;
      this.startOver();
    }
    return call;
  }

  /** Answers an incoming session of `call` once camera and microphone are open. */
  answerWithMedia(call: Call, video: boolean): Promise<boolean> {
    return this.withMedia(call, video, stream => call.session!.answer({ mediaStream: stream, pcConfig: this.pcConfig(), extraHeaders: assertedIdentity(this.config) }));
  }

  /** Opens camera and microphone for `call`, then starts it with `go`; the call ends when either fails. */
  async withMedia(call: Call, video: boolean, go: (stream: MediaStream) => void): Promise<boolean> {
    let media;
    try {
      media = await this.host.devices.forCall(video);
      if (media.videoError) {
        this.notice = media.videoError;
        this.fail(media.videoError);
      }
    } catch (err) {
      this.host.problems.raise(toPhoneError(err, 'media-error'));
    }
    if (!media || call.ended) {
      stopStream(media?.stream);
      if (call.session) call.terminate(488);
      else call.finish({ reason: 'media-error', originator: 'local' });
      return false;
    }
    call.localStream = media.stream;
    try {
      go(media.stream);
    } catch (err) {
      call.endReason = null;
      if (call.session) call.terminate(500);
      else call.finish({ reason: 'failed', originator: 'local' });
      return this.fail(toPhoneError(err));
    }
    this.changed();
    return true;
  }

  /** What JsSIP needs to place a call of ours with its media open. */
  sessionOptions(call: Call): object {
    return {
      mediaStream: call.localStream,
      pcConfig: this.pcConfig(),
      rtcOfferConstraints: { offerToReceiveAudio: true, offerToReceiveVideo: true },
    };
  }

  /** What a call starts muted: the preference, and the microphone of one answered `muted`. */
  mutedFor = (call: Call) => ({ audio: this.mutePreference.audio || this.mutedAnswers.has(call), video: this.mutePreference.video });

  byId(id: string): Call | null {
    return this.lines.find(c => c.id === id) ?? null;
  }

  /** Makes `call` the active one: a connected active call is held, one on its way is hung up. */
  private focus(call: Call): void {
    const active = this.active;
    if (active && active !== call) {
      if (active.connectedAt === null) this.hangup(active.id);
      else active.setHeld(true);
    }
    this.active = call;
    this.startOver();
    this.changed();
  }

  private pcConfig(): RTCConfiguration {
    // 'balanced' rather than 'max-bundle': media relays that drop a=group:BUNDLE (rtpengine)
    // would otherwise leave the video m-line without a transport.
    const c = this.config;
    return { iceServers: c?.iceServers ?? [], iceTransportPolicy: c?.iceTransportPolicy, bundlePolicy: 'balanced', rtcpMuxPolicy: 'require' };
  }

  /** The newest connected call other than the active one. */
  private otherLine(): Call | undefined {
    return this.lines.filter(c => c !== this.active && c.connectedAt !== null).pop();
  }

  private startOver(): void {
    this.host.problems.startOver();
  }

  private withLine(callId: string | undefined, fn: (c: Call) => boolean): boolean {
    const call = callId ? this.byId(callId) : this.active;
    if (!call || call.connectedAt === null) return this.fail(new PhoneError('no-call'));
    return fn(call);
  }
}
