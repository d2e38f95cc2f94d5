import type { CallMedia } from './media-path.js';
import { senderOf } from './video-send.js';

/** The card's size and how often it is drawn again (a far end keeps a picture that still comes). */
const CARD = { width: 640, height: 360, everyMs: 500 };

/**
 * While the camera is off in a call, the far end sees a card with our name (dark, like the
 * phone's own stage) instead of a plain black picture: the video sender carries a small canvas
 * drawing until the camera is back. The words are the person's name only, in no language.
 */
export class CameraOffCard {
  private card: { track: MediaStreamTrack; stop(): void } | null = null;

  constructor(
    private readonly call: CallMedia,
    private readonly name: () => string,
  ) {}

  /** The camera went off: the card takes its place on the video sender. */
  show(): void {
    const sender = senderOf(this.call.pc, 'video');
    if (!sender || this.card || typeof document === 'undefined') return;
    const canvas = document.createElement('canvas');
    Object.assign(canvas, { width: CARD.width, height: CARD.height });
    const ctx = canvas.getContext('2d');
    if (!ctx || !canvas.captureStream) return;
    const name = this.name();
    const draw = () => {
      ctx.fillStyle = '#1e293b';
      ctx.fillRect(0, 0, CARD.width, CARD.height);
      ctx.fillStyle = '#334155';
      ctx.beginPath();
      ctx.arc(CARD.width / 2, CARD.height / 2 - 30, 56, 0, 2 * Math.PI);
      ctx.fill();
      ctx.fillStyle = '#e2e8f0';
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.font = '600 48px system-ui, sans-serif';
      ctx.fillText(initial(name), CARD.width / 2, CARD.height / 2 - 28);
      ctx.font = '28px system-ui, sans-serif';
      ctx.fillText(name, CARD.width / 2, CARD.height / 2 + 70, CARD.width - 40);
    };
    draw();
    const track = canvas.captureStream(1000 / CARD.everyMs).getVideoTracks()[0];
    const timer = setInterval(draw, CARD.everyMs);
    this.card = {
      track,
      stop: () => {
        clearInterval(timer);
        track.stop();
      },
    };
    void sender.replaceTrack(track).catch(() => {});
  }

  /** The camera is back: its track returns to the sender. */
  hide(camera: MediaStreamTrack | undefined): void {
    if (!this.card) return;
    const sender = senderOf(this.call.pc, 'video');
    this.dispose();
    if (!sender || !camera || camera.readyState !== 'live') return;
    // JsSIP's unmute turned on the sender's track of the moment (the card): the camera too.
    camera.enabled = true;
    void sender.replaceTrack(camera).catch(() => {});
  }

  dispose(): void {
    this.card?.stop();
    this.card = null;
  }
}

/** The first letter of a name (or digit of a number) for the card's round badge. */
function initial(name: string): string {
  return [...name.trim()][0]?.toUpperCase() ?? '';
}
