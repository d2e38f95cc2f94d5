import { setting } from '../../../internal/setting.js';
import type { Constructor } from '../../../internal/setting.js';
import { bridgeOf, featureController, initialize } from '../phone-base.js';
import type { PhoneHost } from '../phone-base.js';
import { Chat, peerKey } from './conversations.js';

/** What chat needs from the element besides the base. */
interface ChatHost extends PhoneHost {
  target: string;
}

/** Keeps the conversations: messages received, and those sent with their delivery. */
export class ChatController {
  /** The conversations. */
  readonly chat = new Chat();

  constructor(private readonly host: ChatHost & { readonly chatPeer: string | null }) {
    bridgeOf(host).before('message', m => {
      if (m.direction === 'incoming') this.chat.received(this.chat.add({ direction: 'incoming', peer: m.from, body: m.body, status: 'received' }), host.chatPeer, host.panel === 'chat');
    });
    // A call connects: the chat follows its peer.
    bridgeOf(host).before('call-connected', () => (this.chat.chosen = null));
  }

  /** Sends a message, showing it at once as "sending" (or sends a failed one again). */
  async send(text: string, target?: string | null, retry?: number): Promise<boolean> {
    const { chat, host } = this;
    const { phone } = host;
    const again = chat.entries.find(m => m.id === retry && m.status === 'failed');
    if (retry !== undefined && !again) return false;
    const peer = again?.peer ?? peerKey(target ?? phone.currentCall?.remote ?? '', phone.domain);
    const entry = again ?? chat.add({ direction: 'outgoing', peer, body: text, status: 'sending' });
    entry.status = 'sending';
    host.requestUpdate();
    const ok = await phone.sendMessage(entry.body, again ? peer : target);
    entry.status = ok ? 'sent' : 'failed';
    chat.entries = [...chat.entries];
    host.requestUpdate();
    return ok;
  }
}

/** The conversations of an element. */
export const chatOf = featureController(el => new ChatController(el as ChatHost & { readonly chatPeer: string | null }));

/**
 * Chat by text (SIP MESSAGE), with or without a call: a conversation per person, unread badges,
 * and Retry on a message not delivered.
 */
export const Messaging = <T extends Constructor<ChatHost>>(base: T) => {
  abstract class ChatFeature extends base {
    /** What is typed in the chat box. */
    @setting({ state: true }) chatDraft = '';
    /**
     * The chat conversation on screen (`user@domain`): the one the person picked, else the current
     * call's peer, else the number being dialled.
     */
    get chatPeer(): string | null {
      const { phone } = this;
      const peer = chatOf(this).chat.chosen ?? phone.currentCall?.remote ?? this.target.trim();
      return peer ? peerKey(peer, phone.domain) : null;
    }

    /**
     * Send a chat message (SIP MESSAGE) to `target`, else the current call's peer, else the `target`
     * property. No call is needed.
     */
    sendMessage(text: string, target?: string): Promise<boolean> {
      return chatOf(this).send(text, target ?? (this.phone.currentCall ? undefined : this.target));
    }

    /** Send a message that was not delivered again (its **Retry** button does this). */
    retryMessage(id: number): Promise<boolean> {
      return chatOf(this).send('', null, id);
    }
  }
  initialize(ChatFeature, chatOf);
  return ChatFeature;
};
