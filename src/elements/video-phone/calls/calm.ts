import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** How long the call's overlays stay after the pointer last moved over the phone (ms). */
export const OVERLAYS = { calmAfterMs: 4000 };

/**
 * Fades the call's overlays (who, timer, controls) once the pointer has been still for a while,
 * so the video is seen whole; a move, a tap or a key brings them back. The styles keep them while
 * focus is inside them and with `prefers-reduced-motion`; the words stay for screen readers.
 */
export class CalmOverlays implements ReactiveController {
  calm = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** The person is in the overlays (keyboard focus there): they stay. */
    private readonly inUse: () => boolean,
  ) {
    host.addController(this);
  }

  /** The person is there: show the overlays, and fade them again later. */
  readonly wake = (): void => {
    clearTimeout(this.timer);
    if (this.calm) {
      this.calm = false;
      this.host.requestUpdate();
    }
    this.timer = setTimeout(() => {
      if (this.inUse()) return this.wake();
      this.calm = true;
      this.host.requestUpdate();
    }, OVERLAYS.calmAfterMs);
  };

  /** A call is up: fade later unless the person moves (does nothing when already counting). */
  arm(): void {
    if (this.timer === undefined) this.wake();
  }

  /** No call: nothing to fade. */
  rest(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.calm = false;
  }

  hostDisconnected(): void {
    this.rest();
  }
}
