import type { CallMedia } from './media-path.js';
import { mediaPathUp } from './media-path.js';
import { changeEncodings } from './video-send.js';

/**
 * Sends fresh video keyframes at the `keyframe-refresh` delays after a call connects and after
 * every renegotiation, counted from when media can flow (ICE and DTLS up): a keyframe sent
 * before the DTLS handshake is lost too.
 */
export class KeyframeRefresh {
  private timers: ReturnType<typeof setTimeout>[] = [];
  /** A refresh waits for the media path to come up. */
  private wanted = false;

  constructor(
    private readonly call: CallMedia,
    private readonly delays: () => readonly number[],
  ) {}

  /** The media changed (connected, renegotiated): schedules refreshes, replacing pending ones. */
  schedule(): void {
    this.dispose();
    const pc = this.call.pc;
    this.wanted = !pc || !mediaPathUp(pc);
    if (this.wanted) return;
    this.timers = this.delays().map(ms => setTimeout(() => {
      if (!this.call.ended && !this.call.onHold && this.call.pc) void restartVideoEncoding(this.call.pc);
    }, ms));
  }

  /** The media path changed state: a refresh that waited for it goes now. */
  pathChanged(pc: RTCPeerConnection): void {
    if (this.wanted && this.call.connectedAt !== null && mediaPathUp(pc)) this.schedule();
  }

  dispose(): void {
    this.timers.forEach(clearTimeout);
    this.timers = [];
  }
}

/**
 * Pauses and resumes every video encoding the connection sends: the encoder starts again with a
 * keyframe. Nothing when no video is sent or the browser cannot change encodings.
 */
async function restartVideoEncoding(pc: RTCPeerConnection): Promise<void> {
  for (const sender of pc.getSenders()) {
    if (sender.track?.kind !== 'video' || !sender.setParameters) continue;
    await changeEncodings(sender, e => (e.active = false));
    // Paused for a couple of frames: an encoder resumed at once may just carry on.
    await new Promise(resolve => setTimeout(resolve, 60));
    await changeEncodings(sender, e => (e.active = true));
  }
}
