import type { ReactiveController, ReactiveElement } from 'lit';

/**
 * The call bar shows its buttons' words beside their icons where all of them fit on its one row,
 * else icons only (class `icons`; the words stay in each button's title and name). Checked after
 * every render and whenever the bar changes size, before the browser paints.
 */
export class FitLabels implements ReactiveController {
  private bar: HTMLElement | null = null;
  private readonly observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => this.fit());

  constructor(
    private readonly host: ReactiveElement,
    private readonly selector: string,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const bar = this.host.renderRoot.querySelector<HTMLElement>(this.selector);
    if (bar !== this.bar) {
      this.observer?.disconnect();
      this.bar = bar;
      if (bar) this.observer?.observe(bar);
    }
    this.fit();
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.bar = null;
  }

  private fit(): void {
    const bar = this.bar;
    if (!bar) return;
    bar.classList.remove('icons');
    if (bar.scrollWidth > bar.clientWidth + 1) bar.classList.add('icons');
  }
}
