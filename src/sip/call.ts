import { keepCallOnIceFailure, terminateSession, uaOf } from './jssip.js';
import type { RTCSession } from 'jssip/lib/RTCSession';
import { DEFAULTS, type PhoneConfig } from './config.js';
import { PhoneError, toPhoneError } from './errors.js';
import { releasePeerConnection, stopStream, swapTrack } from './media.js';
import { IceGatheringCutoff, iceSettleMs, relayMissing } from './call/ice-cutoff.js';
import { OutgoingVideo } from './call/camera-off.js';
import { KeyframeRefresh } from './call/keyframe-refresh.js';
import { ICE_RECOVERY, MediaRecovery } from './call/media-recovery.js';
import type { OutgoingTransfer } from './call/transfer.js';
import { changeHold } from './call/hold.js';
import { ScreenShare } from './call/screen-share.js';
import { FastStart } from './call/fast-start.js';
import { StatsSampler } from './call/stats.js';
import { beforeDescription, limitVideo, preferCodecs, senderOf } from './call/video-send.js';
import { answeredBy, endReasonOf } from './call/names.js';
import { dtlsRole, offeredSetup } from './call/dtls-role.js';
import { Room, isFocus } from './call/room.js';
import { sendTones } from './call/dtmf.js';
import type { CallEndedDetail, CallInfo, CallStats, Direction, EndReason, LineState, Originator } from './types.js';

/** JsSIP's end/failure event, as far as we read it. */
interface EndEvent { originator: Originator; cause: string; message?: { status_code?: number } | null }

/** JsSIP's `refer` and `replaces` session events (an incoming REFER, an INVITE with Replaces). */
export interface TakeoverEvent {
  request: {
    refer_to?: { uri: { toString(): string; clone(): { clearHeaders(): void; toString(): string } } };
    from?: { uri?: { toString(): string } };
    getHeader(name: string): string | undefined;
  };
  accept(initCallback?: (session: RTCSession) => void, options?: object): void;
  reject(): void;
}

/** What a call needs from the phone it belongs to. */
export interface CallHost {
  readonly config: PhoneConfig | null;
  mutedFor(call: Call): { audio: boolean; video: boolean };
  callEvent(call: Call, type: 'call-progress' | 'call-connected' | 'dtmf' | 'roster', detail: object): void;
  callEnded(call: Call, detail: CallEndedDetail, quiet: boolean): void;
  mediaLost(call: Call): void;
  /** Carries `call` on over a new session of ours for the same dialog; false when none can go out now. */
  carryOn(call: Call): boolean;
  /** New figures of a connected call (every `stats-interval` ms, or at the media-flow watch's pace). */
  callStats(call: Call, stats: CallStats): void;
  referred(call: Call, e: TakeoverEvent): void;
  replaced(call: Call, e: TakeoverEvent): void;
  changed(): void;
  fail(err: PhoneError): false;
}

let lastId = 0;

/**
 * One SIP session from first ring to end: its state, media, hold, mute and DTMF. Its per-call
 * mechanisms (ICE cut-off, media recovery, keyframe refresh, a transfer, and timers such as the
 * no-answer timeout through `after()`) are units it creates and disposes; ending the call,
 * however it ends, releases every device it opened.
 */
export class Call {
  readonly id = `call-${++lastId}`;
  session: RTCSession | null = null;
  connectedAt: number | null = null;
  ringing = false;
  /** The far end sent media before answering (183 with SDP): no ringback of ours over it. */
  earlyMedia = false;
  held = false;
  remoteHeld = false;
  ended = false;
  localStream: MediaStream | null = null;
  readonly remoteStream = new MediaStream();
  pc: RTCPeerConnection | null = null;
  offersVideo = true;
  /** An incoming call the person answered (opening the camera or connecting). */
  answering = false;
  /** A call this one replaces once it connects (we were transferred, or an INVITE with Replaces). */
  takesOver: Call | null = null;
  /** The transfer of this call that we asked for, if any. */
  transfer: OutgoingTransfer | null = null;
  /** A reason decided here that overrides what JsSIP reports (our own no-answer cancel, a transfer). */
  endReason: EndReason | null = null;
  /** Units with timers of their own, disposed when the call ends. */
  private readonly units: { dispose(): void }[] = [];
  private readonly iceCutoff = this.unit(
    new IceGatheringCutoff(
      () => this.host.config?.iceGatheringTimeout ?? DEFAULTS.iceGatheringTimeout,
      () => iceSettleMs(this.host.config?.iceServers),
    ),
  );
  private readonly recovery = this.unit(
    new MediaRecovery(this, () => this.host.mediaLost(this), () => (this.host.config?.rejoinWithin ?? 0) * 1000 || ICE_RECOVERY.giveUpMs, () => this.host.carryOn(this)),
  );
  private readonly keyframes = this.unit(new KeyframeRefresh(this, () => this.host.config?.keyframeRefresh ?? DEFAULTS.keyframeRefresh));
  private readonly sampler = this.unit(
    new StatsSampler(this, () => this.host.config?.statsInterval || ICE_RECOVERY.flowCheckMs, p => this.recovery.flowed(p), s => this.host.callStats(this, (this.stats = s))),
  );
  private readonly fastStart = this.unit(new FastStart(this));
  /** Screen sharing in this call. */
  readonly share = this.unit(new ScreenShare(this));
  /** What the far end sees while our camera is off: our name, not a black picture. */
  private readonly outgoingVideo = this.unit(new OutgoingVideo(this, () => this.host.config?.displayName || this.host.config?.user || ''));
  /** The conference room the call is in, when the far end is one (see Room). */
  room: Room | null = null;
  /** The latest figures (quality, codec, bitrates…), once the call has been up for an interval. */
  stats: CallStats | null = null;

  /** When the call began (ms since the epoch). */
  startedAt = Date.now();
  /**
   * A call this page takes back after a reload (INVITE with Replaces, whichever way the call first
   * went): when it connected, which it keeps. Null for any other call.
   */
  rejoin: { connectedAt: number } | null = null;

  constructor(
    private readonly host: CallHost,
    readonly direction: Direction,
    readonly remote: string,
    /** The other party's name: from the INVITE's From, or for a call of ours from the answer (see `answeredBy`). */
    public displayName: string,
  ) {}

  /** Adds a unit that is disposed with the call. */
  unit<T extends { dispose(): void }>(unit: T): T {
    this.units.push(unit);
    return unit;
  }

  /** Runs `fn` after `ms` unless the call ends first. */
  after(ms: number, fn: () => void): void {
    const timer = setTimeout(fn, ms);
    this.unit({ dispose: () => clearTimeout(timer) });
  }

  get onHold(): boolean {
    return this.held || this.remoteHeld;
  }

  get state(): LineState {
    if (this.ended) return 'ended';
    if (this.connectedAt === null) return this.rejoin ? 'reconnecting' : this.direction === 'outgoing' ? (this.ringing ? 'ringing' : 'calling') : 'incoming';
    return this.held ? 'held' : 'connected';
  }

  /** Rings here, not answered yet (and not being answered). */
  get ringingHere(): boolean {
    return this.direction === 'incoming' && !this.answering && !this.ended;
  }

  get info(): CallInfo {
    const { id, direction, remote, displayName, state, connectedAt, held, remoteHeld, room } = this;
    return { id, direction, remote, displayName, state, connectedAt, held, remoteHeld, room: !!room, roster: room?.members ?? null };
  }

  /** Gives up on the call if nobody answers within `no-answer-timeout` (cancel, or refuse with `status`). */
  startNoAnswerTimer(status?: number): void {
    this.after((this.host.config?.noAnswerTimeout ?? DEFAULTS.noAnswerTimeout) * 1000, () => {
      if (this.connectedAt !== null || this.answering) return;
      this.endReason = 'no-answer';
      this.terminate(status);
    });
  }

  attach(session: RTCSession): void {
    this.session = session;
    keepCallOnIceFailure(session);
    const raw = session as unknown as { on(name: string, fn: (e: never) => void): void; connection?: RTCPeerConnection };
    if (raw.connection) this.attachPeerConnection(raw.connection);
    // Only the call's current session speaks for it: one it was taken back from (see takeSession) ends unheard.
    const s = { on: <E>(name: string, fn: (e: E) => void) => raw.on(name, (e: never) => this.session === session && fn(e)) };
    s.on('peerconnection', (e: { peerconnection: RTCPeerConnection }) => this.attachPeerConnection(e.peerconnection));
    s.on('icecandidate', (e: { ready: () => void }) => this.iceCutoff.candidate(e.ready));
    s.on('sdp', (e: { originator: Originator; type: string; sdp: string }) => {
      if (e.originator !== 'local') return;
      if (e.type === 'offer' && session.isEstablished()) e.sdp = offeredSetup(e.sdp, dtlsRole(this.pc));
      this.iceCutoff.dispose();
      // Relay only and no TURN candidate: no media could ever flow. Give up now (nothing is sent
      // for a call of ours; a call we answer is refused) rather than after ICE times out.
      if (this.connectedAt === null && relayMissing(e.sdp, this.host.config?.iceTransportPolicy)) {
        this.endReason = 'media-error';
        this.host.fail(new PhoneError('media-error', 'no-relay'));
        this.terminate(488);
      }
    });
    s.on('progress', (e: { originator: Originator; response?: { status_code?: number; reason_phrase?: string; body?: string } }) => {
      if (this.direction !== 'outgoing' || e.originator !== 'remote' || this.rejoin || this.connectedAt !== null) return;
      const status = e.response?.status_code;
      if (status === 180 || status === 183) this.ringing = true;
      // A provisional answer with SDP: the far end's own ringing (or announcement) plays.
      if (e.response?.body) this.earlyMedia = true;
      this.host.callEvent(this, 'call-progress', { status, reason: e.response?.reason_phrase });
    });
    s.on('accepted', (e: { originator?: Originator; response?: { getHeader?(name: string): string | undefined } }) => {
      // Already up: the far end's page took this call back after a reload; it goes on.
      const goesOn = this.connectedAt !== null;
      if (this.direction === 'outgoing' && e.originator === 'remote' && !goesOn) {
        this.displayName = answeredBy(e.response) ?? this.displayName;
        if (isFocus(e.response)) this.room = this.unit(new Room(uaOf(session), this.remote, this.host.config?.uri ?? '', members => this.host.callEvent(this, 'roster', { members })));
      }
      this.connectedAt ??= this.rejoin?.connectedAt ?? Date.now();
      this.recovery.start();
      this.sampler.start();
      const { audio, video } = this.host.mutedFor(this);
      if (audio || video) session.mute({ audio, video });
      if (video || goesOn) void this.sendVideo(); // a call that goes on: as before (the screen, the name card)
      if (goesOn) return this.host.changed();
      const rejoined = this.rejoin ? { rejoined: true } : {};
      this.host.callEvent(this, 'call-connected', { remote: this.remote, displayName: this.displayName, direction: this.direction, ...rejoined });
    });
    s.on('confirmed', () => {
      this.keyframes.schedule();
      this.limitVideo();
    });
    s.on('ended', (e: EndEvent) => this.onSessionEnd(e));
    s.on('failed', (e: EndEvent) => this.onSessionEnd(e));
    const holdChange = (held: boolean) => (e: { originator: Originator }) => {
      if (e.originator === 'local') this.held = held;
      else this.remoteHeld = held;
      this.host.changed();
    };
    s.on('hold', holdChange(true));
    s.on('unhold', holdChange(false));
    s.on('muted', () => this.host.changed());
    s.on('unmuted', () => this.host.changed());
    s.on('newDTMF', (e: { originator: Originator; dtmf: { tone: string } }) => {
      if (e.originator === 'remote') this.host.callEvent(this, 'dtmf', { tone: String(e.dtmf.tone).toUpperCase(), direction: 'incoming' });
    });
    s.on('refer', (e: TakeoverEvent) => this.host.referred(this, e));
    s.on('replaces', (e: TakeoverEvent) => this.host.replaced(this, e));
  }

  /**
   * Carries the call on over `session`, which replaced its own (an INVITE with Replaces from the
   * far end's reloaded page): same call, same start, new media path.
   */
  takeSession(session: RTCSession): void {
    this.recovery.renew();
    this.attach(session);
  }

  /** How long (ms) a connected call's media has been missing (or its path broken); 0 while it comes. */
  get silentMs(): number {
    return this.recovery.silentMs();
  }

  /** Puts the call on hold (`true`) or resumes it; `done` says whether the far end agreed. */
  setHeld(held: boolean, done: (ok: boolean) => void = () => {}): boolean {
    const s = this.session;
    if (!s || this.connectedAt === null) return this.host.fail(new PhoneError('no-call'));
    if (this.held === held) {
      done(true);
      return true;
    }
    changeHold(this, s, held, done, err => this.host.fail(err));
    return true;
  }

  setMuted(kind: 'audio' | 'video', value: boolean): void {
    const s = this.session;
    if (!s || this.connectedAt === null) return;
    if (value) s.mute({ [kind]: true });
    else s.unmute({ [kind]: true });
    if (kind === 'video') void this.sendVideo();
  }

  /** Puts on the video sender what the far end should see (see OutgoingVideo). */
  async sendVideo(): Promise<void> {
    await this.outgoingVideo.send(!!this.session?.isMuted().video, this.share.stream, this.localStream);
    this.host.changed();
  }

  get muted(): { audio: boolean; video: boolean } | null {
    if (!this.session || this.connectedAt === null) return null;
    const m = this.session.isMuted();
    return { audio: !!m.audio, video: !!m.video };
  }

  /**
   * Sends `track` (a newly chosen camera or microphone) instead of the one of its kind, with no
   * renegotiation; the old one stops. While the screen is shared the camera waits for its turn.
   */
  async useTrack(track: MediaStreamTrack): Promise<void> {
    const stream = this.localStream;
    if (!stream || this.ended) return void track.stop();
    swapTrack(stream, track);
    if (track.kind === 'video') return this.sendVideo();
    await senderOf(this.pc, 'audio')?.replaceTrack(track).catch(() => {});
    this.host.changed();
  }

  /** Applies `max-video-bitrate` to the video this call sends. */
  limitVideo(): void {
    limitVideo(this.pc, this.host.config?.maxVideoBitrate ?? 0);
  }

  changed(): void {
    this.host.changed();
  }

  /** Sends DTMF tones (0-9, A-D, *, #; "," pauses) as RTP events where agreed, else SIP INFO. */
  sendDtmf(tones: string, mode: PhoneConfig['dtmfMode']): boolean {
    if (!this.session || this.connectedAt === null) return this.host.fail(new PhoneError('no-call'));
    return sendTones(this.session, this.pc, tones, mode, err => this.host.fail(err), tone => this.host.callEvent(this, 'dtmf', { tone, direction: 'outgoing' }));
  }

  /** Ends the call whatever its state: cancel, reject (with `status`) or bye (sent once a lost server connection is back; the call ends here at once). */
  terminate(status?: number, reasonPhrase?: string): void {
    const session = this.session;
    if (!session || session.isEnded()) {
      this.finish({ reason: this.endReason ?? (session ? 'hangup' : 'canceled'), originator: 'local' });
      return;
    }
    try {
      if (!terminateSession(session, status ? { status_code: status, reason_phrase: reasonPhrase } : undefined)) this.finish({ reason: this.endReason ?? 'hangup', originator: 'local' });
    } catch (err) {
      this.host.fail(toPhoneError(err));
      this.finish({ reason: 'hangup', originator: 'local' });
    }
  }

  /** Ends the call once, however it ended: disposes its units, releases every device and the connection. */
  finish(end: Pick<CallEndedDetail, 'reason' | 'originator' | 'status'>, quiet = false): void {
    if (this.ended) return;
    this.ended = true;
    for (const unit of this.units) unit.dispose();
    let byeLater = false; // the server is away: the connection stays, silent, until the BYE goes
    if (this.session && !this.session.isEnded()) {
      try {
        byeLater = !terminateSession(this.session);
      } catch {
        /* already ending */
      }
    }
    stopStream(this.localStream);
    if (!byeLater) releasePeerConnection(this.pc);
    for (const t of this.remoteStream.getTracks()) t.stop();
    const { id: callId, direction, remote, displayName, startedAt } = this;
    // A call a reloaded page could not take back lasted until then all the same.
    const since = this.connectedAt ?? this.rejoin?.connectedAt;
    const durationMs = since ? Date.now() - since : 0;
    const detail: CallEndedDetail = { callId, direction, remote, displayName, startedAt, reason: end.reason, originator: end.originator, durationMs };
    if (end.status) detail.status = end.status;
    this.host.callEnded(this, detail, quiet);
  }

  private onSessionEnd(e: EndEvent): void {
    const status = e.message?.status_code;
    let reason: EndReason = this.endReason ?? endReasonOf(e.cause, status);
    if (this.host.config?.guest && this.direction === 'outgoing' && (reason === 'auth-failed' || status === 401 || status === 403 || status === 407)) reason = 'not-for-guests'; // asked for credentials, or turned away
    // A reloaded page's call that the far end would not give back (or no longer has).
    if (this.rejoin && this.connectedAt === null && !this.endReason) reason = 'rejoin-failed';
    this.finish({ reason, status: status && status >= 300 ? status : undefined, originator: e.originator });
  }

  private attachPeerConnection(pc: RTCPeerConnection): void {
    if (this.pc === pc) return;
    this.pc = pc;
    beforeDescription(pc, () => {
      this.fastStart.begin(pc);
      preferCodecs(pc, this.host.config?.videoCodecs ?? []);
    });
    // ICE state for the path, connection state for ICE + DTLS together: a browser may reconnect
    // ICE and still fail the DTLS handshake (Firefox keeps the first certificate a relay showed).
    const watch = () => {
      this.recovery.watch(pc);
      this.keyframes.pathChanged(pc);
      this.fastStart.pathChanged(pc);
    };
    // The call's first offer or answer (a relay-only one may gather nothing): see IceGatheringCutoff.
    pc.addEventListener('icegatheringstatechange', () => {
      if (pc.iceGatheringState === 'gathering' && this.connectedAt === null) this.iceCutoff.started(pc);
    });
    pc.addEventListener('iceconnectionstatechange', watch);
    pc.addEventListener('connectionstatechange', watch);
    // Every renegotiation after the call connected (hold/unhold, re-INVITE or UPDATE either way,
    // ICE restart) may have changed the media path: a fresh keyframe then.
    let settled = 0;
    pc.addEventListener('signalingstatechange', () => {
      if (pc.signalingState === 'have-remote-offer' && this.connectedAt !== null) this.recovery.farEndOffered();
      // A quiet time after each renegotiation, not after the call's first offer and answer.
      if (pc.signalingState === 'stable' && settled++ && this.connectedAt !== null) this.recovery.renegotiated();
      if (pc.signalingState === 'stable' && this.connectedAt !== null && !this.ended) {
        this.keyframes.schedule();
        this.limitVideo();
      }
    });
    pc.addEventListener('track', (e: RTCTrackEvent) => {
      const stream = this.remoteStream;
      for (const old of stream.getTracks()) if (old.kind === e.track.kind && old !== e.track) stream.removeTrack(old);
      if (!stream.getTrackById(e.track.id)) stream.addTrack(e.track);
      this.host.changed();
    });
  }
}
