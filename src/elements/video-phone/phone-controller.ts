import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Phone, PHONE_EVENTS } from '../../sip/index.js';
import type { CallOptions } from '../../sip/index.js';
import type { FsEventMap } from '../../events/events.js';
import { emit } from '../../internal/emit.js';
import { Ringer } from './ringer.js';

export interface ChatEntry {
  id: number;
  direction: 'incoming' | 'outgoing';
  /** The other party's SIP URI. */
  peer: string;
  body: string;
  at: number;
  status: 'received' | 'sending' | 'sent' | 'failed';
}

/** What the controller needs from the element it serves. */
export interface PhoneHost extends ReactiveControllerHost, HTMLElement {
  autoAnswer: boolean;
  audioOnly: boolean;
  noRingtone: boolean;
  ringtone: string;
  ringback: string;
}

const MAX_CHAT_ENTRIES = 200;

/**
 * Bridges the framework-free Phone and a Lit element: re-dispatches the phone's events as
 * `fs-*` DOM events from the element, asks the element to render on every state change, keeps
 * the chat log, and ticks the call timer while a call is up.
 */
export class PhoneController implements ReactiveController {
  readonly phone = new Phone();
  /** Ringtone and ringback. */
  readonly ringer = new Ringer(() => this.host.requestUpdate());
  chat: ChatEntry[] = [];
  private nextChatId = 1;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private readonly host: PhoneHost;

  constructor(host: PhoneHost) {
    this.host = host;
    host.addController(this);
    for (const type of PHONE_EVENTS) this.phone.addEventListener(type, this.forward);
    this.phone.addEventListener('change', this.onChange);
  }

  hostConnected(): void {
    addEventListener('pointerdown', this.unlock, true);
    addEventListener('keydown', this.unlock, true);
    this.onChange();
  }

  hostDisconnected(): void {
    removeEventListener('pointerdown', this.unlock, true);
    removeEventListener('keydown', this.unlock, true);
    this.stopTicker();
    this.ringer.close();
  }

  /** Rings while a call rings here (with no call up), rings back while the far end rings. */
  ring(): void {
    const { phone, host } = this;
    const active = phone.active;
    if (host.noRingtone || !host.isConnected) this.ringer.stop();
    else if (phone.incomingCall && !active?.connectedAt) this.ringer.play('ringtone', host.ringtone);
    else if (active?.state === 'ringing' && !active.earlyMedia) this.ringer.play('ringback', host.ringback);
    else this.ringer.stop();
  }

  private readonly unlock = (): void => {
    this.ringer.unlock();
    this.host.requestUpdate();
  };

  /** Sends a chat message, showing it at once as "sending". */
  async send(text: string, target?: string | null): Promise<boolean> {
    const entry = this.addChat({ direction: 'outgoing', peer: target ?? this.phone.currentCall?.remote ?? '', body: text, status: 'sending' });
    const ok = await this.phone.sendMessage(text, target);
    entry.status = ok ? 'sent' : 'failed';
    this.chat = [...this.chat];
    this.host.requestUpdate();
    return ok;
  }

  answer(callId?: string, options?: CallOptions): Promise<boolean> {
    return this.phone.answer(callId, { video: !this.host.audioOnly, ...options });
  }

  private addChat(entry: Omit<ChatEntry, 'id' | 'at'>): ChatEntry {
    const full: ChatEntry = { id: this.nextChatId++, at: Date.now(), ...entry };
    this.chat = [...this.chat, full].slice(-MAX_CHAT_ENTRIES);
    return full;
  }

  private readonly forward = (event: Event): void => {
    const { type, detail } = event as CustomEvent;
    const name = `fs-${type}` as keyof FsEventMap;
    if (type === 'message' && detail.direction === 'incoming') {
      this.addChat({ direction: 'incoming', peer: detail.from, body: detail.body, status: 'received' });
    }
    // The page may veto: `fs-incoming-call` stops auto-answer, `fs-transfer-request` the transfer.
    const ev = emit(this.host, name, detail as never, { cancelable: event.cancelable || type === 'incoming-call' });
    if (ev.defaultPrevented) event.preventDefault();
    if (type === 'incoming-call' && this.host.autoAnswer && !ev.defaultPrevented) void this.answer(detail.callId);
    this.host.requestUpdate();
  };

  private readonly onChange = (): void => {
    const state = this.phone.callState;
    if (state === 'connected' || state === 'held') this.startTicker();
    else this.stopTicker();
    this.ring();
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
