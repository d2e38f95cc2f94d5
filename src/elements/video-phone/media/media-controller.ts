import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Phone } from '../../../sip/index.js';
import type { DeviceKind } from '../../../sip/devices.js';

/** What the media controller needs from the element. */
export interface MediaHost extends ReactiveControllerHost, HTMLElement {
  readonly phone: Phone;
  noPreview: boolean;
  keepPreview: boolean;
  noPersist: boolean;
  audioOnly: boolean;
  camera: string;
  microphone: string;
  speaker: string;
}

const KINDS = ['camera', 'microphone', 'speaker'] as const;
/** Where the device choice is kept (per origin). */
const STORE = 'fs-video-phone-devices';
/**
 * A self-view opened because the person was about to call (or asked for it) closes after `idleMs`
 * without a call or another sign of intent; a tab hidden `hiddenMs` turns any self-view off (it
 * reopens when the tab is shown again, if still wanted).
 */
export const PREVIEW = { idleMs: 30000, hiddenMs: 60000 };

/**
 * The element's side of local media: when the self-view preview opens and closes, device choice
 * from attributes, properties and storage, and following `devicechange`. The camera opens only
 * when the person means it: they are about to call (`intent()`: typing a number, a dialpad key,
 * focus on Call), they or the page ask for the self-view (`open()`), or the page keeps it open while
 * idle (`preview` attribute). Never on page load or on a click elsewhere on the page.
 */
export class MediaController implements ReactiveController {
  /** The self-view is wanted now (intent or asked for); false again after `PREVIEW.idleMs` idle. */
  private wanted = false;
  /** The person closed the self-view: typing no longer opens it, until a call or `open()`. */
  private declined = false;
  private hidden = false;
  /** The device ids last handed to the phone. */
  private readonly applied: Record<DeviceKind, string> = { camera: '', microphone: '', speaker: '' };
  private hiddenTimer: ReturnType<typeof setTimeout> | undefined;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly host: MediaHost) {
    host.addController(this);
  }

  /** `preview()` and the self-view toggle: opens the self-view now, asking for permission if need be. */
  open(): Promise<boolean> {
    this.declined = false;
    this.want();
    return this.host.phone.devices.retryPreview();
  }

  /** The self-view toggle, pressed while the self-view shows: closes it and keeps it closed. */
  close(): void {
    this.declined = true;
    this.wanted = false;
    clearTimeout(this.idleTimer);
    this.host.requestUpdate();
  }

  /** The person is about to call: the camera opens for the self-view, so the call starts on it. */
  intent(): void {
    if (!this.declined) this.want();
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.onVisibility);
    navigator.mediaDevices?.addEventListener?.('devicechange', this.onDeviceChange);
    if (!this.host.noPersist) {
      let saved: Partial<Record<DeviceKind, string>> = {};
      try {
        saved = JSON.parse(localStorage.getItem(STORE) ?? '{}') as typeof saved;
      } catch {
        /* storage blocked or garbled: defaults */
      }
      for (const kind of KINDS) if (!this.host[kind] && typeof saved[kind] === 'string') this.host[kind] = saved[kind]!;
    }
    void this.host.phone.devices.refresh();
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.onVisibility);
    navigator.mediaDevices?.removeEventListener?.('devicechange', this.onDeviceChange);
    clearTimeout(this.hiddenTimer);
    clearTimeout(this.idleTimer);
    this.wanted = false;
    this.host.phone.devices.closePreview();
  }

  /**
   * Before a render: applies device choices the page or the person changed, and shows a choice
   * the phone itself changed (a device that was unplugged falls back to the default).
   */
  hostUpdate(): void {
    const devices = this.host.phone.devices;
    let changed = false;
    for (const kind of KINDS) {
      const id = String(this.host[kind] ?? '');
      if (id !== this.applied[kind]) {
        this.applied[kind] = id;
        changed = true;
        void devices.use(kind, id);
      } else if (devices.chosen[kind] !== id) {
        this.host[kind] = this.applied[kind] = devices.chosen[kind];
      }
    }
    if (changed && !this.host.noPersist) {
      try {
        localStorage.setItem(STORE, JSON.stringify(devices.chosen));
      } catch {
        /* storage blocked: the choice lasts for this page */
      }
    }
  }

  /** After a render: opens or closes the preview as the state asks. */
  hostUpdated(): void {
    const { phone, noPreview, keepPreview, audioOnly } = this.host;
    const devices = phone.devices;
    const inCall = phone.calls.length > 0;
    // A call was made: the person's "no self-view" was for the idle phone before it.
    if (inCall) this.declined = false;
    const show = (keepPreview || this.wanted) && !this.declined;
    if (noPreview || audioOnly || this.hidden || !this.host.isConnected || (!show && !inCall)) {
      devices.closePreview();
    } else if (show && !devices.preview && !devices.previewFailed && !inCall && (phone.registrationState === 'registered' || phone.registrationState === 'guest')) {
      void devices.openPreview();
    }
  }

  /** The self-view is wanted from now until `PREVIEW.idleMs` pass without a call or more intent. */
  private want(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(this.idle, PREVIEW.idleMs);
    if (this.wanted) return;
    this.wanted = true;
    this.host.requestUpdate();
  }

  /** Idle for `PREVIEW.idleMs`: the self-view closes, unless a call is up (counted again after it). */
  private readonly idle = (): void => {
    if (this.host.phone.calls.length) {
      this.idleTimer = setTimeout(this.idle, PREVIEW.idleMs);
      return;
    }
    this.wanted = false;
    this.host.requestUpdate();
  };

  private readonly onVisibility = (): void => {
    clearTimeout(this.hiddenTimer);
    if (document.visibilityState === 'hidden') {
      this.hiddenTimer = setTimeout(() => {
        this.hidden = true;
        this.host.requestUpdate();
      }, PREVIEW.hiddenMs);
    } else if (this.hidden) {
      this.hidden = false;
      this.host.requestUpdate();
    }
  };

  private readonly onDeviceChange = (): void => {
    void this.host.phone.devices.refresh();
  };
}
