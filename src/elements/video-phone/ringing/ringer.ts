/**
 * Ringing sounds: the ringtone of a call ringing here and the ringback of a call we make while
 * the far end rings. Made with Web Audio (two tones and a cadence, no audio files), or played
 * from a URL when the page gives one.
 */
export type RingKind = 'ringtone' | 'ringback';

/** Tone frequencies (Hz), on and off times (s) of each cadence. */
export const TONES: Record<RingKind, { hz: number[]; on: number; off: number }> = {
  ringtone: { hz: [440, 480], on: 1.2, off: 1.8 },
  ringback: { hz: [425], on: 1, off: 4 },
};

export class Ringer {
  /** What plays now, or null. */
  playing: RingKind | null = null;
  /** The browser refused to start sound before the person interacted with the page. */
  blocked = false;
  context: AudioContext | null = null;
  private stopSound: (() => void) | null = null;
  private retry: (() => void) | null = null;

  constructor(private readonly onBlocked: () => void) {}

  /** Plays `kind` (from `url` when given) until `stop()`; playing it already changes nothing. */
  play(kind: RingKind, url?: string): void {
    if (this.playing === kind) return;
    this.stop();
    this.playing = kind;
    if (url) {
      const audio = new Audio(url);
      audio.loop = true;
      audio.play().catch(() => this.block());
      this.stopSound = () => audio.pause();
      // After the gesture that unblocks sound, the file is started again.
      this.retry = () => void audio.play().catch(() => {});
      return;
    }
    const ctx = (this.context ??= new AudioContext());
    if (ctx.state !== 'running') void ctx.resume();
    // Resuming waits for a user gesture where the browser's autoplay policy asks for one.
    setTimeout(() => this.playing && ctx.state !== 'running' && this.block(), 300);
    const gain = ctx.createGain();
    gain.gain.value = 0;
    gain.connect(ctx.destination);
    const oscillators = TONES[kind].hz.map(hz => {
      const o = ctx.createOscillator();
      o.frequency.value = hz;
      o.connect(gain);
      o.start();
      return o;
    });
    const { on, off } = TONES[kind];
    let at = ctx.currentTime;
    // The cadence, scheduled a minute ahead and extended while it rings.
    const schedule = () => {
      while (at < ctx.currentTime + 60) {
        gain.gain.setValueAtTime(0.15, at);
        gain.gain.setValueAtTime(0, at + on);
        at += on + off;
      }
    };
    schedule();
    const timer = setInterval(schedule, 30000);
    this.stopSound = () => {
      clearInterval(timer);
      for (const o of oscillators) o.stop();
      gain.disconnect();
    };
  }

  /** A short tone: a call is about to be answered by itself. */
  beep(): void {
    try {
      const ctx = (this.context ??= new AudioContext());
      const o = ctx.createOscillator();
      const gain = ctx.createGain();
      gain.gain.value = 0.15;
      o.frequency.value = 880;
      o.connect(gain).connect(ctx.destination);
      o.start();
      o.stop(ctx.currentTime + 0.2);
    } catch {
      /* no sound here: the call is answered anyway */
    }
  }

  stop(): void {
    this.stopSound?.();
    this.stopSound = this.retry = null;
    this.playing = null;
  }

  /** A gesture on the page: sound may start now. */
  unlock(): void {
    if (!this.blocked) return;
    this.blocked = false;
    void this.context?.resume();
    this.retry?.();
  }

  /** Stops and lets go of the audio device (the element left the page). */
  close(): void {
    this.stop();
    void this.context?.close();
    this.context = null;
  }

  private block(): void {
    if (this.blocked) return;
    this.blocked = true;
    this.onBlocked();
  }
}
