import { PhoneError } from '../errors.js';
import { stopStream } from '../media.js';
import { senderOf } from './video-send.js';

/** What screen sharing needs of its call. */
interface SharingCall {
  readonly ended: boolean;
  readonly pc: RTCPeerConnection | null;
  /** Puts the right track (screen, camera or the camera-off card) on the video sender. */
  sendVideo(): Promise<void>;
}

/**
 * Screen sharing in one call: the shared screen takes the camera's place on the video sender
 * (`replaceTrack`, no renegotiation), and the camera (or, while it is off, the card) comes back
 * when sharing stops, from `stop()` or from the browser's own "Stop sharing".
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
    await this.call.sendVideo();
    return null;
  }

  /** Stops sharing: the camera (or, while it is off, the card) is sent again. */
  stop(): void {
    if (!this.stream) return;
    stopStream(this.stream);
    this.stream = null;
    if (!this.call.ended) void this.call.sendVideo();
  }

  dispose(): void {
    stopStream(this.stream);
    this.stream = null;
  }
}
