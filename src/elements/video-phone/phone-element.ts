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

  /** Your SIP address, e.g. `sip:1000@pbx.example.com` (`1000@pbx.example.com` works too). */
  sipUri = '';
  /** SIP-over-WebSocket URL, `ws://` or `wss://`. */
  wsUrl = '';
  /** SIP password. The attribute is read once and removed; prefer the property. */
  password = '';
  /**
   * Instead of `password`: MD5 of `user:realm:password`, with `realm`. Read once and removed, like
   * `password`.
   */
  ha1 = '';
  /** The digest realm `ha1` was computed for (FreeSWITCH: the domain). */
  realm = '';
  /** Name shown to the people you call. */
  displayName = '';
  /** Authentication user name when it differs. */
  authorizationUser = '';
  /**
   * Space-separated `stun:`/`turn:` URLs; the property also takes full `RTCIceServer` objects with
   * credentials. Type: string / `RTCIceServer[]`; default none.
   */
  iceServers: RTCIceServer[] | string = '';
  /** Number or address to dial. A bare number or user name is dialed at the phone's own domain. */
  target = '';
  /** Answer incoming calls at once (unless an `fs-incoming-call` listener calls `preventDefault()`). */
  autoAnswer = false;
  /** Never open the camera. */
  audioOnly = false;
  /** Connect, but register only when `register()` is called. */
  manualRegister = false;
  /** How DTMF is sent. Type: `rfc2833` | `info`; default `rfc2833`. */
  dtmfMode: DtmfMode = 'rfc2833';
  /**
   * Longest wait for ICE candidates before the offer or answer leaves. Type: number (ms); default
   * `1000`.
   */
  iceGatheringTimeout = 1000;
  /**
   * An unanswered call is given up after this long (outgoing: cancelled; incoming: refused with
   * 480). Type: number (s); default `60`.
   */
  noAnswerTimeout = 60;
  /**
   * How long to wait for the camera/microphone permission prompt. Type: number (ms); default
   * `30000`.
   */
  mediaTimeout = 30000;
  /**
   * After a call connects and after every media change (unhold, re-INVITE/UPDATE, ICE restart),
   * restart the outgoing video with a fresh keyframe at these delays, so the far end is not left
   * with black video through a B2BUA such as FreeSWITCH
   * ([why](docs/freeswitch.md#black-video-for-the-first-seconds-and-why-the-phone-does-not-show-it)).
   * Type: delays in ms, or `off`; default `"400 1200"`.
   */
  keyframeRefresh = '';
  /**
   * How many calls the phone holds at once (ringing, connected or on hold). With 2 a call that
   * arrives during a call waits (call waiting) and the person can swap between the two; with `1` a
   * second caller gets 486 Busy Here and `call()` refuses while a call is up. A second call never
   * rings while another one is still ringing (486). Type: number; default `2`.
   */
  maxCalls = 2;
  /**
   * Do not show the self-view while idle. By default a registered, idle phone shows your camera
   * (camera only, never the microphone) once the page may use it: when camera permission is already
   * granted, at the first click or key press on the page, or on `preview()`. It never asks for
   * permission on page load. A call takes its camera from the open preview, so dialing and
   * answering do not wait for the camera to open. The preview stops when the element is removed,
   * when `no-preview` is set, and while the tab has been hidden for a minute (the camera light goes
   * off); it comes back when the tab is shown.
   */
  noPreview = false;
  /**
   * Do not remember the chosen devices. By default they are kept in `localStorage` (per origin) and
   * used by every phone on the site.
   */
  noPersist = false;
  /**
   * The devices to use (ids from `devices`). Changing the camera or microphone during a call swaps
   * the track being sent (`RTCRtpSender.replaceTrack`): no renegotiation, the far end keeps its
   * picture. The speaker is applied with `setSinkId` where the browser has it; its picker is hidden
   * where not. A device that is unplugged falls back to the default, mid-call too. The settings
   * panel (gear button) sets these. Type: device id; default `''` (default device).
   */
  camera = '';
  /**
   * The devices to use (ids from `devices`). Changing the camera or microphone during a call swaps
   * the track being sent (`RTCRtpSender.replaceTrack`): no renegotiation, the far end keeps its
   * picture. The speaker is applied with `setSinkId` where the browser has it; its picker is hidden
   * where not. A device that is unplugged falls back to the default, mid-call too. The settings
   * panel (gear button) sets these. Type: device id; default `''` (default device).
   */
  microphone = '';
  /**
   * The devices to use (ids from `devices`). Changing the camera or microphone during a call swaps
   * the track being sent (`RTCRtpSender.replaceTrack`): no renegotiation, the far end keeps its
   * picture. The speaker is applied with `setSinkId` where the browser has it; its picker is hidden
   * where not. A device that is unplugged falls back to the default, mid-call too. The settings
   * panel (gear button) sets these. Type: device id; default `''` (default device).
   */
  speaker = '';
  /**
   * Video codecs to prefer, in order, e.g. `"VP8 H264"` (applied with `setCodecPreferences` to
   * every offer and answer; the browser's other codecs follow, so a far end without them still gets
   * video). A name this browser does not have is an `invalid-option` error naming the ones it has.
   * Type: codec names; default browser's order.
   */
  videoCodecs = '';
  /**
   * Camera capture size asked for (the camera may give less). Changing it opens the camera again at
   * the new size; the preview and calls in progress switch to it without renegotiation. Type:
   * `WIDTHxHEIGHT`; default `1280x720`.
   */
  videoSize = '';
  /**
   * Upper limit of the video sent, applied with `RTCRtpSender.setParameters` (no renegotiation; a
   * change applies to calls in progress). Type: number (kbit/s); default `0` (browser decides).
   */
  maxVideoBitrate = 0;
  /**
   * No ringtone for calls that ring here and no ringback while the far end rings. By default both
   * are played, made with Web Audio (no sound files): the ringtone while a call rings here and no
   * call is up, the ringback after 180 Ringing unless the far end sends its own sound (183 with
   * SDP). If the browser holds sound back until the person interacts with the page, a "Click to
   * enable sound" button shows (part `sound-button`); any click or key press on the page enables
   * it. Ringing stops on answer, decline, cancel and when the element is removed.
   */
  noRingtone = false;
  /**
   * A sound file to loop instead of the built-in ringtone / ringback. Type: URL; default built-in
   * tones.
   */
  ringtone = '';
  /**
   * A sound file to loop instead of the built-in ringtone / ringback. Type: URL; default built-in
   * tones.
   */
  ringback = '';
  /**
   * Dispatch `fs-stats` with the active call's figures this often (at least 250 ms). The quality
   * indicator works without it. Type: number (ms); default `0` (off).
   */
  statsInterval = 0;
  /**
   * Show a desktop notification (caller's name and number) when a call rings while the page's tab
   * is hidden; a click on it brings the page to the front, and it closes when the call stops
   * ringing. A bell button (part `notify-button`) asks for the browser's permission when the person
   * clicks it; the phone never asks on page load.
   */
  notify = false;
  /**
   * Keep the call history in `localStorage` too (one key per account,
   * `fs-video-phone-history:USER@DOMAIN`, the newest 100 calls), so it survives a reload. Without
   * it the history lives in memory only.
   */
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

  /**
   * `{id, direction, peer, displayName, startedAt, durationMs, reason, missed}[]`: Recent calls,
   * newest first (up to 100): `peer` is the SIP URI, `startedAt` when it began to ring or was
   * dialled (ms since the epoch), `durationMs` 0 when it never connected, `reason` as in
   * `fs-call-ended`, `missed` for a call that rang here and stopped before anyone here answered or
   * declined it.
   */
  get history(): HistoryEntry[] {
    return [...this.controller.history().entries];
  }

  /** Missed calls since the recent-calls panel was last opened (the badge on its button). */
  get missedCalls(): number {
    return this.controller.history().unseen;
  }

  /** Forget every call in the history, and its stored copy. */
  clearHistory(): void {
    this.controller.history().clear();
    this.requestUpdate();
  }

  /**
   * The chat conversation on screen (`user@domain`): the one the person picked, else the current
   * call's peer, else the number being dialled.
   */
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

  /**
   * `{id, direction, remote, displayName, state, connectedAt, held, remoteHeld}[]`: Every call in
   * progress, oldest first. `id` is stable for the life of the call; every call event carries it as
   * `callId`, and the methods below take it. `state` is the call's own (`calling`, `ringing`,
   * `incoming`, `connected`, `held`); `held` means we hold it, `remoteHeld` that the far end does.
   */
  get calls(): CallInfo[] {
    return this.controller.phone.calls;
  }

  /**
   * The active call: the one the person talks on (or dials), and the one methods act on without a
   * call id.
   */
  get currentCall(): CallInfo | null {
    return this.controller.phone.currentCall;
  }

  /** The call that is ringing (also while another call is up). */
  get incomingCall(): CallInfo | null {
    return this.controller.phone.incomingCall;
  }

  /**
   * The connected call waiting on hold behind the active one (after **Hold & answer** or a second
   * call); it becomes the active call, still held, when the active one ends.
   */
  get heldCall(): CallInfo | null {
    return this.controller.phone.heldCall;
  }

  /** Media of the active call. */
  get localStream(): MediaStream | null {
    return this.controller.phone.localStream;
  }

  /** The self-view camera while it is open. */
  get previewStream(): MediaStream | null {
    return this.controller.phone.devices.preview;
  }

  /** The screen the active call shares. */
  get shareStream(): MediaStream | null {
    return this.controller.phone.shareStream;
  }

  /**
   * `{kind, id, label}[]`: Cameras (`camera`), microphones (`microphone`) and speakers (`speaker`)
   * to choose from; labels appear once camera or microphone permission is granted. Read again on
   * `devicechange`, when the preview opens and when the first call gets permission.
   */
  get devices(): DeviceInfo[] {
    return this.controller.phone.devices.list;
  }

  /** The active call's latest figures (updated every 2 s, or every `stats-interval`). */
  get stats(): CallStats | null {
    return this.controller.phone.stats;
  }

  /** Media of the active call. */
  get remoteStream(): MediaStream | null {
    return this.controller.phone.remoteStream;
  }

  /** For `getStats()`. */
  get peerConnection(): RTCPeerConnection | null {
    return this.controller.phone.peerConnection;
  }

  /** `{audio, video}`: Microphone and camera mute state. */
  get muted(): { audio: boolean; video: boolean } {
    return this.controller.phone.muted;
  }

  /** `{code, message}` | `null`: The problem currently shown in the UI. */
  get error(): { code: string; message: string } | null {
    const p = this.controller.phone.problem;
    return p ? { code: p.code, message: p.message } : null;
  }

  /** Registers now (with `manual-register`, or after `unregister()`). */
  register(): boolean {
    return this.controller.phone.register();
  }

  /** Unregisters now; the phone stays connected, and `register()` registers again. */
  unregister(): boolean {
    return this.controller.phone.unregister();
  }

  /**
   * Call `target` (default: the `target` property). A connected call is put on hold first (while
   * `max-calls` leaves room). Resolves `true` once the INVITE is on its way. Refused (`busy`) while
   * a call rings in with no call up: answer or decline it first (the **Call** button is disabled
   * then).
   */
  call(target?: string, options: CallOptions = {}): Promise<boolean> {
    if (target !== undefined) this.target = target;
    return this.controller.phone.call(target ?? this.target, { video: !this.audioOnly, ...options });
  }

  /**
   * Answer the ringing call (`answer({video})` works too). A connected call in progress is put on
   * hold (hold-and-answer); the banner then offers **Decline**, **Hold & answer** and **End &
   * answer**.
   */
  answer(callId?: string | CallOptions, options: CallOptions = {}): Promise<boolean> {
    return typeof callId === 'object' ? this.controller.answer(undefined, callId) : this.controller.answer(callId, options);
  }

  /** Decline the ringing call (603 Decline). */
  decline(callId?: string): boolean {
    return this.controller.phone.decline(callId);
  }

  /**
   * End the active call (or `callId`), whatever its state. A call held behind it becomes the active
   * call, still on hold.
   */
  hangup(callId?: string): boolean {
    return this.controller.phone.hangup(callId);
  }

  /** Put a call on hold and resume it. Resuming a call that is not the active one swaps to it. */
  hold(callId?: string): boolean {
    return this.controller.phone.hold(callId);
  }

  /** Put a call on hold and resume it. Resuming a call that is not the active one swaps to it. */
  unhold(callId?: string): boolean {
    return this.controller.phone.unhold(callId);
  }

  /**
   * Hold the active call and resume the other one (or `callId`). The held line under the status bar
   * does the same when clicked.
   */
  swap(callId?: string): boolean {
    return this.controller.phone.swap(callId);
  }

  /**
   * Attended transfer: after calling the colleague on a second line (`call()` holds the first
   * call), connect the held caller to them (REFER with Replaces). Both of our calls end with reason
   * `transferred`. The **Complete transfer** button does this.
   */
  transfer(target: string, options?: TransferOptions): boolean {
    return this.controller.phone.transfer(target, options);
  }

  /** Mute or unmute the microphone and/or camera. Without a call it applies to the next one. */
  setMuted(options: { audio?: boolean; video?: boolean }): boolean {
    return this.controller.phone.setMuted(options);
  }

  /** Send `0-9 A-D * #` (`,` pauses) during a call. */
  sendDtmf(tones: string, callId?: string): boolean {
    return this.controller.phone.sendDtmf(tones, callId);
  }

  /**
   * Open the self-view now, asking for camera permission if need be (e.g. from your own "check your
   * camera" button). Resolves `true` once it shows.
   */
  preview(): Promise<boolean> {
    return this.media.open();
  }

  /**
   * Share a screen, window or tab instead of the camera, and stop. The shared screen replaces the
   * camera track being sent (no renegotiation) and shows in the self-view; the camera comes back
   * when sharing stops, from **Stop sharing**, `stopShare()` or the browser's own stop button. A
   * call without video (audio-only, or one whose camera could not be opened) cannot share:
   * `share-failed`, since adding video would need a renegotiation that many servers refuse. The
   * **Share** button does this.
   */
  shareScreen(callId?: string): Promise<boolean> {
    return this.controller.phone.shareScreen(callId);
  }

  /**
   * Share a screen, window or tab instead of the camera, and stop. The shared screen replaces the
   * camera track being sent (no renegotiation) and shows in the self-view; the camera comes back
   * when sharing stops, from **Stop sharing**, `stopShare()` or the browser's own stop button. A
   * call without video (audio-only, or one whose camera could not be opened) cannot share:
   * `share-failed`, since adding video would need a renegotiation that many servers refuse. The
   * **Share** button does this.
   */
  stopShare(callId?: string): boolean {
    return this.controller.phone.stopShare(callId);
  }

  /**
   * Send a chat message (SIP MESSAGE) to `target`, else the current call's peer, else the `target`
   * property. No call is needed.
   */
  sendMessage(text: string, target?: string): Promise<boolean> {
    return this.controller.send(text, target ?? (this.currentCall ? undefined : this.target));
  }

  /** Send a message that was not delivered again (its **Retry** button does this). */
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

  /** What is ringing now. */
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
