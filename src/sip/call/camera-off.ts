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

  constructor(private readonly name: () => string) {}

  /** The card's track (drawn from now on until `dispose()`), or none where there is no canvas. */
  track(): MediaStreamTrack | null {
    if (this.card) return this.card.track;
    if (typeof document === 'undefined') return null;
    const canvas = document.createElement('canvas');
    Object.assign(canvas, { width: CARD.width, height: CARD.height });
    const ctx = canvas.getContext('2d');
    if (!ctx || !canvas.captureStream) return null;
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
    return track;
  }

  dispose(): void {
    this.card?.stop();
    this.card = null;
  }
}

/**
 * What the far end sees: the shared screen (camera on or off), else the camera, or while the
 * camera is off the card with our name; chosen again after every change (camera button, a
 * camera switch, sharing started or stopped).
 */
export class OutgoingVideo {
  private readonly card: CameraOffCard;

  constructor(
    private readonly call: { readonly pc: RTCPeerConnection | null },
    name: () => string,
  ) {
    this.card = new CameraOffCard(name);
  }

  async send(off: boolean, screenStream: MediaStream | null, localStream: MediaStream | null): Promise<void> {
    const screen = screenStream?.getVideoTracks()[0];
    const camera = localStream?.getVideoTracks()[0];
    // Muting turns off whatever the sender carries: the camera follows the button, a screen stays on.
    if (camera) camera.enabled = !off;
    if (screen) screen.enabled = true;
    const track = screen ?? (off ? this.card.track() : camera) ?? null;
    const sender = senderOf(this.call.pc, 'video');
    if (sender && sender.track !== track) await sender.replaceTrack(track).catch(() => {});
    if (screen || !off) this.card.dispose();
  }

  dispose(): void {
    this.card.dispose();
  }
}

/** The first letter of a name (or digit of a number) for the card's round badge. */
function initial(name: string): string {
  return [...name.trim()][0]?.toUpperCase() ?? '';
}
