import { UA, C as JsSIPConstants } from './jssip.js';
import type { RTCSession } from 'jssip/lib/RTCSession';
import type { IncomingRequest } from 'jssip/lib/SIPMessage';
import { DEFAULTS, parseConfig, resolveTarget, sameConnection, toUaConfiguration } from './config.js';
import type { PhoneConfig, PhoneOptions } from './config.js';
import { PhoneError, toPhoneError } from './errors.js';
import type { ErrorDetail } from './errors.js';
import { getLocalMedia, releasePeerConnection, stopStream } from './media.js';
import type {
  CallConnectedDetail,
  CallEndedDetail,
  CallProgressDetail,
  CallState,
  Direction,
  DtmfDetail,
  EndReason,
  IncomingCallDetail,
  MessageDetail,
  Originator,
  RegistrationFailedDetail,
  RegistrationState,
} from './types.js';

/** Events a SipPhone dispatches (as CustomEvent). `change` says any readable state changed. */
export interface PhoneEventMap {
  registered: CustomEvent<Record<string, never>>;
  unregistered: CustomEvent<Record<string, never>>;
  'registration-failed': CustomEvent<RegistrationFailedDetail>;
  'incoming-call': CustomEvent<IncomingCallDetail>;
  'call-progress': CustomEvent<CallProgressDetail>;
  'call-connected': CustomEvent<CallConnectedDetail>;
  'call-ended': CustomEvent<CallEndedDetail>;
  message: CustomEvent<MessageDetail>;
  dtmf: CustomEvent<DtmfDetail>;
  error: CustomEvent<ErrorDetail>;
  change: CustomEvent<null>;
}

export const PHONE_EVENTS = [
  'registered',
  'unregistered',
  'registration-failed',
  'incoming-call',
  'call-progress',
  'call-connected',
  'call-ended',
  'message',
  'dtmf',
  'error',
] as const;

/** Public, read-only view of a call. */
export interface CallInfo {
  direction: Direction;
  /** The other party's SIP URI. */
  remote: string;
  /** The other party's display name (plain text), or its user part. */
  displayName: string;
  /** When the call connected (ms since epoch), or null before that. */
  connectedAt: number | null;
  /** The far end has put the call on hold. */
  remoteHeld: boolean;
}

/** The part of JsSIP's session an ICE restart uses, including its re-INVITE without hang-up on failure. */
interface ReofferingSession {
  isEstablished(): boolean;
  isReadyToReOffer(): boolean;
  _sendReinvite(options: { rtcOfferConstraints: RTCOfferOptions; eventHandlers: { failed: () => void } }): void;
}

interface CallRecord extends CallInfo {
  session: RTCSession | null;
  ringing: boolean;
  held: boolean;
  ended: boolean;
  localStream: MediaStream | null;
  remoteStream: MediaStream;
  pc: RTCPeerConnection | null;
  offersVideo: boolean;
  iceReady: (() => void) | null;
  iceSettle: ReturnType<typeof setTimeout> | undefined;
  iceCap: ReturnType<typeof setTimeout> | undefined;
  noAnswerTimer: ReturnType<typeof setTimeout> | undefined;
  iceTimer: ReturnType<typeof setTimeout> | undefined;
  iceRestarts: number;
  /** Watches that RTP keeps arriving while the path claims to be up (see `checkMediaFlow`). */
  flowTimer: ReturnType<typeof setInterval> | undefined;
  keyframeTimers: ReturnType<typeof setTimeout>[];
  /** A keyframe refresh waits for the media path to be up (ICE and DTLS). */
  refreshWanted: boolean;
  packetsIn: number;
  flowingChecks: number;
  silentSince: number;
  /** A reason decided here that overrides what JsSIP reports (e.g. our own no-answer cancel). */
  endReason: EndReason | null;
}

export interface CallOptions {
  /** Send camera video (default true). */
  video?: boolean;
}

/** How long `call-state="ended"` stays before the phone is `idle` again. */
export const ENDED_STATE_MS = 1500;

/**
 * ICE recovery: how long a `disconnected` media path may stay so before the caller renegotiates
 * with an ICE restart (the callee waits longer, so both ends do not restart at once and collide
 * with 491), how long one restart may take, and how many are tried before the call ends with
 * `media-error`. A path that is up but carries no RTP at all for `silenceMs` (neither side on
 * hold) counts as broken too: a DTLS/SRTP failure the connection states do not report.
 */
export const ICE_RECOVERY = { callerGraceMs: 2000, calleeGraceMs: 6000, restartTimeoutMs: 10000, maxRestarts: 2, silenceMs: 8000, flowCheckMs: 2000 };

const CAUSE_TO_REASON: Record<string, EndReason> = {
  [JsSIPConstants.causes.BYE]: 'hangup',
  [JsSIPConstants.causes.CANCELED]: 'canceled',
  [JsSIPConstants.causes.BUSY]: 'busy',
  [JsSIPConstants.causes.REJECTED]: 'rejected',
  [JsSIPConstants.causes.NOT_FOUND]: 'not-found',
  [JsSIPConstants.causes.UNAVAILABLE]: 'unavailable',
  [JsSIPConstants.causes.NO_ANSWER]: 'no-answer',
  [JsSIPConstants.causes.AUTHENTICATION_ERROR]: 'auth-failed',
  [JsSIPConstants.causes.CONNECTION_ERROR]: 'connection-error',
  [JsSIPConstants.causes.REQUEST_TIMEOUT]: 'request-timeout',
  [JsSIPConstants.causes.USER_DENIED_MEDIA_ACCESS]: 'media-error',
  [JsSIPConstants.causes.WEBRTC_ERROR]: 'media-error',
  [JsSIPConstants.causes.BAD_MEDIA_DESCRIPTION]: 'media-error',
  [JsSIPConstants.causes.RTP_TIMEOUT]: 'media-error',
  [JsSIPConstants.causes.INCOMPATIBLE_SDP]: 'incompatible',
  [JsSIPConstants.causes.MISSING_SDP]: 'incompatible',
  [JsSIPConstants.causes.ADDRESS_INCOMPLETE]: 'address-incomplete',
  [JsSIPConstants.causes.REDIRECTED]: 'redirected',
};

const DTMF_TONES = /^[0-9A-D#*,]+$/i;

/** JsSIP's end/failure event, as far as we read it. */
interface EndEvent {
  originator: Originator;
  cause: string;
  message?: { status_code?: number } | null;
}

/**
 * A browser SIP phone: one registration, one current call and one ringing incoming call.
 * Framework-free; the only module that talks to JsSIP. It never throws to its caller for
 * things a person or a page can get wrong: it dispatches an `error` event with a code and
 * returns false instead.
 */
export class SipPhone extends EventTarget {
  private ua: UA | null = null;
  private config: PhoneConfig | null = null;
  private pendingConfig: PhoneConfig | null = null;
  private current: CallRecord | null = null;
  private incoming: CallRecord | null = null;
  /** A call put on hold to answer another one; it comes back when the other one ends. */
  private parked: CallRecord | null = null;
  private endedUntil = 0;
  private endedTimer: ReturnType<typeof setTimeout> | undefined;
  private outage = false;
  private mutePreference = { audio: false, video: false };
  private _registrationState: RegistrationState = 'unregistered';
  /** The last problem worth showing a person (configuration, registration, media), or null. */
  problem: PhoneError | null = null;
  /** A passing notice (e.g. "continuing with audio only"), or null. */
  notice: string | null = null;

  get registrationState(): RegistrationState {
    return this._registrationState;
  }

  get callState(): CallState {
    const c = this.current;
    if (c) {
      if (c.connectedAt === null) return c.direction === 'outgoing' ? (c.ringing ? 'ringing' : 'calling') : 'incoming';
      return c.held ? 'held' : 'connected';
    }
    if (this.incoming) return 'incoming';
    return Date.now() < this.endedUntil ? 'ended' : 'idle';
  }

  /** The current call, or null. */
  get currentCall(): CallInfo | null {
    return this.current ? info(this.current) : null;
  }

  /** The ringing incoming call (also while another call is in progress), or null. */
  get incomingCall(): CallInfo | null {
    return this.incoming ? info(this.incoming) : null;
  }

  private get hasCalls(): boolean {
    return !!(this.current || this.incoming || this.parked);
  }

  /** The call on hold behind the current one (after hold-and-answer), or null. */
  get heldCall(): CallInfo | null {
    return this.parked ? info(this.parked) : null;
  }

  get localStream(): MediaStream | null {
    return this.current?.localStream ?? null;
  }

  get remoteStream(): MediaStream | null {
    return this.current?.remoteStream ?? null;
  }

  /** The current call's RTCPeerConnection, for `getStats()`; null without a call. */
  get peerConnection(): RTCPeerConnection | null {
    return this.current?.pc ?? null;
  }

  get muted(): { audio: boolean; video: boolean } {
    const s = this.current?.session;
    if (s && this.current?.connectedAt !== null) {
      const m = s.isMuted();
      return { audio: !!m.audio, video: !!m.video };
    }
    return { ...this.mutePreference };
  }

  /** The SIP domain of the configured account, or '' when unconfigured. */
  get domain(): string {
    return this.config?.domain ?? '';
  }

  get user(): string {
    return this.config?.user ?? '';
  }

  get dtmfMode(): PhoneConfig['dtmfMode'] {
    return this.config?.dtmfMode ?? DEFAULTS.dtmfMode;
  }

  addEventListener<K extends keyof PhoneEventMap>(type: K, listener: (ev: PhoneEventMap[K]) => void, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void {
    super.addEventListener(type, listener, options);
  }

  removeEventListener<K extends keyof PhoneEventMap>(type: K, listener: (ev: PhoneEventMap[K]) => void, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): void {
    super.removeEventListener(type, listener, options);
  }

  /**
   * Applies a configuration and (re)connects when it differs from the running one. While a call
   * is in progress the change waits for the call to end: a settings change never drops a call.
   * Returns false (and dispatches `error`) when the configuration is invalid.
   */
  configure(options: PhoneOptions): boolean {
    if (!options.sipUri && !options.wsUrl && !options.password && !options.ha1) {
      // Nothing set yet (a page that configures the phone from script later): not an error.
      if (this.hasCalls) return true;
      this.stop();
      this.problem = null;
      this.changed();
      return true;
    }
    let next: PhoneConfig;
    try {
      next = parseConfig(options);
    } catch (err) {
      const e = toPhoneError(err, 'invalid-option');
      this.pendingConfig = null;
      if (!this.hasCalls) this.shutdown();
      this.config = this.hasCalls ? this.config : null;
      this.problem = e;
      if (!this.ua) this.setRegistration('failed');
      this.fail(e);
      return false;
    }
    if (this.problem && isConfigProblem(this.problem)) this.problem = null;
    if (sameConnection(next, this.config) && this.ua) {
      this.config = next;
      this.pendingConfig = null;
      this.changed();
      return true;
    }
    if (this.hasCalls) {
      this.pendingConfig = next;
      return true;
    }
    this.apply(next);
    return true;
  }

  /** Disconnects and forgets the configuration (hangs up any call). */
  stop(): void {
    this.pendingConfig = null;
    this.shutdown();
    this.config = null;
    this.setRegistration('unregistered');
  }

  register(): boolean {
    if (!this.ua) return this.fail(new PhoneError('not-configured', 'Set sip-uri, ws-url and password first'));
    this.ua.register();
    return true;
  }

  unregister(): boolean {
    if (!this.ua) return this.fail(new PhoneError('not-configured', 'Set sip-uri, ws-url and password first'));
    this.ua.unregister();
    return true;
  }

  /** Places a call. Resolves true once the INVITE is on its way. */
  async call(target: string | null | undefined, options: CallOptions = {}): Promise<boolean> {
    const ua = this.ua;
    if (!ua || !this.config) return this.fail(new PhoneError('not-configured', 'Set sip-uri, ws-url and password first'));
    if (!ua.isConnected() || (!this.config.manualRegister && this._registrationState !== 'registered')) {
      return this.fail(new PhoneError('not-registered', 'Not registered with the SIP server'));
    }
    if (this.current) return this.fail(new PhoneError('busy', 'Already in a call: hang up first'));
    let uri: string;
    try {
      uri = resolveTarget(target, this.config.domain);
    } catch (err) {
      return this.fail(toPhoneError(err, 'invalid-target'));
    }
    const rec = newRecord('outgoing', uri, userOf(uri));
    this.current = rec;
    this.startOver();
    this.changed();

    const media = await this.openMedia(options.video !== false);
    if (!media || rec.ended) {
      stopStream(media?.stream);
      if (!rec.ended) this.finish(rec, { reason: 'media-error', originator: 'local' });
      return false;
    }
    rec.localStream = media.stream;
    try {
      const session = ua.call(uri, {
        mediaStream: media.stream,
        pcConfig: this.pcConfig(),
        rtcOfferConstraints: { offerToReceiveAudio: true, offerToReceiveVideo: true },
      });
      this.attach(rec, session);
      this.startNoAnswerTimer(rec);
    } catch (err) {
      this.finish(rec, { reason: 'failed', originator: 'local' });
      return this.fail(toPhoneError(err));
    }
    this.changed();
    return true;
  }

  /**
   * Answers the ringing call. A connected call in progress is put on hold and comes back when
   * this one ends (hold-and-answer); one that is not connected yet, or a second held call, is
   * hung up first.
   */
  async answer(options: CallOptions = {}): Promise<boolean> {
    const rec = this.incoming;
    if (!rec || !rec.session) return this.fail(new PhoneError('no-incoming-call', 'There is no incoming call to answer'));
    clearTimeout(rec.noAnswerTimer);
    const active = this.current;
    if (active && active.session && active.connectedAt !== null && !this.parked) {
      if (!active.held) active.session.hold();
      this.parked = active;
      this.current = null;
    } else if (active) {
      this.hangup();
    }
    this.incoming = null;
    this.current = rec;
    this.startOver();
    this.changed();
    const media = await this.openMedia(options.video !== false && rec.offersVideo);
    if (!media || rec.ended) {
      stopStream(media?.stream);
      if (!rec.ended) this.terminate(rec, 488);
      return false;
    }
    rec.localStream = media.stream;
    try {
      rec.session.answer({ mediaStream: media.stream, pcConfig: this.pcConfig() });
    } catch (err) {
      stopStream(media.stream);
      this.terminate(rec, 500);
      return this.fail(toPhoneError(err));
    }
    return true;
  }

  /** Declines the ringing call (603 Decline). */
  decline(): boolean {
    const rec = this.incoming ?? (this.current?.direction === 'incoming' && this.current.connectedAt === null ? this.current : null);
    if (!rec) return this.fail(new PhoneError('no-incoming-call', 'There is no incoming call to decline'));
    this.terminate(rec, 603, 'Decline');
    return true;
  }

  /** Ends the current call whatever its state (cancel, reject or bye); declines a lone ringing call. */
  hangup(): boolean {
    const rec = this.current;
    if (!rec) {
      if (this.incoming) return this.decline();
      return this.fail(new PhoneError('no-call', 'There is no call to hang up'));
    }
    if (!rec.session) {
      // Still opening the camera: nothing has been sent yet.
      this.finish(rec, { reason: 'canceled', originator: 'local' });
      return true;
    }
    this.terminate(rec);
    return true;
  }

  hold(): boolean {
    return this.withCall(s => s.hold());
  }

  unhold(): boolean {
    return this.withCall(s => s.unhold());
  }

  /** Mutes or unmutes the microphone and/or camera. Without a call, applies to the next one. */
  setMuted(options: { audio?: boolean; video?: boolean }): boolean {
    for (const kind of ['audio', 'video'] as const) {
      const value = options[kind];
      if (typeof value !== 'boolean') continue;
      this.mutePreference[kind] = value;
      const s = this.current?.session;
      if (s && this.current?.connectedAt !== null) {
        if (value) s.mute({ [kind]: true });
        else s.unmute({ [kind]: true });
      }
    }
    this.changed();
    return true;
  }

  /** Sends DTMF tones (0-9, A-D, *, #; "," pauses) in the configured mode. */
  sendDtmf(tones: string): boolean {
    const rec = this.current;
    if (!rec?.session || rec.connectedAt === null) return this.fail(new PhoneError('no-call', 'DTMF needs a connected call'));
    const value = String(tones ?? '');
    if (!DTMF_TONES.test(value)) return this.fail(new PhoneError('dtmf-failed', `"${value}" is not DTMF (0-9, A-D, *, #)`));
    const audioSender = rec.pc?.getSenders().find(s => s.track?.kind === 'audio');
    // RFC 2833 needs the far end to have agreed on telephone-event; otherwise fall back to INFO.
    const rtp = this.dtmfMode === 'rfc2833' && !!audioSender?.dtmf?.canInsertDTMF;
    try {
      rec.session.sendDTMF(value, { transportType: rtp ? 'RFC2833' : 'INFO' } as never);
    } catch (err) {
      return this.fail(toPhoneError(err, 'dtmf-failed'));
    }
    for (const tone of value.replace(/,/g, '')) this.emit('dtmf', { tone: tone.toUpperCase(), direction: 'outgoing' });
    return true;
  }

  /** Sends a text message (SIP MESSAGE) to `target`, or to the current call's peer. */
  sendMessage(text: string, target?: string | null): Promise<boolean> {
    const ua = this.ua;
    if (!ua || !this.config) return Promise.resolve(this.fail(new PhoneError('not-configured', 'Set sip-uri, ws-url and password first')));
    const body = String(text ?? '');
    if (!body.trim()) return Promise.resolve(this.fail(new PhoneError('message-failed', 'The message is empty')));
    let uri: string;
    try {
      uri = target ? resolveTarget(target, this.config.domain) : (this.current?.remote ?? resolveTarget(null, this.config.domain));
    } catch (err) {
      return Promise.resolve(this.fail(toPhoneError(err, 'invalid-target')));
    }
    return new Promise(resolve => {
      try {
        ua.sendMessage(uri, body, {
          contentType: 'text/plain; charset=utf-8',
          eventHandlers: {
            succeeded: () => {
              this.emit('message', { from: uri, body, direction: 'outgoing' });
              resolve(true);
            },
            failed: (e: { cause?: string; response?: { status_code?: number } | null }) => {
              const status = e.response?.status_code;
              resolve(this.fail(new PhoneError('message-failed', `Message not delivered: ${e.cause ?? 'failed'}${status ? ` (${status})` : ''}`)));
            },
          },
        } as never);
      } catch (err) {
        resolve(this.fail(toPhoneError(err, 'message-failed')));
      }
    });
  }

  // ---- internals -------------------------------------------------------------------------

  private apply(config: PhoneConfig): void {
    this.shutdown();
    this.config = config;
    this.pendingConfig = null;
    this.outage = false;
    let ua: UA;
    try {
      ua = new UA(toUaConfiguration(config));
    } catch (err) {
      this.config = null;
      this.problem = toPhoneError(err, 'invalid-option');
      this.fail(this.problem);
      return;
    }
    this.ua = ua;
    ua.on('connecting', () => {
      if (this.ua !== ua) return;
      if (this._registrationState !== 'registered') this.setRegistration('connecting');
    });
    ua.on('connected', () => {
      if (this.ua !== ua) return;
      this.outage = false;
      if (this.problem?.code === 'connection-error') this.problem = null;
      if (config.manualRegister && this._registrationState === 'connecting') this.setRegistration('unregistered');
      this.changed();
    });
    ua.on('disconnected', (e: { error?: boolean }) => {
      if (this.ua !== ua) return;
      // JsSIP keeps retrying the connection; say so once per outage. A call in progress goes on:
      // its media does not need the server, and its in-dialog requests wait for the reconnection.
      const wasRegistered = this._registrationState === 'registered';
      this.setRegistration('connecting');
      if (e.error && !this.outage) {
        this.outage = true;
        this.problem = new PhoneError(
          'connection-error',
          wasRegistered ? 'Connection to the server lost: reconnecting…' : `Cannot reach ${config.wsUrl}: retrying…`,
        );
        this.fail(this.problem);
      }
    });
    ua.on('registered', () => {
      if (this.ua !== ua) return;
      this.problem = null;
      this.setRegistration('registered');
      this.emit('registered', {});
    });
    ua.on('unregistered', () => {
      if (this.ua !== ua) return;
      // JsSIP also reports a lost connection as "unregistered"; that is an outage, not a choice,
      // and the phone registers again by itself once reconnected.
      if (!ua.isConnected()) return;
      this.setRegistration('unregistered');
      this.emit('unregistered', {});
    });
    ua.on('registrationFailed', (e: { cause?: string; response?: { status_code?: number } | null }) => {
      if (this.ua !== ua) return;
      const status = e.response?.status_code;
      const reason: RegistrationFailedDetail['reason'] =
        e.cause === JsSIPConstants.causes.AUTHENTICATION_ERROR || status === 401 || status === 403 || status === 407
          ? 'auth-failed'
          : e.cause === JsSIPConstants.causes.CONNECTION_ERROR
            ? 'connection-error'
            : e.cause === JsSIPConstants.causes.REQUEST_TIMEOUT
              ? 'request-timeout'
              : 'failed';
      this.problem = new PhoneError(
        reason === 'auth-failed' ? 'auth-failed' : 'connection-error',
        reason === 'auth-failed'
          ? `Registration refused: wrong user name or password${status ? ` (${status})` : ''}`
          : `Registration failed: ${e.cause ?? 'unknown error'}${status ? ` (${status})` : ''}`,
      );
      this.setRegistration('failed');
      this.emit('registration-failed', status ? { reason, status } : { reason });
      this.fail(this.problem);
    });
    ua.on('newRTCSession', (e: { originator: Originator; session: RTCSession; request: IncomingRequest }) => {
      if (this.ua !== ua || e.originator !== 'remote') return;
      this.onIncoming(e.session, e.request);
    });
    ua.on('newMessage', (e: { originator: Originator; request: IncomingRequest }) => {
      if (this.ua !== ua || e.originator !== 'remote') return;
      const from = e.request.from?.uri?.toString() ?? '';
      this.emit('message', { from, body: String(e.request.body ?? ''), direction: 'incoming' });
    });
    this.setRegistration('connecting');
    globalThis.addEventListener?.('online', this.onOnline);
    try {
      ua.start();
    } catch (err) {
      this.fail(toPhoneError(err, 'connection-error'));
    }
  }

  /** Back on the network: reconnect now instead of waiting for the next back-off step. */
  private readonly onOnline = (): void => {
    const ua = this.ua as (UA & { transport?: { connect(): void } }) | null;
    if (ua && !ua.isConnected()) ua.transport?.connect();
  };

  private shutdown(): void {
    const ua = this.ua;
    this.ua = null;
    globalThis.removeEventListener?.('online', this.onOnline);
    for (const rec of [this.current, this.incoming, this.parked]) {
      if (rec) this.finish(rec, { reason: 'hangup', originator: 'local' }, true);
    }
    if (ua) {
      try {
        ua.stop();
      } catch {
        /* already stopped */
      }
    }
  }

  private onIncoming(session: RTCSession, request: IncomingRequest): void {
    if (this.incoming || this.parked) {
      session.terminate({ status_code: 486, reason_phrase: 'Busy Here' });
      return;
    }
    const identity = session.remote_identity;
    const remote = identity?.uri?.toString() ?? '';
    const rec = newRecord('incoming', remote, identity?.display_name || identity?.uri?.user || remote);
    rec.offersVideo = /\r?\nm=video [1-9]/.test(String(request.body ?? ''));
    this.incoming = rec;
    this.attach(rec, session);
    this.startNoAnswerTimer(rec, 480);
    this.emit('incoming-call', { from: remote, displayName: rec.displayName });
    this.changed();
  }

  private attach(rec: CallRecord, session: RTCSession): void {
    rec.session = session;
    const s = session as unknown as { on(name: string, fn: (e: never) => void): void; connection?: RTCPeerConnection };
    if (s.connection) this.attachPeerConnection(rec, s.connection);
    s.on('peerconnection', (e: { peerconnection: RTCPeerConnection }) => this.attachPeerConnection(rec, e.peerconnection));
    s.on('icecandidate', (e: { ready: () => void }) => this.onIceCandidate(rec, e.ready));
    s.on('sdp', (e: { originator: Originator }) => {
      if (e.originator === 'local') clearIceTimers(rec);
    });
    s.on('progress', (e: { originator: Originator; response?: { status_code?: number; reason_phrase?: string } }) => {
      if (rec.direction !== 'outgoing' || e.originator !== 'remote') return;
      const status = e.response?.status_code;
      if (status === 180 || status === 183) rec.ringing = true;
      this.emit('call-progress', { status, reason: e.response?.reason_phrase });
      this.changed();
    });
    s.on('accepted', () => {
      rec.connectedAt = Date.now();
      rec.silentSince = Date.now();
      rec.flowTimer = setInterval(() => void this.checkMediaFlow(rec), ICE_RECOVERY.flowCheckMs);
      const { audio, video } = this.mutePreference;
      if (audio || video) session.mute({ audio, video });
      this.emit('call-connected', { remote: rec.remote, displayName: rec.displayName, direction: rec.direction });
      this.changed();
    });
    s.on('confirmed', () => this.refreshKeyframes(rec));
    s.on('ended', (e: EndEvent) => this.onSessionEnd(rec, e));
    s.on('failed', (e: EndEvent) => this.onSessionEnd(rec, e));
    s.on('hold', (e: { originator: Originator }) => {
      if (e.originator === 'local') rec.held = true;
      else rec.remoteHeld = true;
      this.changed();
    });
    s.on('unhold', (e: { originator: Originator }) => {
      if (e.originator === 'local') rec.held = false;
      else rec.remoteHeld = false;
      this.changed();
    });
    s.on('muted', () => this.changed());
    s.on('unmuted', () => this.changed());
    s.on('newDTMF', (e: { originator: Originator; dtmf: { tone: string } }) => {
      if (e.originator === 'remote') this.emit('dtmf', { tone: String(e.dtmf.tone).toUpperCase(), direction: 'incoming' });
    });
  }

  private attachPeerConnection(rec: CallRecord, pc: RTCPeerConnection): void {
    if (rec.pc === pc) return;
    rec.pc = pc;
    // ICE state for the path, connection state for ICE + DTLS together: a browser may reconnect
    // ICE and still fail the DTLS handshake (Firefox keeps the first certificate a relay showed).
    pc.addEventListener('iceconnectionstatechange', () => this.watchIce(rec, pc));
    pc.addEventListener('connectionstatechange', () => this.watchIce(rec, pc));
    // Every renegotiation after the call connected (hold/unhold, re-INVITE or UPDATE either way,
    // ICE restart) may have changed the media path: a fresh keyframe then.
    pc.addEventListener('signalingstatechange', () => {
      if (pc.signalingState === 'stable' && rec.connectedAt !== null) this.refreshKeyframes(rec);
    });
    pc.addEventListener('track', (e: RTCTrackEvent) => {
      const stream = rec.remoteStream;
      for (const old of stream.getTracks()) if (old.kind === e.track.kind && old !== e.track) stream.removeTrack(old);
      if (!stream.getTrackById(e.track.id)) stream.addTrack(e.track);
      this.changed();
    });
  }

  /**
   * Stops ICE gathering early: the offer/answer leaves once candidates have been quiet for a
   * moment, and in any case after `iceGatheringTimeout`, instead of waiting for gathering to
   * complete (JsSIP's behaviour, 10-40 s with an unreachable STUN/TURN server).
   */
  private onIceCandidate(rec: CallRecord, ready: () => void): void {
    rec.iceReady = ready;
    const fire = () => {
      clearIceTimers(rec);
      rec.iceReady?.();
    };
    if (rec.iceCap === undefined) rec.iceCap = setTimeout(fire, this.config?.iceGatheringTimeout ?? DEFAULTS.iceGatheringTimeout);
    clearTimeout(rec.iceSettle);
    rec.iceSettle = setTimeout(fire, DEFAULTS.iceSettleMs);
  }

  /** Schedules an ICE restart when the media path of a connected call breaks, and forgets it when it heals. */
  private watchIce(rec: CallRecord, pc: RTCPeerConnection): void {
    if (rec.ended || rec.pc !== pc) return;
    if (mediaPathUp(pc)) {
      // The restart count goes back to 0 once RTP flows again (checkMediaFlow), not here.
      clearTimeout(rec.iceTimer);
      rec.iceTimer = undefined;
      if (rec.refreshWanted && rec.connectedAt !== null) this.refreshKeyframes(rec);
      return;
    }
    // ICE came back after our restart but DTLS failed: another restart would fail the same way.
    if (pc.connectionState === 'failed' && iceUp(pc) && rec.iceRestarts > 0) return this.mediaLost(rec);
    const broken = ['disconnected', 'failed'];
    if ((broken.includes(pc.iceConnectionState) || broken.includes(pc.connectionState)) && rec.connectedAt !== null && rec.iceTimer === undefined) {
      const grace = rec.direction === 'outgoing' ? ICE_RECOVERY.callerGraceMs : ICE_RECOVERY.calleeGraceMs;
      rec.iceTimer = setTimeout(() => this.restartIce(rec), grace);
    }
  }

  /**
   * Counts the RTP packets that arrived. Resets the restart count while they grow; restarts ICE
   * when none arrived for `silenceMs` although the path is up and neither side holds.
   */
  private async checkMediaFlow(rec: CallRecord): Promise<void> {
    const pc = rec.pc;
    if (rec.ended || !pc) return;
    if (rec.held || rec.remoteHeld || !mediaPathUp(pc)) {
      rec.silentSince = Date.now();
      return;
    }
    let packets = 0;
    try {
      (await pc.getStats()).forEach((s: { type: string; packetsReceived?: number }) => {
        if (s.type === 'inbound-rtp') packets += s.packetsReceived ?? 0;
      });
    } catch {
      return; // closed meanwhile
    }
    if (packets !== rec.packetsIn) {
      rec.packetsIn = packets;
      rec.silentSince = Date.now();
      // Recovered once media keeps flowing (a restart can let a few packets through and no more).
      if (++rec.flowingChecks >= 3) rec.iceRestarts = 0;
      return;
    }
    rec.flowingChecks = 0;
    if (Date.now() - rec.silentSince >= ICE_RECOVERY.silenceMs) {
      // Up but silent, also after a restart that "worked": the next restart, or media-error.
      rec.silentSince = Date.now();
      clearTimeout(rec.iceTimer);
      this.restartIce(rec, true);
    }
  }

  private restartIce(rec: CallRecord, silent = false): void {
    rec.iceTimer = undefined;
    if (rec.ended || !rec.session || (!silent && rec.pc && mediaPathUp(rec.pc))) return;
    if (rec.iceRestarts >= ICE_RECOVERY.maxRestarts) return this.mediaLost(rec);
    rec.iceRestarts++;
    try {
      this.reofferIce(rec, rec.session as unknown as ReofferingSession);
    } catch {
      /* not ready to re-offer now: the timer below tries again */
    }
    rec.iceTimer = setTimeout(() => this.restartIce(rec), ICE_RECOVERY.restartTimeoutMs);
  }

  /**
   * A re-INVITE with fresh ICE credentials; the far end answers with new candidates. Not through
   * `renegotiate()`, which hangs up when the re-INVITE fails: a relay still down (5xx) or a
   * collision (491) only means trying again later, so the offer is rolled back and the restart
   * timer decides.
   */
  private reofferIce(rec: CallRecord, session: ReofferingSession): void {
    if (!session.isEstablished() || !session.isReadyToReOffer()) return;
    session._sendReinvite({
      rtcOfferConstraints: { iceRestart: true },
      eventHandlers: {
        failed: () => {
          const pc = rec.pc;
          if (!rec.ended && pc?.signalingState === 'have-local-offer') pc.setLocalDescription({ type: 'rollback' }).catch(() => {});
        },
      },
    });
  }

  /** Schedules the outgoing video's keyframe refreshes (`keyframe-refresh`), replacing pending ones. */
  private refreshKeyframes(rec: CallRecord): void {
    rec.keyframeTimers.forEach(clearTimeout);
    // Counted from when media can flow: a keyframe sent before the DTLS handshake is lost too.
    rec.refreshWanted = !rec.pc || !mediaPathUp(rec.pc);
    if (rec.refreshWanted) return;
    const delays = this.config?.keyframeRefresh ?? DEFAULTS.keyframeRefresh;
    rec.keyframeTimers = delays.map(ms => setTimeout(() => {
      if (!rec.ended && !rec.held && !rec.remoteHeld && rec.pc) void restartVideoEncoding(rec.pc);
    }, ms));
  }

  /** Ends a call whose media path could not be restored, saying so (until the next call). */
  private mediaLost(rec: CallRecord): void {
    clearTimeout(rec.iceTimer);
    rec.iceTimer = undefined;
    rec.endReason = 'media-error';
    this.problem = new PhoneError('media-error', 'The media connection was lost and could not be restored');
    this.fail(this.problem);
    this.terminate(rec);
  }

  /** A new call: the last call's notice and media problem no longer apply. */
  private startOver(): void {
    this.notice = null;
    if (this.problem?.code === 'media-error') this.problem = null;
  }

  /** Gives up on a call nobody answers within `no-answer-timeout`: cancels it, or refuses it with `status`. */
  private startNoAnswerTimer(rec: CallRecord, status?: number): void {
    const limit = (this.config?.noAnswerTimeout ?? DEFAULTS.noAnswerTimeout) * 1000;
    rec.noAnswerTimer = setTimeout(() => {
      if (rec.connectedAt !== null || rec.ended) return;
      rec.endReason = 'no-answer';
      this.terminate(rec, status);
    }, limit);
  }

  private onSessionEnd(rec: CallRecord, e: EndEvent): void {
    const status = e.message?.status_code;
    let reason: EndReason = rec.endReason ?? CAUSE_TO_REASON[e.cause] ?? 'failed';
    if (reason === 'failed' && e.cause === JsSIPConstants.causes.SIP_FAILURE_CODE && status) reason = status >= 500 ? 'unavailable' : 'failed';
    this.finish(rec, { reason, status: status && status >= 300 ? status : undefined, originator: e.originator });
  }

  private terminate(rec: CallRecord, status?: number, reasonPhrase?: string): void {
    const session = rec.session;
    if (!session || session.isEnded()) {
      this.finish(rec, { reason: 'hangup', originator: 'local' });
      return;
    }
    try {
      session.terminate(status ? { status_code: status, reason_phrase: reasonPhrase } : undefined);
    } catch (err) {
      this.fail(toPhoneError(err));
      this.finish(rec, { reason: 'hangup', originator: 'local' });
    }
  }

  /** Ends a call record once, however it ended: releases every device and the connection. */
  private finish(rec: CallRecord, end: Omit<CallEndedDetail, 'durationMs'>, quiet = false): void {
    if (rec.ended) return;
    rec.ended = true;
    clearIceTimers(rec);
    clearTimeout(rec.noAnswerTimer);
    clearTimeout(rec.iceTimer);
    clearInterval(rec.flowTimer);
    rec.keyframeTimers.forEach(clearTimeout);
    if (rec.session && !rec.session.isEnded()) {
      try {
        rec.session.terminate();
      } catch {
        /* already ending */
      }
    }
    stopStream(rec.localStream);
    releasePeerConnection(rec.pc);
    for (const t of rec.remoteStream.getTracks()) t.stop();
    const wasCurrent = this.current === rec;
    if (wasCurrent) this.current = null;
    if (this.incoming === rec) this.incoming = null;
    if (this.parked === rec) this.parked = null;
    if (wasCurrent && this.parked) {
      // The call held for this one comes back (still on hold: resuming is the person's choice).
      this.current = this.parked;
      this.parked = null;
    }
    if (wasCurrent && !this.current) {
      this.endedUntil = Date.now() + ENDED_STATE_MS;
      clearTimeout(this.endedTimer);
      this.endedTimer = setTimeout(() => this.changed(), ENDED_STATE_MS + 10);
    }
    const detail: CallEndedDetail = { reason: end.reason, originator: end.originator, durationMs: rec.connectedAt ? Date.now() - rec.connectedAt : 0 };
    if (end.status) detail.status = end.status;
    if (!quiet) this.emit('call-ended', detail);
    if (this.pendingConfig && !this.hasCalls) this.apply(this.pendingConfig);
    this.changed();
  }

  private async openMedia(video: boolean) {
    try {
      const media = await getLocalMedia(video, this.config?.mediaTimeout ?? DEFAULTS.mediaTimeout);
      if (media.videoError) {
        this.notice = media.videoError.message;
        this.fail(media.videoError);
      }
      return media;
    } catch (err) {
      this.problem = toPhoneError(err, 'media-error');
      this.fail(this.problem);
      return null;
    }
  }

  private pcConfig(): RTCConfiguration {
    // 'balanced' rather than 'max-bundle': media relays that drop a=group:BUNDLE (rtpengine)
    // would otherwise leave the video m-line without a transport.
    return { iceServers: this.config?.iceServers ?? [], bundlePolicy: 'balanced', rtcpMuxPolicy: 'require' };
  }

  private withCall(fn: (s: RTCSession) => boolean): boolean {
    const s = this.current?.session;
    if (!s || this.current?.connectedAt === null) return this.fail(new PhoneError('no-call', 'There is no connected call'));
    try {
      fn(s);
    } catch (err) {
      return this.fail(toPhoneError(err));
    }
    return true;
  }

  private setRegistration(state: RegistrationState): void {
    if (this._registrationState === state) return;
    this._registrationState = state;
    this.changed();
  }

  private emit<K extends Exclude<keyof PhoneEventMap, 'change'>>(type: K, detail: PhoneEventMap[K]['detail']): void {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  private changed(): void {
    this.dispatchEvent(new CustomEvent('change', { detail: null }));
  }

  /** Reports an error as an event and returns false, for `return this.fail(...)`. */
  private fail(err: PhoneError): false {
    this.emit('error', { code: err.code, message: err.message });
    this.changed();
    return false;
  }
}

function newRecord(direction: Direction, remote: string, displayName: string): CallRecord {
  return {
    direction,
    remote,
    displayName,
    connectedAt: null,
    remoteHeld: false,
    session: null,
    ringing: false,
    held: false,
    ended: false,
    localStream: null,
    remoteStream: new MediaStream(),
    pc: null,
    offersVideo: true,
    iceReady: null,
    iceSettle: undefined,
    iceCap: undefined,
    noAnswerTimer: undefined,
    iceTimer: undefined,
    flowTimer: undefined,
    keyframeTimers: [],
    refreshWanted: false,
    packetsIn: -1,
    flowingChecks: 0,
    silentSince: 0,
    iceRestarts: 0,
    endReason: null,
  };
}

function info(rec: CallRecord): CallInfo {
  return { direction: rec.direction, remote: rec.remote, displayName: rec.displayName, connectedAt: rec.connectedAt, remoteHeld: rec.remoteHeld };
}

function clearIceTimers(rec: CallRecord): void {
  clearTimeout(rec.iceSettle);
  clearTimeout(rec.iceCap);
  rec.iceSettle = undefined;
  rec.iceCap = undefined;
}

function userOf(uri: string): string {
  return /^sips?:([^@;]+)@/i.exec(uri)?.[1] ?? uri;
}

function isConfigProblem(e: PhoneError): boolean {
  return ['invalid-sip-uri', 'invalid-ws-url', 'missing-password', 'invalid-ice-servers', 'invalid-option', 'not-configured'].includes(e.code);
}

/** Whether media can flow: ICE connected and, where the browser reports it, DTLS too. */
function mediaPathUp(pc: RTCPeerConnection): boolean {
  return iceUp(pc) && (pc.connectionState === undefined || pc.connectionState === 'connected');
}

function iceUp(pc: RTCPeerConnection): boolean {
  return pc.iceConnectionState === 'connected' || pc.iceConnectionState === 'completed';
}

/**
 * Pauses and resumes every video encoding the connection sends: the encoder starts again with a
 * keyframe. Nothing when no video is sent or the browser cannot change encodings.
 */
async function restartVideoEncoding(pc: RTCPeerConnection): Promise<void> {
  for (const sender of pc.getSenders()) {
    if (sender.track?.kind !== 'video' || !sender.setParameters) continue;
    try {
      for (const active of [false, true]) {
        const params = sender.getParameters();
        if (!params.encodings?.length) break;
        for (const encoding of params.encodings) encoding.active = active;
        await sender.setParameters(params);
        // Paused for a couple of frames: an encoder resumed at once may just carry on.
        if (!active) await new Promise(resolve => setTimeout(resolve, 60));
      }
    } catch {
      /* renegotiating or closed meanwhile: the next refresh, if any, tries again */
    }
  }
}
