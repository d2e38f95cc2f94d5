import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Phone } from '../../sip/index.js';
import type { DeviceKind } from '../../sip/devices.js';

/** What the media controller needs from the element. */
export interface MediaHost extends ReactiveControllerHost, HTMLElement {
  readonly phone: Phone;
  noPreview: boolean;
  noPersist: boolean;
  audioOnly: boolean;
  camera: string;
  microphone: string;
  speaker: string;
}

const KINDS = ['camera', 'microphone', 'speaker'] as const;
/** Where the device choice is kept (per origin). */
const STORE = 'fs-video-phone-devices';
/** A tab hidden `hiddenMs` turns its camera off (the preview reopens when it is shown again). */
export const PREVIEW = { hiddenMs: 60000 };

/**
 * The element's side of local media: when the self-view preview opens and closes (never a
 * permission prompt on page load: it waits for camera permission, a first gesture or
 * `preview()`; off while the tab is hidden for a minute), device choice from attributes,
 * properties and storage, and following `devicechange`.
 */
export class MediaController implements ReactiveController {
  /** The camera may be opened without surprising anyone. */
  private allowed = false;
  private hidden = false;
  /** The device ids last handed to the phone. */
  private readonly applied: Record<DeviceKind, string> = { camera: '', microphone: '', speaker: '' };
  private hiddenTimer: ReturnType<typeof setTimeout> | undefined;
  private permission: PermissionStatus | null = null;

  constructor(private readonly host: MediaHost) {
    host.addController(this);
  }

  /** `preview()`: opens the self-view now, asking for permission if need be. */
  open(): Promise<boolean> {
    this.allowed = true;
    this.host.phone.devices.previewFailed = false;
    return this.host.phone.devices.openPreview();
  }

  hostConnected(): void {
    addEventListener('pointerdown', this.allow, true);
    addEventListener('keydown', this.allow, true);
    document.addEventListener('visibilitychange', this.onVisibility);
    navigator.mediaDevices?.addEventListener?.('devicechange', this.onDeviceChange);
    navigator.permissions?.query({ name: 'camera' }).then(status => {
      if (!this.host.isConnected) return;
      this.permission = status;
      status.addEventListener('change', this.onPermission);
      this.onPermission();
    }, () => {});
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
    removeEventListener('pointerdown', this.allow, true);
    removeEventListener('keydown', this.allow, true);
    document.removeEventListener('visibilitychange', this.onVisibility);
    navigator.mediaDevices?.removeEventListener?.('devicechange', this.onDeviceChange);
    clearTimeout(this.hiddenTimer);
    // A permission status with a listener lives on, and would keep this element alive.
    this.permission?.removeEventListener('change', this.onPermission);
    this.permission = null;
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
        devices.previewFailed = false;
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
    const { phone, noPreview, audioOnly } = this.host;
    const devices = phone.devices;
    if (noPreview || audioOnly || this.hidden || !this.host.isConnected) {
      devices.closePreview();
    } else if (this.allowed && !devices.preview && !devices.previewFailed && !phone.lines.length && phone.registrationState === 'registered') {
      void devices.openPreview();
    }
  }

  private readonly onPermission = (): void => {
    if (this.permission?.state === 'granted') this.allow();
  };

  private readonly allow = (): void => {
    if (this.allowed) return;
    this.allowed = true;
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
