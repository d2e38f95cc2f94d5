import { DEFAULTS } from './config.js';
import type { PhoneConfig } from './config.js';
import { PhoneError, toPhoneError } from './errors.js';
import type { Notice } from './errors.js';
import { getLocalMedia, stopStream, swapTrack } from './media.js';
import type { LocalMedia } from './media.js';

export type DeviceKind = 'camera' | 'microphone' | 'speaker';

/** One camera, microphone or speaker the browser lists (labels come once permission is granted). */
export interface DeviceInfo {
  kind: DeviceKind;
  id: string;
  label: string;
}

const KINDS: Partial<Record<string, DeviceKind>> = { videoinput: 'camera', audioinput: 'microphone', audiooutput: 'speaker' };

/** A call as the devices see it: the camera and microphone it sends, and a way to switch them. */
export interface DeviceUser {
  readonly ended: boolean;
  readonly localStream: MediaStream | null;
  useTrack(track: MediaStreamTrack): Promise<unknown>;
}

/** What the devices need from the phone. */
export interface DevicesHost {
  readonly config: PhoneConfig | null;
  readonly lines: readonly DeviceUser[];
  /** A passing notice for the person (shown under the status line). */
  notice: Notice | null;
  changed(): void;
  fail(err: PhoneError): false;
}

/**
 * The person's devices: which camera, microphone and speaker are chosen, the lists to choose
 * from, and the self-view preview (camera only, never the microphone). A call started while the
 * preview shows gets a copy of its camera track, so it does not wait for the camera to open.
 * Choosing another camera or microphone switches the calls in progress by replacing the track
 * they send: no renegotiation.
 */
export class Devices {
  readonly chosen: Record<DeviceKind, string> = { camera: '', microphone: '', speaker: '' };
  list: DeviceInfo[] = [];
  preview: MediaStream | null = null;
  private failed = false;
  private previewWanted = false;
  private opening: Promise<boolean> | null = null;

  constructor(private readonly host: DevicesHost) {}

  /** The last attempt to open the preview failed (no camera, permission denied): no retry by itself. */
  get previewFailed(): boolean {
    return this.failed;
  }

  /** Opens the self-view again after it failed (the person or the page asked). */
  retryPreview(): Promise<boolean> {
    this.failed = false;
    return this.openPreview();
  }

  /** @internal getUserMedia constraints for the chosen camera (at `video-size`) or microphone. */
  constraints(kind: 'camera' | 'microphone'): MediaTrackConstraints {
    const [width, height] = this.host.config?.videoSize ?? DEFAULTS.videoSize;
    const c: MediaTrackConstraints = kind === 'camera' ? { width: { ideal: width }, height: { ideal: height }, frameRate: { ideal: 30 } } : {};
    // `exact` (browsers keep using a device already open when it is only `ideal`), for a device
    // the browser lists: one that is gone gives the default instead of an error.
    const id = this.chosen[kind];
    if (this.list.some(d => d.id === id)) c.deviceId = { exact: id };
    return c;
  }

  /**
   * @internal Camera and microphone for a call: a copy of the preview's camera when it shows, else
   * both opened now.
   */
  async forCall(video: boolean): Promise<LocalMedia> {
    const camera = video ? this.preview?.getVideoTracks()[0] : undefined;
    const live = camera?.readyState === 'live';
    const media = await getLocalMedia(!live && video && this.constraints('camera'), this.constraints('microphone'), this.timeout);
    if (live) media.stream.addTrack(camera.clone());
    // Microphones get names with the first call's permission: read the lists again then, not on every call.
    if (!this.list.some(d => d.kind === 'microphone' && d.label)) void this.refresh();
    return media;
  }

  /** Opens the self-view; resolves true once it shows. */
  openPreview(): Promise<boolean> {
    this.previewWanted = true;
    if (this.preview) return Promise.resolve(true);
    return (this.opening ??= getLocalMedia(this.constraints('camera'), false, this.timeout).then(
      ({ stream }) => {
        this.opening = null;
        // Closed again while the camera was opening: the light goes straight off.
        if (!this.previewWanted) {
          stopStream(stream);
          return false;
        }
        this.preview = stream;
        this.failed = false;
        void this.refresh();
        this.host.changed();
        return true;
      },
      err => {
        this.opening = null;
        this.failed = true;
        const problem = toPhoneError(err, 'media-error');
        this.host.notice = problem;
        return this.host.fail(problem);
      },
    ));
  }

  /** Stops the self-view (calls keep their own copy of the camera). */
  closePreview(): void {
    this.previewWanted = false;
    stopStream(this.preview);
    if (this.preview) this.host.changed();
    this.preview = null;
  }

  /**
   * Chooses a device ('' = the browser's default). The preview and every call sending that kind
   * of track switch to it by `replaceTrack`; the speaker is applied by whoever plays the sound.
   */
  async use(kind: DeviceKind, id: string): Promise<boolean> {
    this.chosen[kind] = id;
    // Another camera may well open where the last one failed.
    if (kind === 'camera') this.failed = false;
    this.host.changed();
    if (kind === 'speaker') return true;
    const type = kind === 'camera' ? 'video' : 'audio';
    const calls = this.host.lines.filter(c => !c.ended && c.localStream?.getTracks().some(t => t.kind === type));
    const preview = type === 'video' ? this.preview : null;
    if (!calls.length && !preview) return true;
    let track: MediaStreamTrack;
    try {
      const media = await getLocalMedia(type === 'video' && this.constraints('camera'), type === 'audio' && this.constraints('microphone'), this.timeout);
      track = media.stream.getTracks()[0];
    } catch (err) {
      return this.host.fail(toPhoneError(err, 'media-error'));
    }
    if (preview && preview === this.preview) swapTrack(preview, track.clone());
    await Promise.all(calls.map(c => c.useTrack(track.clone())));
    track.stop();
    this.host.changed();
    return true;
  }

  /**
   * Reads the device lists again (on `devicechange`). A camera or microphone in use that is no
   * longer listed (unplugged) is replaced by the default one, in calls too.
   */
  async refresh(): Promise<void> {
    let found: MediaDeviceInfo[] = [];
    try {
      found = await navigator.mediaDevices.enumerateDevices();
    } catch {
      /* not available here */
    }
    this.list = found.flatMap(d => (KINDS[d.kind] && d.deviceId ? [{ kind: KINDS[d.kind]!, id: d.deviceId, label: d.label }] : []));
    for (const kind of ['camera', 'microphone'] as const) {
      const type = kind === 'camera' ? 'video' : 'audio';
      const tracks = [this.preview, ...this.host.lines.map(c => c.localStream)].flatMap(s => s?.getTracks() ?? []).filter(t => t.kind === type && t.readyState === 'live');
      const listed = this.list.filter(d => d.kind === kind);
      const gone = tracks.some(t => !listed.some(d => d.id === t.getSettings().deviceId));
      if (listed.length && gone) {
        this.chosen[kind] = '';
        await this.use(kind, '');
      }
    }
    this.host.changed();
  }

  /** @internal `video-size` changed: the camera is opened again at that size, and the preview and calls switch to it. */
  resize(): void {
    void this.use('camera', this.chosen.camera);
  }

  private get timeout(): number {
    return this.host.config?.mediaTimeout ?? DEFAULTS.mediaTimeout;
  }
}
