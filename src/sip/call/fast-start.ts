import type { CallMedia } from './media-path.js';
import { mediaPathUp } from './media-path.js';
import { changeEncodings, senderOf } from './video-send.js';

/**
 * A call's video starts at no more than `height` lines and goes to full size `fullAfterMs` after
 * the media path is up. Browsers start a connection with a low bandwidth estimate and drop the
 * first frames of a 720p camera until it grows (~150 ms before the first picture); a smaller
 * picture goes out at once.
 */
export const FAST_START = { height: 360, fullAfterMs: 1000 };

export class FastStart {
  private state: 'new' | 'small' | 'full' = 'new';
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly call: CallMedia) {}

  /** Before the first offer or answer: the video sender starts small. */
  begin(pc: RTCPeerConnection): void {
    if (this.state !== 'new') return;
    const sender = senderOf(pc, 'video');
    const height = sender?.track?.getSettings().height ?? 0;
    if (!sender || height <= FAST_START.height) return;
    this.state = 'small';
    void changeEncodings(sender, e => (e.scaleResolutionDownBy = height / FAST_START.height));
  }

  /** The media path changed state: once up, full size follows. */
  pathChanged(pc: RTCPeerConnection): void {
    if (this.state !== 'small' || this.timer || !mediaPathUp(pc)) return;
    this.timer = setTimeout(() => {
      this.state = 'full';
      const sender = senderOf(this.call.pc, 'video');
      if (sender && !this.call.ended) void changeEncodings(sender, e => (e.scaleResolutionDownBy = 1));
    }, FAST_START.fullAfterMs);
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}
