import type { ReactiveController, ReactiveElement } from 'lit';

/** The keys that move within a toolbar, and where each one goes from item `i` of `n`. */
const MOVES: Record<string, (i: number, n: number) => number> = {
  ArrowRight: (i, n) => (i + 1) % n,
  ArrowDown: (i, n) => (i + 1) % n,
  ArrowLeft: (i, n) => (i - 1 + n) % n,
  ArrowUp: (i, n) => (i - 1 + n) % n,
  Home: () => 0,
  End: (_, n) => n - 1,
};
/** Left and right swap where the page reads right to left. */
const FLIP: Record<string, string> = { ArrowLeft: 'ArrowRight', ArrowRight: 'ArrowLeft' };

/**
 * The phone's rows of buttons (the header's icons, the picture's tools, the call bar) are
 * toolbars: each is one stop for Tab, so Tab crosses a phone in a few steps, and the arrow keys,
 * Home and End move between its buttons (right to left where the page reads that way). The stop
 * is the button used last, else the first that can be pressed.
 */
export class Toolbars implements ReactiveController {
  /** Each toolbar's last used button. */
  private readonly last = new WeakMap<Element, HTMLElement>();

  constructor(private readonly host: ReactiveElement) {
    host.addController(this);
  }

  // On the shadow root: a move between two of its buttons sends the host itself no focusin.
  hostConnected(): void {
    this.host.renderRoot.addEventListener('keydown', this.onKey as EventListener);
    this.host.renderRoot.addEventListener('focusin', this.onFocus as EventListener);
  }

  hostDisconnected(): void {
    this.host.renderRoot.removeEventListener('keydown', this.onKey as EventListener);
    this.host.renderRoot.removeEventListener('focusin', this.onFocus as EventListener);
  }

  hostUpdated(): void {
    for (const bar of this.host.renderRoot.querySelectorAll('[role="toolbar"]')) this.sync(bar);
  }

  /** The buttons of `bar` a person can reach: shown and enabled. */
  private items(bar: Element): HTMLButtonElement[] {
    return [...bar.querySelectorAll('button')].filter(b => !b.disabled && b.closest('[role="toolbar"]') === bar && b.getClientRects().length > 0);
  }

  /** Leaves one Tab stop in `bar`: its last used button when it is still there, else the first. */
  private sync(bar: Element): void {
    const items = this.items(bar);
    const kept = this.last.get(bar);
    const stop = kept && items.includes(kept as HTMLButtonElement) ? kept : items[0];
    for (const b of bar.querySelectorAll('button')) b.tabIndex = b === stop || !items.length ? 0 : -1;
  }

  private readonly onFocus = (e: FocusEvent): void => {
    const target = e.target as HTMLElement;
    const bar = target.closest?.('[role="toolbar"]');
    if (!bar || target.tagName !== 'BUTTON') return;
    this.last.set(bar, target);
    this.sync(bar);
  };

  private readonly onKey = (e: KeyboardEvent): void => {
    const target = e.target as HTMLElement;
    const bar = MOVES[e.key] && !e.altKey && !e.ctrlKey && !e.metaKey ? target.closest?.('[role="toolbar"]') : null;
    if (!bar) return;
    const items = this.items(bar);
    const at = items.indexOf(target as HTMLButtonElement);
    if (at < 0) return;
    const key = getComputedStyle(bar).direction === 'rtl' ? (FLIP[e.key] ?? e.key) : e.key;
    e.preventDefault();
    items[MOVES[key](at, items.length)].focus();
  };
}
