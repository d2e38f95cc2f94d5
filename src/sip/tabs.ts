/** What the tab lock drives: the user agent of this tab's phone. */
export interface TabHost {
  /** This tab has the account now: connect and register. */
  acquired(): void;
  /** Another tab has it: unregister and disconnect, and show so. */
  released(): void;
  /** Whether this tab has a call in progress (it is never taken over then). */
  busy(): boolean;
  /** Asked for by `useHere()` while the other tab is in a call. */
  refused(): void;
}

type Message = { type: 'state'; busy: boolean } | { type: 'ask' } | { type: 'take'; from: string } | { type: 'yield'; to: string };

/**
 * One registration per account among the tabs (and frames) of one browser: the tab holding the Web
 * Lock named after the account registers and rings, the others wait in the lock's queue, so
 * closing that tab hands the account to the next at once. `useHere()` moves it to this tab unless
 * the holder has a call in progress, which the holder tells the others over a BroadcastChannel.
 */
export class TabLock {
  private readonly channel: BroadcastChannel;
  private readonly id = Math.random().toString(36).slice(2);
  private waiting: AbortController | null = null;
  private release: (() => void) | null = null;
  private saidBusy: boolean | null = null;
  private watch: ReturnType<typeof setInterval> | undefined;
  private stopped = false;
  /** The tab that has the account is in a call (as it last said). */
  otherBusy = false;

  static supported(): boolean {
    return typeof BroadcastChannel === 'function' && !!globalThis.navigator?.locks;
  }

  constructor(
    private readonly name: string,
    private readonly host: TabHost,
  ) {
    this.channel = new BroadcastChannel(name);
    this.channel.onmessage = (e: MessageEvent<Message>) => this.heard(e.data);
  }

  /**
   * Takes the account at once when no other tab has it, else shows it is elsewhere and waits in
   * line; with `claim` (a reloaded page taking its call back) asks that tab for it.
   */
  start(claim = false): void {
    void navigator.locks
      .request(this.name, { ifAvailable: true }, lock => {
        if (lock) return this.hold();
        this.host.released();
        this.post(claim ? { type: 'take', from: this.id } : { type: 'ask' });
        this.queue(false);
        return undefined;
      })
      .catch(() => this.lost());
  }

  /** Moves the account to this tab; false (and `refused`) while the tab that has it is in a call. */
  useHere(): boolean {
    if (this.release) return true;
    if (this.otherBusy) {
      this.host.refused();
      return false;
    }
    this.post({ type: 'take', from: this.id });
    return true;
  }

  dispose(): void {
    this.stopped = true;
    clearInterval(this.watch);
    this.waiting?.abort();
    this.release?.();
    this.release = null;
    this.channel.close();
  }

  private queue(steal: boolean): void {
    if (this.stopped) return;
    this.waiting?.abort();
    const waiting = (this.waiting = new AbortController());
    void navigator.locks
      .request(this.name, steal ? { steal: true } : { signal: waiting.signal }, () => this.hold())
      .catch(() => {
        if (this.waiting === waiting || steal) this.lost();
      });
  }

  private hold(): Promise<void> {
    return new Promise<void>(resolve => {
      if (this.stopped) return resolve();
      this.release = resolve;
      this.saidBusy = null;
      this.host.acquired();
      this.tell();
      clearInterval(this.watch);
      this.watch = setInterval(this.tell, 500);
    });
  }

  /** The lock was taken from us (Use here in another tab): wait in line again. */
  private lost(): void {
    clearInterval(this.watch);
    if (!this.release || this.stopped) return;
    this.release = null;
    this.host.released();
    this.queue(false);
  }

  /** The holder says whether it is in a call, when that changes (and when asked). */
  private readonly tell = (force = false): void => {
    const busy = this.host.busy();
    if (!this.release || (busy === this.saidBusy && force !== true)) return;
    this.saidBusy = busy;
    this.post({ type: 'state', busy });
  };

  private heard(m: Message): void {
    if (this.stopped) return;
    if (m.type === 'state') {
      this.otherBusy = m.busy;
    } else if (m.type === 'ask') {
      this.tell(true);
    } else if (m.type === 'take' && this.release) {
      // Never while a call is in progress here; otherwise step back and let that tab take it.
      if (this.host.busy()) return this.tell(true);
      clearInterval(this.watch);
      this.host.released();
      this.post({ type: 'yield', to: m.from });
    } else if (m.type === 'yield' && m.to === this.id) {
      this.queue(true);
    }
  }

  private post(m: Message): void {
    this.channel.postMessage(m);
  }
}
