import { LitElement } from 'lit';
import { reactive } from '../../internal/reactive.js';
import type { DtmfMode } from '../../sip/types.js';
import type { Strings } from '../../i18n/i18n.js';

/** Properties whose change reconfigures (and, where needed, re-registers) the phone. */
export const CONFIG_PROPERTIES = [
  'sipUri',
  'wsUrl',
  'password',
  'displayName',
  'authorizationUser',
  'iceServers',
  'iceTransportPolicy',
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
 * The settings of `<fs-video-phone>`: its configuration attributes and properties, each with its
 * documentation. `password` and `ha1` are read from their attribute once, then the attribute is
 * removed. The phone's state and methods are in phone-element.ts.
 */
export class PhoneSettings extends LitElement {
  static properties = reactive({
    sipUri: {},
    wsUrl: {},
    password: { attribute: false },
    ha1: { attribute: false },
    realm: {},
    displayName: {},
    authorizationUser: {},
    iceServers: {},
    iceTransportPolicy: {},
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
    keepPreview: { type: Boolean, attribute: 'preview' },
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
  /**
   * SIP-over-WebSocket URL, `ws://` or `wss://`; several, separated by spaces or commas, for
   * failover, each with an optional `;weight=N` (0-100). The phone connects to the highest weight
   * (at random among equal weights) and, when that server goes away, to the next one, and
   * registers there.
   */
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
  /**
   * `relay`: media only through a TURN server of `ice-servers` (a call fails with `media-error`
   * when none gives a relay); `all`: any path. Type: string; default `all`.
   */
  iceTransportPolicy = 'all';
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
   * Never show the self-view while idle: the camera opens only for a call. By default the camera
   * (never the microphone) opens for the self-view only when the person means it: when they start
   * to type or paste a number, press a dialpad key or move to Call (the call then starts on the open
   * camera instead of waiting for it), when they press the self-view button, or on `preview()`; it
   * closes again 30 s after the last of these without a call. Never on page load, never on a click
   * elsewhere on the page. Any self-view stops when the element is removed and while the tab has
   * been hidden for a minute.
   */
  noPreview = false;
  /**
   * Keep the self-view open while the phone is idle and registered, not only when the person is
   * about to call (asks for camera permission on page load if the page has none yet). Attribute:
   * `preview`.
   */
  keepPreview = false;
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
}
