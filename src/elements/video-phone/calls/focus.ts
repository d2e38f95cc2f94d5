import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CallInfo } from '../../../sip/index.js';

/** What the focus keeper needs from the phone element. */
export interface FocusHost extends ReactiveControllerHost, EventTarget {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly incomingCall: CallInfo | null;
  readonly currentCall: CallInfo | null;
  /** A call ringing in that is about to be answered by itself (`auto-answer`): it does not take the focus. */
  readonly autoAnswering?: string | null;
}

/** Set while the phone itself moves the focus: that is no sign of what the person means to do. */
export const movingFocus = { now: false };

/** The focused element, inside shadow roots too. */
export function deepActive(): Element | null {
  let a = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

/** A control that can no longer hold the focus: disabled, or no longer shown. */
function gone(el: Element): boolean {
  return (el as HTMLInputElement).disabled === true || !(el as HTMLElement).checkVisibility();
}

/**
 * Moves the focus as calls come and go: a call ringing in takes it to Answer; once it stops
 * ringing the focus goes back where it was (else to Hang up or Call). A call dialled from the
 * number field takes the focus to Hang up. When the last call ends, the focus goes to Call, unless
 * the person has put it somewhere else on the page.
 */
export class CallFocus implements ReactiveController {
  /** The call ringing in when last rendered, and where the focus was before it rang. */
  private ringingId: string | null = null;
  private returnFocus: Element | null = null;
  private hadCall = false;
  /** The focus was last in the phone (a control that is then disabled or hidden sends no focusout). */
  private inside = false;
  private readonly host: FocusHost;

  constructor(host: FocusHost) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener('focusin', this.onFocusIn);
    this.host.addEventListener('focusout', this.onFocusOut);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('focusin', this.onFocusIn);
    this.host.removeEventListener('focusout', this.onFocusOut);
  }

  private readonly onFocusIn = (): void => {
    this.inside = true;
  };

  private readonly onFocusOut = (e: Event): void => {
    const to = (e as FocusEvent).relatedTarget as Node | null;
    if (to) this.inside = (this.host as unknown as Node).contains(to) || this.host.renderRoot.contains(to);
  };

  hostUpdated(): void {
    movingFocus.now = true;
    try {
      this.follow();
    } finally {
      movingFocus.now = false;
    }
  }

  /** The call ringing now is answered by itself. */
  private quiet = false;

  private follow(): void {
    const { host } = this;
    const id = host.incomingCall?.id ?? null;
    const call = !!host.currentCall;
    const was = this.ringingId;
    this.ringingId = id;
    const active = deepActive();
    const lost = !active || active === document.body || host.renderRoot.contains(active);
    if (id && !was) {
      // A call answered by itself (auto-answer) leaves the focus alone, ringing and answered.
      this.quiet = id === host.autoAnswering;
      this.returnFocus = active;
      if (!this.quiet) this.focus('answer-button');
    } else if (!id && was && !this.quiet) {
      const back = this.returnFocus as HTMLElement | null;
      this.returnFocus = null;
      if (lost) {
        // Back where it was, if that can still take it (a hidden or disabled control cannot).
        back?.focus();
        if (!back || back === document.body || deepActive() !== back) this.focus(call ? 'hangup-button' : 'call-button');
      }
    } else if (this.hadCall && !call && !id && lost) {
      this.focus('call-button');
    } else if (!this.hadCall && call && !id && this.inside && (!active || active === document.body || (host.renderRoot.contains(active) && gone(active)))) {
      // Dialled from the field or Call, both gone now: Hang up is where the call is.
      this.focus('hangup-button');
    }
    this.hadCall = call;
  }

  private focus(part: string): void {
    this.host.renderRoot.querySelector<HTMLElement>(`[part~="${part}"]`)?.focus();
  }
}
