import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Phone, PHONE_EVENTS } from '../../sip/index.js';
import type { PhoneEventDetail, PhoneEventName } from '../../sip/index.js';
import type { FsEventMap } from '../../events/events.js';
import { emit } from '../../internal/emit.js';
import type { IncomingCallDetail } from '../../sip/types.js';

/** What the bridge needs from the element (the calls feature's settings among them). */
export interface BridgeHost extends ReactiveControllerHost, HTMLElement {
  /** A call rang in and no `fs-incoming-call` listener vetoed (auto-answer decides). */
  ringsIn?(detail: IncomingCallDetail): void;
}

type Hook<K extends PhoneEventName> = (detail: PhoneEventDetail<K>) => void;

/**
 * Bridges the framework-free Phone and a Lit element: re-dispatches the phone's events as `fs-*`
 * DOM events from the element (after the features that keep a record of them, such as the chat
 * and the history, have taken note: `before()`), lets `auto-answer` answer, asks the
 * element to render on every state change, and ticks the call timer while a call is up.
 */
export class PhoneController implements ReactiveController {
  readonly phone = new Phone();
  private readonly hooks = new Map<string, Hook<never>[]>();
  private ticker: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly host: BridgeHost) {
    host.addController(this);
    for (const type of PHONE_EVENTS) this.phone.addEventListener(type, this.forward);
    this.phone.addEventListener('change', this.onChange);
  }

  /** Runs `hook` on every `type` event of the phone, before the page hears of it. */
  before<K extends PhoneEventName>(type: K, hook: Hook<K>): void {
    this.hooks.set(type, [...(this.hooks.get(type) ?? []), hook]);
  }

  hostConnected(): void {
    this.onChange();
  }

  hostDisconnected(): void {
    this.stopTicker();
  }

  private readonly forward = (event: Event): void => {
    const { type, detail } = event as CustomEvent<never>;
    const { host } = this;
    for (const hook of this.hooks.get(type) ?? []) hook(detail);
    // The page may veto: `fs-incoming-call` stops auto-answer, `fs-transfer-request` the transfer.
    const ev = emit(host, `fs-${type}` as keyof FsEventMap, detail, { cancelable: event.cancelable || type === 'incoming-call' });
    if (ev.defaultPrevented) event.preventDefault();
    if (type === 'incoming-call' && !ev.defaultPrevented) host.ringsIn?.(detail);
    host.requestUpdate();
  };

  private readonly onChange = (): void => {
    const state = this.phone.callState;
    if (state === 'connected' || state === 'held') this.startTicker();
    else this.stopTicker();
    this.host.requestUpdate();
  };

  private startTicker(): void {
    if (this.ticker === undefined) this.ticker = setInterval(() => this.host.requestUpdate(), 1000);
  }

  private stopTicker(): void {
    clearInterval(this.ticker);
    this.ticker = undefined;
  }
}
