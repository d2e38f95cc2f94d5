import { html, nothing } from 'lit';
import { icons } from '../../../internal/icons.js';
import type { Translate } from '../../../i18n/i18n.js';

export interface ChatEntry {
  id: number;
  direction: 'incoming' | 'outgoing';
  /** The other party's SIP URI. */
  peer: string;
  body: string;
  at: number;
  status: 'received' | 'sending' | 'sent' | 'failed';
}

const MAX_CHAT_ENTRIES = 200;

/** One conversation per person: `user@domain` of a SIP URI or number, without scheme or parameters. */
export function peerKey(uri: string, domain = ''): string {
  const key = uri.trim().replace(/^sips?:/i, '').replace(/[;?>].*/, '').toLowerCase();
  return key.includes('@') || !domain ? key : `${key}@${domain.toLowerCase()}`;
}

/** A conversation's name on screen: the user part, with the domain when it is not ours. */
const numberOf = (key: string, domain: string) => (key.endsWith(`@${domain.toLowerCase()}`) ? key.slice(0, key.lastIndexOf('@')) : key);

/**
 * Chat messages, by conversation. `shown` is the conversation the person chose; without a choice
 * the chat follows the call, or the number being dialled. Messages to another conversation, or
 * while the panel is closed, count as unread.
 */
export class Chat {
  entries: ChatEntry[] = [];
  /** The conversation the person picked, or null to follow the call / dial target. */
  chosen: string | null = null;
  /** Unread messages per conversation. */
  unread = new Map<string, number>();
  private nextId = 1;

  add(entry: Omit<ChatEntry, 'id' | 'at'>): ChatEntry {
    const full: ChatEntry = { id: this.nextId++, at: Date.now(), ...entry };
    this.entries = [...this.entries, full].slice(-MAX_CHAT_ENTRIES);
    return full;
  }

  /**
   * An incoming message. With no conversation shown, its own becomes the one shown; it is unread
   * unless the panel is open on its conversation.
   */
  received(entry: ChatEntry, shown: string | null, open: boolean): void {
    const key = peerKey(entry.peer);
    if (!shown) this.chosen = key;
    if (!open || (shown && key !== shown)) this.unread.set(key, (this.unread.get(key) ?? 0) + 1);
  }

  read(key: string | null): void {
    if (key) this.unread.delete(key);
  }

  get unreadCount(): number {
    let n = 0;
    for (const v of this.unread.values()) n += v;
    return n;
  }

  /** Every conversation, most recent first. */
  conversations(): string[] {
    const keys: string[] = [];
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const key = peerKey(this.entries[i].peer);
      if (!keys.includes(key)) keys.push(key);
    }
    return keys;
  }
}

/** What the chat views need from the element. */
export interface ChatHost {
  /** The conversation on screen (its key), or null. */
  readonly chatPeer: string | null;
  panel: string | null;
  chatDraft: string;
  readonly t: Translate;
  sendMessage(text: string, target?: string): Promise<boolean>;
  retryMessage(id: number): Promise<boolean>;
  requestUpdate(): void;
}

/** The status line's chat button, with the count of unread messages. */
export function chatButton(host: ChatHost, chat: Chat) {
  const open = host.panel === 'chat';
  // Read: what is on screen. Unread: the rest, and everything while the panel is closed.
  const unread = chat.unreadCount;
  const { t } = host;
  return html`<button part="button chat-button" class="chip" type="button" aria-expanded=${open ? 'true' : 'false'}
      @click=${() => (host.panel = open ? null : 'chat')} aria-label=${unread ? t('unread', t('chat'), unread) : t('chat')} title=${t('chat')}>${icons.chat}${unread
        ? html`<span part="unread-badge" class="badge" aria-hidden="true">${unread}</span>`
        : nothing}</button>`;
}

/** The chat panel: a tab per conversation, the messages of the one shown, and the input. */
export function chatPanel(host: ChatHost, chat: Chat, domain: string, nameOf: (key: string) => string | undefined = () => undefined) {
  const { chatPeer, t } = host;
  // People by the name a call with them gave, else by number (or address elsewhere).
  const label = (key: string, domain: string) => nameOf(key) ?? numberOf(key, domain);
  const shown = chat.entries.filter(m => peerKey(m.peer) === chatPeer);
  const peers = chat.conversations();
  if (chatPeer && !peers.includes(chatPeer)) peers.unshift(chatPeer);
  const pick = (key: string) => () => {
    chat.chosen = key;
    host.requestUpdate();
  };
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const text = host.chatDraft.trim();
    if (!text) return;
    host.chatDraft = '';
    void host.sendMessage(text, chatPeer ?? undefined);
  };
  const to = chatPeer ? t('messageTo', label(chatPeer, domain)) : t('message');
  return html`<div part="chat" class="chat panel" role="group" aria-label=${t('chat')}>
    ${peers.length > 1 || (peers.length && peers[0] !== chatPeer)
      ? html`<div part="chat-peers" class="peers" role="group" aria-label=${t('conversations')}>
          ${peers.map(key => {
            const n = chat.unread.get(key) ?? 0;
            return html`<button part="button chat-peer" type="button" aria-pressed=${key === chatPeer ? 'true' : 'false'} @click=${pick(key)}
                aria-label=${n ? t('unread', label(key, domain), n) : label(key, domain)}><bdi>${label(key, domain)}</bdi>${n
                  ? html`<span class="badge" aria-hidden="true">${n}</span>`
                  : nothing}</button>`;
          })}
        </div>`
      : nothing}
    <ol part="chat-log" class="chat-log" aria-live="polite" tabindex="0" aria-label=${to}>
      ${shown.length ? nothing : html`<li class="empty">${chatPeer ? t('noMessages') : t('typeNumber')}</li>`}
      ${shown.map(
          m => html`<li part="chat-message chat-message-${m.direction}" class="msg ${m.direction}" data-status=${m.status}>
            <span class="who">${m.direction === 'incoming' ? label(peerKey(m.peer), domain) : t('you')}</span>
            <span class="body">${m.body}</span>
            ${m.status === 'failed'
              ? html`<span class="failed">${t('notDelivered')}
                  <button part="button chat-retry-button" type="button" @click=${() => host.retryMessage(m.id)}>${t('retry')}</button></span>`
              : nothing}
          </li>`,
        )}
    </ol>
    <form part="chat-form" class="chat-form" @submit=${submit}>
      <input part="chat-input" type="text" autocomplete="off" aria-label=${to} placeholder=${to} ?disabled=${!chatPeer}
             .value=${host.chatDraft} @input=${(e: InputEvent) => (host.chatDraft = (e.target as HTMLInputElement).value)} />
      <button part="button chat-send-button" type="submit" aria-label=${t('send')} title=${t('send')} ?disabled=${!host.chatDraft.trim() || !chatPeer}>${icons.send}</button>
    </form>
  </div>`;
}
