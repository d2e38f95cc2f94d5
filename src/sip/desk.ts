import type { UA } from './jssip.js';
import type { IncomingRequest } from 'jssip/lib/SIPMessage';
import type { PhoneConfig } from './config.js';
import { Presence, parseContacts } from './presence.js';
import type { ContactInfo } from './presence.js';
import { Voicemail } from './voicemail.js';
import { claimPickup } from './incoming.js';
import type { Lines } from './lines.js';
import type { CallOptions } from './phone-events.js';
import type { PresenceDetail, VoicemailDetail } from './types.js';

/** What the desk needs from the phone. */
export interface DeskHost {
  readonly config: PhoneConfig | null;
  readonly board: Lines;
  call(target: string, options?: CallOptions): Promise<boolean>;
  emit(type: 'presence', detail: PresenceDetail): void;
  emit(type: 'voicemail', detail: VoicemailDetail): void;
  changed(): void;
}

/**
 * A phone's front-desk part (`phone.desk`): its contacts' lamps and picking up their calls, the
 * voicemail light, and do-not-disturb.
 */
export class Desk {
  private readonly lamps: Presence;
  private readonly box: Voicemail;

  constructor(private readonly host: DeskHost) {
    this.lamps = new Presence({ changed: () => host.changed(), lamp: d => host.emit('presence', d) });
    this.box = new Voicemail({ voicemail: d => (host.emit('voicemail', d), host.changed()) });
  }

  /** The contacts (`contacts` option) and their lamps. */
  get contacts(): ContactInfo[] {
    return this.lamps.contacts;
  }

  /** The voicemail box's counts, once the server has told them, or null. */
  get voicemail(): VoicemailDetail | null {
    return this.box.summary;
  }

  /**
   * Do not disturb: calls are refused unheard (`dndCode`, 486 by default) and reported ended with
   * reason `dnd`. Kept for the account in this browser (localStorage), across reloads.
   */
  get dnd(): boolean {
    const c = this.host.config;
    return !!c && store(s => s.getItem(dndKey(c))) === '1';
  }

  set dnd(on: boolean) {
    const c = this.host.config;
    if (!c) return;
    store(s => (on ? s.setItem(dndKey(c), '1') : s.removeItem(dndKey(c))));
    this.host.changed();
  }

  /**
   * Picks up a call ringing at `contact` (a number or address): dials `prefix` + its number
   * (FreeSWITCH's `**` directed pickup). With an empty prefix, calls the caller with Replaces for
   * that call, where the contact's lamp named it (our phones, as callers, accept such a call).
   */
  pickup(contact: string, prefix = '**'): Promise<boolean> {
    const c = this.lamps.contacts.find(o => o.uri === contact || o.uri.startsWith(`sip:${contact}@`));
    const ring = c?.ringing;
    if (prefix || !ring?.caller) return this.host.call(`${prefix}${c ? c.uri.slice(4).split('@')[0] : contact}`);
    return this.host.call(ring.caller, { extraHeaders: [`Replaces: ${ring.callId};to-tag=${ring.localTag};from-tag=${ring.remoteTag};early-only`] });
  }

  /** @internal The configuration's contacts, with lamps. */
  configured(config: PhoneConfig): void {
    this.lamps.set(parseContacts(config.contacts, config.domain), config.presence);
  }

  /** @internal Registered (again): subscriptions are made on this connection. */
  registered(ua: UA | undefined, uri: string): void {
    this.lamps.registered(ua);
    this.box.registered(ua, uri);
  }

  /** @internal No longer registered (the connection went): no lamp is known until registered again. */
  lost(): void {
    this.lamps.lost();
  }

  /** @internal Whether an INVITE with Replaces picks up one of our calls ringing elsewhere. */
  claims(request: IncomingRequest): boolean {
    return claimPickup(this.host.board, request);
  }

  /** @internal The user agent goes: every subscription ends. */
  stop(): void {
    this.lamps.stop();
    this.box.stop();
  }
}

const dndKey = (c: PhoneConfig) => `fs-video-phone dnd ${c.uri}`;

/** Runs `fn` on localStorage; undefined where the page may not use it (sandboxed, blocked). */
function store<T>(fn: (s: Storage) => T): T | undefined {
  try {
    return fn(localStorage);
  } catch {
    return undefined;
  }
}
