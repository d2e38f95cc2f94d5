import { DEFAULTS, parseConfig, sameConnection, type PhoneConfig, type PhoneOptions } from './config.js';
import { PhoneError, isConfigProblem, toPhoneError, type Notice } from './errors.js';
import { Devices } from './devices.js';
import { Lines } from './lines.js';
import { Problems } from './problems.js';
import { Rejoin } from './rejoin.js';
import { webrtcSupported } from './media.js';
import { UserAgent } from './user-agent.js';
import { Desk } from './desk.js';
import type { UserAgentHost } from './user-agent.js';
import type { CallOptions, PhoneEventDetail, PhoneEventMap, PhoneEventName, TransferOptions } from './phone-events.js';
import type { CallEndedDetail, CallInfo, CallState, CallStats, RegistrationState } from './types.js';

export { ICE_RECOVERY } from './call/media-recovery.js';
export { ENDED_STATE } from './lines.js';

/**
 * A browser SIP phone: one account and its calls, framework-free. It is made of parts: the user
 * agent (connection, registration, messages), the lines (the calls, one of them active), the
 * devices (camera, microphone, speaker and the self-view) and the problems (what the person is
 * told); this class is their face, and all a page (or the elements) needs. It never throws to its
 * caller for things a person or a page can get wrong: it dispatches an `error` event with a code
 * and returns false instead. Methods that act on a call take its id and otherwise act on the
 * active call. Every change of what it shows dispatches `change`.
 */
export class Phone extends EventTarget {
  /** Chosen camera, microphone and speaker, their lists, and the self-view preview. */
  readonly devices: Devices;
  /** Contacts' lamps and pickup, the voicemail light, do-not-disturb. */
  readonly desk: Desk;
  private readonly problems = new Problems({ emit: (type, detail) => this.emit(type, detail), changed: () => this.changed() });
  private readonly board: Lines;
  /** The call this tab had before the page was reloaded, taken back once registered. */
  private readonly rejoin: Rejoin;
  private agent: UserAgent | null = null;
  private current: PhoneConfig | null = null;
  private pendingConfig: PhoneConfig | null = null;
  private registration: RegistrationState = 'unregistered';

  constructor() {
    super();
    const phone = () => this;
    this.board = new Lines({
      get config() { return phone().current; },
      get agent() { return phone().agent; },
      get devices() { return phone().devices; },
      problems: this.problems,
      emit: (type, detail, cancelable) => this.emit(type, detail, cancelable),
      changed: () => this.changed(),
      linesFree: () => this.pendingConfig && this.apply(this.pendingConfig),
      get dnd() { return phone().desk.dnd; },
    });
    this.desk = new Desk({ get config() { return phone().current; }, board: this.board, call: (t, o) => this.call(t, o), emit: (t: never, d: never) => this.emit(t, d), changed: () => this.changed() });
    this.devices = new Devices(this.board);
    this.rejoin = new Rejoin(this.board);
  }

  // ---- state -----------------------------------------------------------------------------

  /** The configuration in force (parsed from the last valid `configure()`), or null. */
  get config(): PhoneConfig | null {
    return this.current;
  }

  get registrationState(): RegistrationState {
    return this.registration;
  }

  /** The SIP domain of the configured account, or '' when unconfigured. */
  get domain(): string {
    return this.current?.domain ?? '';
  }

  get user(): string {
    return this.current?.user ?? '';
  }

  get dtmfMode(): PhoneConfig['dtmfMode'] {
    return this.current?.dtmfMode ?? DEFAULTS.dtmfMode;
  }

  /** The problem worth showing until it is solved (configuration, registration, media), or null. */
  get problem(): PhoneError | null {
    return this.problems.problem;
  }

  /** A passing notice (an action that failed, "continuing with audio only", a transfer's progress), or null. */
  get notice(): Notice | null {
    return this.problems.notice;
  }

  /** The active call's state; `incoming` while only a ringing call is there; `ended` for a moment after a call. */
  get callState(): CallState {
    return this.board.callState;
  }

  /** How the last call shown ended (what `call-state="ended"` stands for), or null. */
  get lastEnd(): CallEndedDetail | null {
    return this.board.lastEnd;
  }

  /** Every call in progress (ringing, on its way, connected or held), oldest first. */
  get calls(): CallInfo[] {
    return this.board.lines.map(c => c.info);
  }

  /** The active call, or null. */
  get currentCall(): CallInfo | null {
    return this.board.active?.info ?? null;
  }

  /** The first call ringing here, also while another call is in progress, or null. */
  get incomingCall(): CallInfo | null {
    return this.board.lines.find(c => c.ringingHere)?.info ?? null;
  }

  /** The connected call that is not the active one (after hold-and-answer or a second call), or null. */
  get heldCall(): CallInfo | null {
    return this.board.heldCall;
  }

  /** Whether another call can be placed now, the active one held meanwhile (up to `maxCalls`). */
  get canAddCall(): boolean {
    return !!this.board.active?.connectedAt && this.board.lines.length < (this.current?.maxCalls ?? 1);
  }

  /** The tone to play now: the ringtone while a call rings here and none is up, the ringback while the far end rings (unless it sends its own sound). */
  get tone(): 'ringtone' | 'ringback' | null {
    const active = this.board.active;
    if (this.board.lines.some(c => c.ringingHere) && !active?.connectedAt) return 'ringtone';
    return active?.state === 'ringing' && !active.earlyMedia ? 'ringback' : null;
  }

  /** The camera and microphone the active call sends, or null. */
  get localStream(): MediaStream | null {
    return this.board.active?.localStream ?? null;
  }

  /** The screen the active call shares, or null. */
  get shareStream(): MediaStream | null {
    return this.board.active?.share.stream ?? null;
  }

  /** The active call's latest figures (`stats` event detail), or null. */
  get stats(): CallStats | null {
    return this.board.active?.stats ?? null;
  }

  /** What the far end of the active call sends, or null. */
  get remoteStream(): MediaStream | null {
    return this.board.active?.remoteStream ?? null;
  }

  /** The active call's RTCPeerConnection, for `getStats()`; null without a call. */
  get peerConnection(): RTCPeerConnection | null {
    return this.board.active?.pc ?? null;
  }

  /** Whether the active call's microphone and camera are muted (without a call: for the next one). */
  get muted(): { audio: boolean; video: boolean } {
    return this.board.active?.muted ?? { ...this.board.mutePreference };
  }

  // ---- the account -----------------------------------------------------------------------

  /**
   * Applies a configuration and (re)connects when it differs from the running one. While a call
   * is in progress the change waits for the calls to end: a settings change never drops a call.
   * Returns false (and dispatches `error`) when the configuration is invalid.
   */
  configure(options: PhoneOptions): boolean {
    const busy = this.board.lines.length > 0;
    if (!options.sipUri && !options.wsUrl && !options.password && !options.ha1) {
      // Nothing set yet (a page that configures the phone from script later): not an error.
      if (busy) return true;
      this.stop();
      this.problems.problem = null;
      this.changed();
      return true;
    }
    let next: PhoneConfig;
    try {
      next = parseConfig(options);
    } catch (err) {
      this.pendingConfig = null;
      if (!busy) {
        this.shutdown();
        this.current = null;
      }
      if (!this.agent) this.setRegistration('failed');
      return this.problems.raise(toPhoneError(err, 'invalid-option'));
    }
    if (this.problem && isConfigProblem(this.problem)) this.problems.problem = null;
    if (sameConnection(next, this.current) && this.agent) {
      const size = this.current?.videoSize.join();
      this.current = { ...next, uri: this.current!.uri, user: this.current!.user }; // as the credentials named them
      for (const call of this.board.lines) call.limitVideo();
      if (size !== next.videoSize.join()) this.devices.resize();
      this.desk.configured(next);
      this.pendingConfig = null;
      this.changed();
    } else if (busy) {
      this.pendingConfig = next;
    } else {
      this.apply(next);
    }
    return true;
  }

  /** Disconnects and forgets the configuration (hangs up every call). */
  stop(): void {
    this.pendingConfig = null;
    this.shutdown();
    this.current = null;
    this.setRegistration('unregistered');
  }

  register(): boolean {
    return this.withAgent(a => a.register());
  }

  unregister(): boolean {
    return this.withAgent(a => a.unregister());
  }

  /** Moves the account to this tab when another tab has it (`elsewhere`); false while that tab is in a call. */
  useHere(): boolean {
    return !!this.agent?.useHere();
  }

  /** Shows a passing notice (e.g. a speaker the browser would not switch to), until the next one. */
  showNotice(notice: Notice): void {
    this.problems.notice = notice;
    this.changed();
  }

  /** Sends a text message (SIP MESSAGE) to `target`, or to the active call's peer. */
  async sendMessage(text: string, target?: string | null): Promise<boolean> {
    if (!this.agent) return this.notConfigured();
    const sent = await this.agent.sendText(text, target, this.board.active?.remote);
    if (typeof sent !== 'string') return this.problems.fail(sent);
    this.emit('message', { from: sent, body: String(text), direction: 'outgoing' });
    return true;
  }

  // ---- calls -----------------------------------------------------------------------------

  /** Calls a number, user name or SIP address (a bare one at the account's domain), holding a connected active call first; true once the INVITE is on its way. */
  call(target: string | null | undefined, options: CallOptions = {}): Promise<boolean> {
    return this.board.call(target, options);
  }

  /** Answers a ringing call (`callId`, or the first one), holding a connected active call (swap back with `swap()`) or hanging up one not connected yet. */
  answer(callId?: string | CallOptions, options: CallOptions = {}): Promise<boolean> {
    return this.board.answer(callId, options);
  }

  /** Declines a ringing call (603 Decline): `callId`, or the first one. */
  decline(callId?: string): boolean {
    return this.board.decline(callId);
  }

  /** Ends a call whatever its state (cancel, reject or bye); with no call id and no active call, declines a ringing one. */
  hangup(callId?: string): boolean {
    return this.board.hangup(callId);
  }

  /** Puts a connected call on hold. */
  hold(callId?: string): boolean {
    return this.board.hold(callId);
  }

  /** Resumes a held call; resuming one that is not the active call swaps to it. */
  unhold(callId?: string): boolean {
    return this.board.unhold(callId);
  }

  /** Holds the active call and resumes another one (`callId`, or the other connected call). */
  swap(callId?: string): boolean {
    return this.board.swap(callId);
  }

  /** Mutes or unmutes the microphone and/or camera of the active call; without one, of the next call. */
  setMuted(options: { audio?: boolean; video?: boolean }): boolean {
    return this.board.setMuted(options);
  }

  /** Sends DTMF tones (0-9, A-D, *, #; "," pauses) in the configured mode, on the active call or `callId`. */
  sendDtmf(tones: string, callId?: string): boolean {
    return this.board.sendDtmf(tones, callId);
  }

  /**
   * Transfers a call. Blind: `transfer(target)` asks the far end of the active call (or
   * `options.callId`) to call `target`. Attended: `transfer(heldCallId, { replaces: consultCallId })`
   * asks the far end of the held call to take over the consultation call. Progress comes as
   * `transfer` events; on success the calls end with reason `transferred`, on failure they stay.
   */
  transfer(target: string, options: TransferOptions = {}): boolean {
    return this.board.transfer(target, options);
  }

  /** Shares a screen in the active call (or `callId`) instead of the camera. */
  shareScreen(callId?: string): Promise<boolean> {
    return this.board.shareScreen(callId);
  }

  /** Stops sharing the screen: the camera is sent again. */
  stopShare(callId?: string): boolean {
    return this.board.stopShare(callId);
  }

  // ---- events ----------------------------------------------------------------------------

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

  // ---- internals -------------------------------------------------------------------------

  /** Dispatches a phone event; returns false when a listener cancelled a cancelable one. */
  private emit<K extends PhoneEventName>(type: K, detail: PhoneEventDetail<K>, cancelable = false): boolean {
    return this.dispatchEvent(new CustomEvent(type, { detail, cancelable }));
  }

  private readonly changed = (): void => void this.dispatchEvent(new CustomEvent('change', { detail: null }));

  private setRegistration(state: RegistrationState): void {
    if (this.registration === state) return;
    if (this.registration === 'registered') this.desk.lost();
    this.registration = state;
    this.changed();
  }

  /** What the user agent reads and reports. */
  private agentHost(): UserAgentHost {
    const phone = () => this;
    const problems = this.problems;
    return {
      get registrationState() { return phone().registration; },
      get problem() { return problems.problem; },
      set problem(problem) { problems.problem = problem; },
      setRegistration: state => this.setRegistration(state),
      registered: () => {
        this.emit('registered', {});
        this.rejoin.registered(this.agent?.ua);
        this.desk.registered(this.agent?.ua, this.current!.uri);
      },
      pickup: r => this.desk.claims(r),
      unregistered: () => this.emit('unregistered', {}),
      registrationFailed: detail => this.emit('registration-failed', detail),
      incoming: (session, request) => this.board.incoming(session, request),
      message: (from, body) => this.emit('message', { from, body, direction: 'incoming' }),
      changed: () => this.changed(),
      fail: err => problems.fail(err),
      busy: () => this.board.lines.length > 0,
    };
  }

  private apply(config: PhoneConfig): void {
    this.shutdown();
    this.current = config;
    this.pendingConfig = null;
    this.desk.configured(config);
    try {
      this.agent = new UserAgent(config, this.agentHost());
    } catch (err) {
      this.current = null;
      this.problems.raise(toPhoneError(err));
      return;
    }
    this.agent.start(this.rejoin.start(config));
    if (!webrtcSupported()) this.problems.fail(new PhoneError('webrtc-unsupported')); // it still registers and chats
  }

  private shutdown(): void {
    const agent = this.agent;
    this.agent = null;
    this.rejoin.stop();
    this.desk.stop();
    this.board.finishAll();
    agent?.stop();
  }

  private withAgent(fn: (a: UserAgent) => void): boolean {
    return this.agent ? (fn(this.agent), true) : this.notConfigured();
  }

  private notConfigured(): false {
    return this.problems.fail(new PhoneError('not-configured'));
  }
}
