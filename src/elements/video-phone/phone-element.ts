import { PhoneSettings, CONFIG_PROPERTIES } from './phone-settings.js';
import type { PropertyValues } from 'lit';
import { PhoneController } from './phone-controller.js';
import { MediaController } from './media-controller.js';
import { peerKey } from './chat.js';
import type { HistoryEntry } from './history.js';
import type { DeviceInfo } from '../../sip/index.js';
import type { CallInfo, CallOptions, CallStats, TransferOptions } from '../../sip/index.js';
import type { CallState, RegistrationState } from '../../sip/types.js';
import { Words } from '../../i18n/i18n.js';
import type { Translate } from '../../i18n/i18n.js';

/**
 * What `<fs-video-phone>` offers a page's script besides its settings (phone-settings.ts): its
 * state, and the methods that act on calls. The element (video-phone.ts) adds the view.
 */
export class PhoneElement extends PhoneSettings {
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
   * Close the self-view (the self-view button does this too). Typing a number no longer opens it
   * until the next call or `preview()`.
   */
  stopPreview(): void {
    this.media.close();
  }

  /**
   * The person is about to call (e.g. typing in your own number field): the camera opens for the
   * self-view, so the call starts on it instead of waiting for the camera; it closes again 30 s
   * later without a call. Typing in the phone's own field and the dialpad do this by themselves.
   * Does nothing with `no-preview` or `audio-only`, or after the person closed the self-view.
   */
  prepareCall(): void {
    this.media.intent();
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
