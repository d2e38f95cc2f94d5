import type { UA } from './jssip.js';
import { parseSipUri, resolveTarget } from './config.js';
import { Subscription, readXml, warn } from './subscriptions.js';
import type { Contact, PresenceDetail } from './types.js';

/** What a contact's lamp shows: free, ringing, on a call, or offline (also: not known yet). */
export type LampState = PresenceDetail['state'];

/** The ringing call of a contact as its dialog-info names it (RFC 4235), for a pickup with Replaces. */
export interface RingingDialog {
  callId: string;
  /** The contact's tag, and the caller's. */
  localTag: string;
  remoteTag: string;
  /** The caller, where the document names it. */
  caller: string;
}

/** A contact and its lamp. */
export interface ContactInfo {
  uri: string;
  name: string;
  state: LampState;
  /** While `ringing`: the call, when the server named its dialog. */
  ringing?: RingingDialog;
}

/**
 * `1001 1002;name="Front desk"` (or an array of `{uri, name}`) → contacts, each a SIP URI at the
 * account's domain. Entries that are not numbers or addresses are left out, with a warning.
 */
export function parseContacts(value: string | Contact[] | null | undefined, domain: string): ContactInfo[] {
  const list: Contact[] = typeof value === 'string'
    ? [...value.matchAll(/([^\s;]+)(?:;name="([^"]*)")?/g)].map(m => ({ uri: m[1], name: m[2] }))
    : Array.isArray(value) ? value : [];
  const out: ContactInfo[] = [];
  for (const c of list) {
    try {
      const uri = resolveTarget(c?.uri, domain);
      if (!out.some(o => o.uri === uri)) out.push({ uri, name: String(c.name ?? '') || parseSipUri(uri)!.user, state: 'offline' });
    } catch {
      warn(`a contact that is not a number or SIP address`);
    }
  }
  return out;
}

interface Dialog {
  state: string;
  recipient: boolean;
  ids?: RingingDialog;
}

/** What the lamps need from the phone. */
export interface PresenceHost {
  changed(): void;
  /** A lamp changed. */
  lamp(detail: PresenceDetail): void;
}

/**
 * The lamps of the account's contacts: one subscription each, for the `dialog` event package
 * (RFC 4235) or `presence` (RFC 3856), refreshed before it expires, made again after a new
 * connection, and ended when the contact goes.
 */
export class Presence {
  contacts: ContactInfo[] = [];
  private readonly subs = new Map<string, Subscription>();
  /** Each contact's calls (dialog package), by dialog id, and the last document version applied. */
  private readonly dialogs = new Map<string, { version: number; calls: Map<string, Dialog> }>();
  private ua: UA | null = null;
  private pkg = 'dialog';

  constructor(private readonly host: PresenceHost) {}

  /** The contacts to show (and, once registered, to watch). */
  set(contacts: ContactInfo[], pkg: string): void {
    const kept = new Map(this.contacts.map(c => [c.uri, c]));
    if (pkg !== this.pkg) for (const [uri, sub] of this.subs) this.drop(uri, sub);
    this.pkg = pkg;
    this.contacts = contacts.map(c => ({ ...c, state: kept.get(c.uri)?.state ?? 'offline', ringing: kept.get(c.uri)?.ringing }));
    for (const [uri, sub] of this.subs) if (!this.contacts.some(c => c.uri === uri)) this.drop(uri, sub);
    this.watch(false);
    this.host.changed();
  }

  /** Registered (again): every subscription is made anew on this connection. */
  registered(ua: UA | undefined): void {
    if (ua !== this.ua) this.stop();
    this.ua = ua ?? null;
    this.watch(true);
  }

  /** The connection went: every lamp is unknown until the subscriptions are made again. */
  lost(): void {
    this.dialogs.clear();
    for (const c of this.contacts) this.show(c.uri, 'offline');
  }

  /** The user agent goes (a new configuration, or the phone stops): every subscription ends. */
  stop(): void {
    for (const [uri, sub] of this.subs) this.drop(uri, sub);
    this.ua = null;
  }

  private watch(renew: boolean): void {
    const ua = this.ua;
    if (!ua) return;
    const dialog = this.pkg === 'dialog';
    for (const c of this.contacts) {
      const sub = this.subs.get(c.uri);
      if (sub) {
        if (renew) {
          this.dialogs.delete(c.uri);
          sub.renew();
        }
        continue;
      }
      const uri = c.uri;
      this.subs.set(uri, new Subscription(ua, uri, this.pkg, dialog ? 'application/dialog-info+xml' : 'application/pidf+xml',
        body => this.show(uri, dialog ? this.fromDialogs(uri, body) : fromPidf(body)),
        () => {
          this.dialogs.delete(uri);
          this.show(uri, 'offline');
        }));
    }
  }

  private drop(uri: string, sub: Subscription): void {
    sub.end();
    this.subs.delete(uri);
    this.dialogs.delete(uri);
  }

  private show(uri: string, state: LampState | null, ringing?: RingingDialog): void {
    const c = this.contacts.find(o => o.uri === uri);
    if (!c || !state) return;
    const was = c.state;
    c.state = state;
    c.ringing = state === 'ringing' ? (ringing ?? c.ringing) : undefined;
    if (was !== state) this.host.lamp({ uri, name: c.name, state });
    this.host.changed();
  }

  /** A dialog-info document (full or partial, in version order) → the contact's lamp. */
  private fromDialogs(uri: string, body: string): LampState | null {
    const doc = readXml(body, 'dialog-info');
    if (!doc) return null;
    const root = doc.documentElement;
    // Versions count up within a subscription; an older or repeated one is stale (none: all apply).
    const version = Number(root.getAttribute('version') ?? NaN);
    const full = root.getAttribute('state') !== 'partial';
    let known = this.dialogs.get(uri);
    if (known && version <= known.version) return null;
    if (!known || full) this.dialogs.set(uri, (known = { version, calls: new Map() }));
    known.version = version;
    for (const d of root.getElementsByTagNameNS('*', 'dialog')) {
      const text = (name: string, under: Element = d) => under.getElementsByTagNameNS('*', name)[0]?.textContent?.trim() ?? '';
      const state = text('state').toLowerCase();
      const id = d.getAttribute('id') ?? '';
      if (state === 'terminated') known.calls.delete(id);
      else {
        const remote = d.getElementsByTagNameNS('*', 'remote')[0];
        const at = (name: string) => d.getAttribute(name) ?? '';
        known.calls.set(id, {
          state,
          recipient: at('direction') === 'recipient',
          ids: at('call-id') && at('local-tag') && at('remote-tag')
            ? { callId: at('call-id'), localTag: at('local-tag'), remoteTag: at('remote-tag'), caller: remote ? text('identity', remote) : '' }
            : undefined,
        });
      }
    }
    const calls = [...known.calls.values()];
    // A call to the contact rings once it is early (a provisional answer); one it makes, or any that
    // is up, is "on a call".
    const ringing = calls.find(c => c.recipient && /early|proceeding/.test(c.state));
    if (calls.some(c => c.state === 'confirmed' || !c.recipient)) return 'busy';
    if (ringing) {
      this.show(uri, 'ringing', ringing.ids);
      return null;
    }
    return 'available';
  }
}

/** A PIDF document (RFC 3863, with RPID activities) → a lamp. */
function fromPidf(body: string): LampState | null {
  const doc = readXml(body, 'presence');
  if (!doc) return null;
  const has = (name: string) => doc.getElementsByTagNameNS('*', name).length > 0;
  const note = doc.getElementsByTagNameNS('*', 'note')[0]?.textContent ?? '';
  if (/ring/i.test(note)) return 'ringing';
  if (has('on-the-phone') || has('busy') || /on the phone|talk|busy/i.test(note)) return 'busy';
  return doc.getElementsByTagNameNS('*', 'basic')[0]?.textContent?.trim() === 'open' ? 'available' : 'offline';
}
