import { PhoneError } from '../errors.js';
import { stopStream } from '../media.js';
import { senderOf } from './video-send.js';

/** What screen sharing needs of its call. */
interface SharingCall {
  readonly ended: boolean;
  readonly pc: RTCPeerConnection | null;
  readonly localStream: MediaStream | null;
  changed(): void;
}

/**
 * Screen sharing in one call: the shared screen replaces the camera track the call sends
 * (`replaceTrack`, no renegotiation), and the camera comes back when sharing stops, from
 * `stop()` or from the browser's own "Stop sharing".
 */
export class ScreenShare {
  stream: MediaStream | null = null;

  constructor(private readonly call: SharingCall) {}

  /** Asks the browser for a screen, window or tab and sends it; an error says why not. */
  async start(): Promise<PhoneError | null> {
    if (!senderOf(this.call.pc, 'video')) return new PhoneError('share-failed', 'share-audio');
    if (this.stream) return null;
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getDisplayMedia({ video: true });
    } catch (err) {
      const name = (err as Error)?.name;
      return name === 'NotAllowedError' ? new PhoneError('share-failed', 'share-cancelled') : new PhoneError('share-failed', undefined, [(err as Error)?.message || name]);
    }
    const track = stream.getVideoTracks()[0];
    const sender = senderOf(this.call.pc, 'video');
    if (this.call.ended || !sender || !track) {
      stopStream(stream);
      return null;
    }
    this.stream = stream;
    track.addEventListener('ended', () => this.stop());
    await sender.replaceTrack(track);
    this.call.changed();
    return null;
  }

  /** Stops sharing: the camera (or nothing, if it was turned off) is sent again. */
  stop(): void {
    const screen = this.stream?.getVideoTracks()[0];
    const camera = this.call.localStream?.getVideoTracks()[0] ?? null;
    if (!screen) return;
    // Camera off while sharing turned the screen off: the camera stays off.
    if (camera) camera.enabled = screen.enabled;
    stopStream(this.stream);
    this.stream = null;
    if (this.call.ended) return;
    senderOf(this.call.pc, 'video')?.replaceTrack(camera).catch(() => {});
    this.call.changed();
  }

  dispose(): void {
    stopStream(this.stream);
    this.stream = null;
  }
}
