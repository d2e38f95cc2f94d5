import { LitElement } from 'lit';
import type { PropertyValues } from 'lit';
import { reactive } from '../../internal/reactive.js';
import { PhoneController } from './phone-controller.js';
import { MediaController } from './media-controller.js';
import { peerKey } from './chat.js';
import type { HistoryEntry } from './history.js';
import type { DeviceInfo } from '../../sip/index.js';
import type { CallInfo, CallOptions, CallStats, TransferOptions } from '../../sip/index.js';
import type { CallState, DtmfMode, RegistrationState } from '../../sip/types.js';
import { Words } from '../../i18n/i18n.js';
import type { Strings, Translate } from '../../i18n/i18n.js';

/** Properties whose change reconfigures (and, where needed, re-registers) the phone. */
const CONFIG_PROPERTIES = [
  'sipUri',
  'wsUrl',
  'password',
  'displayName',
  'authorizationUser',
  'iceServers',
  'dtmfMode',
  'iceGatheringTimeout',
  'manualRegister',
  'ha1',
  'realm',
  'noAnswerTimeout',
  'mediaTimeout',
  'keyframeRefresh',
  'maxCalls',
  'videoCodecs',
  'videoSize',
  'maxVideoBitrate',
  'statsInterval',
] as const;

/** Secrets: read from their attribute once, then the attribute is removed from the DOM. */
const SECRET_ATTRIBUTES = ['password', 'ha1'] as const;

/**
 * What `<fs-video-phone>` offers a page's script: its configuration attributes and properties,
 * its state, and the methods that act on calls. The element (video-phone.ts) adds the view.
 */
export class PhoneElement extends LitElement {
  static properties = reactive({
    sipUri: {},
    wsUrl: {},
    password: { attribute: false },
    ha1: { attribute: false },
    realm: {},
    displayName: {},
    authorizationUser: {},
    iceServers: {},
    target: {},
    autoAnswer: { type: Boolean },
    audioOnly: { type: Boolean },
    manualRegister: { type: Boolean },
    dtmfMode: {},
    iceGatheringTimeout: { type: Number },
    noAnswerTimeout: { type: Number },
    mediaTimeout: { type: Number },
    keyframeRefresh: {},
    maxCalls: { type: Number },
    noPreview: { type: Boolean },
    noPersist: { type: Boolean },
    camera: {},
    microphone: {},
    speaker: {},
    videoCodecs: {},
    videoSize: {},
    maxVideoBitrate: { type: Number },
    statsInterval: { type: Number },
    noRingtone: { type: Boolean },
    notify: { type: Boolean },
    persistHistory: { type: Boolean, attribute: 'history' },
    panel: { state: true },
    strings: { attribute: false },
    ringtone: {},
    ringback: {},
  });

  /** Your SIP address, e.g. `sip:1000@pbx.example.com`. */
  sipUri = '';
  /** The server's SIP-over-WebSocket URL, e.g. `wss://pbx.example.com:7443`. */
  wsUrl = '';
  /** SIP password. Read from the attribute once, then removed from the DOM; never reflected or logged. */
  password = '';
  /** MD5(user:realm:password): lets a page register without holding the clear-text password. Read from the attribute once, then removed. */
  ha1 = '';
  /** The digest realm `ha1` was computed for (FreeSWITCH: the domain). */
  realm = '';
  /** Name shown to the people you call. */
  displayName = '';
  /** Authentication user name when it differs from the SIP URI's user. */
  authorizationUser = '';
  /** STUN/TURN servers: space-separated URLs as an attribute, RTCIceServer objects as a property. */
  iceServers: RTCIceServer[] | string = '';
  /** Number or SIP address to dial. A bare number is dialed at the phone's own domain. */
  target = '';
  /** Answer incoming calls at once (unless an `fs-incoming-call` listener calls `preventDefault()`). */
  autoAnswer = false;
  /** Never use the camera. */
  audioOnly = false;
  /** Connect but do not register until `register()` is called. */
  manualRegister = false;
  /** How DTMF is sent: `rfc2833` (RTP telephone-events, default) or `info` (SIP INFO). */
  dtmfMode: DtmfMode = 'rfc2833';
  /** Longest wait for ICE candidates before the offer/answer leaves, in ms (default 1000). */
  iceGatheringTimeout = 1000;
  /** Seconds an outgoing call may ring unanswered before it is given up (default 60). */
  noAnswerTimeout = 60;
  /** Milliseconds to wait for camera/microphone permission before giving up (default 30000). */
  mediaTimeout = 30000;
  /** When to send a fresh video keyframe after a call connects or its media changes: delays in ms ("400 1200"), or "off". */
  keyframeRefresh = '';
  /** How many calls at once (ringing, connected or held): 2 = call waiting and swap; 1 = a second caller gets busy (486). */
  maxCalls = 2;
  /** Do not show the self-view while idle (the camera then opens when a call starts). */
  noPreview = false;
  /** Do not remember the chosen devices (localStorage, per origin). */
  noPersist = false;
  /** Device id of the camera to use ('' = the browser's default); switching mid-call needs no renegotiation. */
  camera = '';
  /** Device id of the microphone to use ('' = default). */
  microphone = '';
  /** Device id of the speaker for the far end's sound ('' = default), where the browser can choose (`setSinkId`). */
  speaker = '';
  /** Video codecs to prefer, in order, e.g. "VP8 H264" (the browser's others follow as fallbacks). */
  videoCodecs = '';
  /** Camera capture size, e.g. "640x360" (default "1280x720"). */
  videoSize = '';
  /** Upper limit of the video sent, kbit/s (0: the browser decides). */
  maxVideoBitrate = 0;
  /** No ringtone and no ringback. */
  noRingtone = false;
  /** URL of a sound to ring with instead of the built-in ringtone. */
  ringtone = '';
  /** URL of a sound to hear while the far end rings instead of the built-in ringback. */
  ringback = '';
  /** Milliseconds between `fs-stats` events with the call's figures (0: none). */
  statsInterval = 0;
  /** A desktop notification when a call rings while the page is hidden (permission from the bell button). */
  notify = false;
  /** Keep the call history in localStorage (per account) as well as in memory: the `history` attribute. */
  persistHistory = false;
  /** Which panel is open under the status line, or null. */
  panel: 'settings' | 'quality' | 'chat' | 'history' | null = null;
  /**
   * Your own words for any label, by key (see `src/i18n/en.ts`), in every language: e.g.
   * `{ call: 'Dial' }`. The language itself comes from `lang` (the element's, else the nearest
   * ancestor's); built in are `en` and `zh-CN`.
   */
  strings: Strings | null = null;

  protected readonly controller = new PhoneController(this);
  protected readonly media = new MediaController(this);
  private readonly words = new Words(this);

  /**
   * Looks a label up in the element's language (for the views).
   * @internal
   */
  get t(): Translate {
    return this.words.t;
  }

  /** The language the phone speaks: its `lang`, else the nearest ancestor's (e.g. `zh-CN`), else `en`. */
  get language(): string {
    return this.words.lang;
  }
  private configDirty = true;

  /** The framework-free phone behind the element. */
  get phone() {
    return this.controller.phone;
  }

  /** Recent calls, newest first (up to 100): `{id, direction, peer, displayName, startedAt, durationMs, reason, missed}`. */
  get history(): HistoryEntry[] {
    return [...this.controller.history().entries];
  }

  /** Missed calls since the history panel was last opened. */
  get missedCalls(): number {
    return this.controller.history().unseen;
  }

  /** Forgets every call in the history (and its stored copy). */
  clearHistory(): void {
    this.controller.history().clear();
    this.requestUpdate();
  }

  /** The chat conversation on screen: the one picked, else the call's peer, else the dial target (`user@domain`). */
  get chatPeer(): string | null {
    const { chat, phone } = this.controller;
    const peer = chat.chosen ?? phone.currentCall?.remote ?? this.target.trim();
    return peer ? peerKey(peer, phone.domain) : null;
  }

  /** Registration state, always current (read-only; reflected as `registration-state` for styling). */
  get registrationState(): RegistrationState {
    return this.controller.phone.registrationState;
  }

  /** The active call's state, always current (read-only; reflected as `call-state` for styling). */
  get callState(): CallState {
    return this.controller.phone.callState;
  }

  /** Every call in progress, oldest first: `{id, direction, remote, displayName, state, connectedAt, held, remoteHeld}`. */
  get calls(): CallInfo[] {
    return this.controller.phone.calls;
  }

  /** The active call (the one methods act on without a call id), or null. */
  get currentCall(): CallInfo | null {
    return this.controller.phone.currentCall;
  }

  /** The first ringing incoming call, or null. */
  get incomingCall(): CallInfo | null {
    return this.controller.phone.incomingCall;
  }

  /** The connected call on hold behind the active one, or null. */
  get heldCall(): CallInfo | null {
    return this.controller.phone.heldCall;
  }

  /** Camera and microphone stream of the active call. */
  get localStream(): MediaStream | null {
    return this.controller.phone.localStream;
  }

  /** The self-view camera while no call uses it (null when closed). */
  get previewStream(): MediaStream | null {
    return this.controller.phone.devices.preview;
  }

  /** The screen the active call shares, or null. */
  get shareStream(): MediaStream | null {
    return this.controller.phone.shareStream;
  }

  /** Cameras, microphones and speakers to choose from: `{kind, id, label}` (labels once permission is granted). */
  get devices(): DeviceInfo[] {
    return this.controller.phone.devices.list;
  }

  /** The active call's latest figures (as in `fs-stats`), or null. */
  get stats(): CallStats | null {
    return this.controller.phone.stats;
  }

  /** The far end's stream in the active call. */
  get remoteStream(): MediaStream | null {
    return this.controller.phone.remoteStream;
  }

  /** The active call's RTCPeerConnection (for `getStats()`), or null. */
  get peerConnection(): RTCPeerConnection | null {
    return this.controller.phone.peerConnection;
  }

  /** Whether microphone and camera are muted. */
  get muted(): { audio: boolean; video: boolean } {
    return this.controller.phone.muted;
  }

  /** The current problem shown in the UI (`{code, message}`), or null. */
  get error(): { code: string; message: string } | null {
    const p = this.controller.phone.problem;
    return p ? { code: p.code, message: p.message } : null;
  }

  /** Registers (with `manual-register`, or after `unregister()`). */
  register(): boolean {
    return this.controller.phone.register();
  }

  unregister(): boolean {
    return this.controller.phone.unregister();
  }

  /** Calls `target` (or the `target` property); a connected call is held first. Resolves false, with an `fs-error`, when it cannot. */
  call(target?: string, options: CallOptions = {}): Promise<boolean> {
    if (target !== undefined) this.target = target;
    return this.controller.phone.call(target ?? this.target, { video: !this.audioOnly, ...options });
  }

  /** Answers a ringing call (`callId`, or the first); a connected call is put on hold. */
  answer(callId?: string | CallOptions, options: CallOptions = {}): Promise<boolean> {
    return typeof callId === 'object' ? this.controller.answer(undefined, callId) : this.controller.answer(callId, options);
  }

  decline(callId?: string): boolean {
    return this.controller.phone.decline(callId);
  }

  hangup(callId?: string): boolean {
    return this.controller.phone.hangup(callId);
  }

  hold(callId?: string): boolean {
    return this.controller.phone.hold(callId);
  }

  unhold(callId?: string): boolean {
    return this.controller.phone.unhold(callId);
  }

  /** Holds the active call and resumes `callId` (or the other call on hold). */
  swap(callId?: string): boolean {
    return this.controller.phone.swap(callId);
  }

  /** Blind: `transfer('1002')`. Attended: `transfer(heldCallId, { replaces: consultCallId })`. Progress as `fs-transfer`. */
  transfer(target: string, options?: TransferOptions): boolean {
    return this.controller.phone.transfer(target, options);
  }

  setMuted(options: { audio?: boolean; video?: boolean }): boolean {
    return this.controller.phone.setMuted(options);
  }

  sendDtmf(tones: string, callId?: string): boolean {
    return this.controller.phone.sendDtmf(tones, callId);
  }

  /** Opens the self-view now (asking for camera permission if need be); resolves true once it shows. */
  preview(): Promise<boolean> {
    return this.media.open();
  }

  /** Shares a screen, window or tab in the active call instead of the camera. */
  shareScreen(callId?: string): Promise<boolean> {
    return this.controller.phone.shareScreen(callId);
  }

  /** Stops sharing: the camera is sent again. */
  stopShare(callId?: string): boolean {
    return this.controller.phone.stopShare(callId);
  }

  /** Sends a chat message to `target`, or to the active call's peer, or to the `target` property. */
  sendMessage(text: string, target?: string): Promise<boolean> {
    return this.controller.send(text, target ?? (this.currentCall ? undefined : this.target));
  }

  /** Sends a message that was not delivered again (its id from the chat log). */
  retryMessage(id: number): Promise<boolean> {
    return this.controller.send('', null, id);
  }

  static get observedAttributes(): string[] {
    return [...super.observedAttributes, ...SECRET_ATTRIBUTES];
  }

  attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    const secret = SECRET_ATTRIBUTES.find(n => n === name);
    if (secret) {
      // Keep the secret out of the DOM: take it, then drop the attribute (its removal comes back
      // here with null, which is ignored; clear the secret through the property).
      if (value !== null) {
        this[secret] = value;
        this.removeAttribute(name);
      }
      return;
    }
    super.attributeChangedCallback(name, old, value);
  }

  connectedCallback(): void {
    super.connectedCallback();
    if (!this.controller.phone.domain) this.configDirty = true;
    this.requestUpdate();
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    // Wait a microtask: moving the element within the page disconnects and reconnects it, and
    // that must not hang up a call or drop the registration.
    queueMicrotask(() => {
      if (!this.isConnected) {
        this.controller.phone.stop();
        this.configDirty = true;
      }
    });
  }

  /** What rings now: `ringtone` (a call rings here), `ringback` (the far end rings), or null. */
  get ringing(): 'ringtone' | 'ringback' | null {
    return this.controller.ringer.playing;
  }

  protected willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('noRingtone')) this.controller.ring();
    if (CONFIG_PROPERTIES.some(p => changed.has(p))) this.configDirty = true;
    reflect(this, 'registration-state', this.registrationState);
    reflect(this, 'call-state', this.callState);
  }

  protected updated(): void {
    if (!this.configDirty || !this.isConnected) return;
    this.configDirty = false;
    const options: Record<string, unknown> = {};
    for (const name of CONFIG_PROPERTIES) options[name] = this[name];
    this.controller.phone.configure(options);
  }
}

function reflect(el: HTMLElement, name: string, value: string): void {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}
