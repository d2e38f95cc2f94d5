import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Phone, PHONE_EVENTS } from '../../sip/index.js';
import type { CallOptions } from '../../sip/index.js';
import type { FsEventMap } from '../../events/events.js';
import { emit } from '../../internal/emit.js';
import { Ringer } from './ringer.js';
import { Chat, peerKey } from './chat.js';
import { CallHistory } from './history.js';
import type { CallEndedDetail, IncomingCallDetail, MessageDetail } from '../../sip/types.js';
import type { Translate } from '../../i18n/i18n.js';

/** What the controller needs from the element it serves. */
export interface PhoneHost extends ReactiveControllerHost, HTMLElement {
  autoAnswer: boolean;
  audioOnly: boolean;
  noRingtone: boolean;
  ringtone: string;
  ringback: string;
  notify: boolean;
  persistHistory: boolean;
  panel: string | null;
  readonly t: Translate;
  /** The chat conversation on screen (its key), or null. */
  readonly chatPeer: string | null;
}

/**
 * Bridges the framework-free Phone and a Lit element: re-dispatches the phone's events as
 * `fs-*` DOM events from the element, asks the element to render on every state change, keeps
 * the chat log, and ticks the call timer while a call is up.
 */
export class PhoneController implements ReactiveController {
  readonly phone = new Phone();
  /** Ringtone and ringback. */
  readonly ringer = new Ringer(() => this.host.requestUpdate());
  readonly chat = new Chat();
  private readonly calls = new CallHistory();
  /** The desktop notification of a call ringing in a hidden tab. */
  private notification: Notification | null = null;
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
    const tone = phone.tone;
    if (host.noRingtone || !host.isConnected || !tone) this.ringer.stop();
    else this.ringer.play(tone, tone === 'ringtone' ? host.ringtone : host.ringback);
    if (!phone.incomingCall) {
      this.notification?.close();
      this.notification = null;
    }
  }

  /** The calls of the current account (from localStorage with the `history` attribute). */
  history(): CallHistory {
    const { phone } = this;
    this.calls.use(phone.user ? `${phone.user}@${phone.domain}` : '', this.host.persistHistory);
    return this.calls;
  }

  /** A call rings here while the page is hidden: a desktop notification, when allowed. */
  private notifyIncoming({ from, displayName }: IncomingCallDetail): void {
    if (!this.host.notify || !document.hidden || typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    const number = from.replace(/^sips?:/, '');
    const n = new Notification(this.host.t('incoming'), { body: displayName && displayName !== number ? `${displayName}\n${number}` : number, tag: 'fs-video-phone-call', requireInteraction: true });
    n.onclick = () => {
      focus();
      n.close();
    };
    this.notification = n;
  }

  private readonly unlock = (): void => {
    this.ringer.unlock();
    this.host.requestUpdate();
  };

  /** Sends a chat message, showing it at once as "sending" (or sends a failed one again). */
  async send(text: string, target?: string | null, retry?: number): Promise<boolean> {
    const { chat, phone } = this;
    const again = chat.entries.find(m => m.id === retry && m.status === 'failed');
    if (retry !== undefined && !again) return false;
    const peer = again?.peer ?? peerKey(target ?? phone.currentCall?.remote ?? '', phone.domain);
    const entry = again ?? chat.add({ direction: 'outgoing', peer, body: text, status: 'sending' });
    entry.status = 'sending';
    this.host.requestUpdate();
    const ok = await phone.sendMessage(entry.body, again ? peer : target);
    entry.status = ok ? 'sent' : 'failed';
    chat.entries = [...chat.entries];
    this.host.requestUpdate();
    return ok;
  }

  answer(callId?: string, options?: CallOptions): Promise<boolean> {
    return this.phone.answer(callId, { video: !this.host.audioOnly, ...options });
  }

  private readonly forward = (event: Event): void => {
    const { type, detail } = event as CustomEvent<unknown>;
    const name = `fs-${type}` as keyof FsEventMap;
    const { host, chat } = this;
    const message = detail as MessageDetail;
    if (type === 'message' && message.direction === 'incoming') {
      chat.received(chat.add({ direction: 'incoming', peer: message.from, body: message.body, status: 'received' }), host.chatPeer, host.panel === 'chat');
    }
    if (type === 'call-connected') chat.chosen = null;
    if (type === 'call-ended') this.history().add(detail as CallEndedDetail);
    if (type === 'incoming-call') this.notifyIncoming(detail as IncomingCallDetail);
    // The page may veto: `fs-incoming-call` stops auto-answer, `fs-transfer-request` the transfer.
    const ev = emit(host, name, detail as never, { cancelable: event.cancelable || type === 'incoming-call' });
    if (ev.defaultPrevented) event.preventDefault();
    if (type === 'incoming-call' && host.autoAnswer && !ev.defaultPrevented) void this.answer((detail as IncomingCallDetail).callId);
    host.requestUpdate();
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
