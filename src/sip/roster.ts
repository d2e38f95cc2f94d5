import { readXml } from './subscriptions.js';
import { sameParty, userOf } from './call/names.js';
import type { RosterMember } from './types.js';

/** A room's members as its conference-info documents (RFC 4575) told them, and the last version applied. */
export interface RoomState {
  version: number;
  members: RosterMember[];
  /** The document applied last was a partial one. */
  partial: boolean;
}

const first = (under: Element, name: string) => [...under.children].find(e => e.localName === name);
const textOf = (under: Element, name: string) => first(under, name)?.textContent?.trim();

/**
 * Applies a conference-info document to what was known of the room: a `full` one replaces it, a
 * `partial` one changes the users it names (a user `deleted`, or whose endpoint has left, goes).
 * Versions count up: an older or repeated one is stale and changes nothing (null), as does a
 * document that is not conference-info. `self` is the account's address (its member is marked).
 */
export function applyConferenceInfo(body: string, known: RoomState | null, self: string): RoomState | null {
  const doc = readXml(body, 'conference-info');
  if (!doc) return null;
  const root = doc.documentElement;
  const version = Number(root.getAttribute('version'));
  const full = root.getAttribute('state') !== 'partial' || !known;
  // Stale: an older or repeated version; or a partial one while a fresh subscription's first (full) document is awaited.
  if (known && !(version > known.version && (full || isFinite(known.version)))) return null;
  const members = new Map((full ? [] : known.members).map(m => [m.uri, m]));
  const users = first(root, 'users');
  for (const user of users ? [...users.children].filter(e => e.localName === 'user') : []) {
    const uri = user.getAttribute('entity') ?? '';
    const endpoints = [...user.children].filter(e => e.localName === 'endpoint');
    const gone = /^(deleted|disconnected|departed)$/;
    if (!uri) continue;
    if (gone.test(user.getAttribute('state') ?? '') || (endpoints.length && endpoints.every(e => gone.test(textOf(e, 'status') ?? '') || gone.test(e.getAttribute('state') ?? '')))) {
      members.delete(uri);
      continue;
    }
    const was = members.get(uri);
    const media = endpoints.flatMap(e => [...e.children].filter(m => m.localName === 'media'));
    // A medium's status is the room's view: recvonly = it hears nothing from the member (muted),
    // sendonly = the member hears nothing (deaf), inactive = both.
    const status = (type: string) => {
      const m = media.find(x => textOf(x, 'type') === type);
      return m ? textOf(m, 'status') ?? 'sendrecv' : undefined;
    };
    const audio = status('audio');
    const video = status('video');
    const flag = (name: string) => {
      const found = [...user.getElementsByTagNameNS('*', name)];
      return found.length ? found.some(e => e.textContent?.trim() !== 'false') : undefined;
    };
    const name = textOf(user, 'display-text') ?? (endpoints[0] && textOf(endpoints[0], 'display-text'));
    members.set(uri, {
      uri,
      name: name || was?.name || userOf(uri),
      number: userOf(uri),
      audioMuted: audio ? /recvonly|inactive/.test(audio) : was?.audioMuted ?? false,
      deaf: audio ? /sendonly|inactive/.test(audio) : was?.deaf ?? false,
      videoMuted: video ? /recvonly|inactive/.test(video) : was?.videoMuted ?? !video,
      talking: flag('talking') ?? (full ? false : was?.talking ?? false),
      floor: flag('floor') ?? (full ? false : was?.floor ?? false),
      self: sameParty(uri, self),
    });
  }
  return { version: Number.isFinite(version) ? version : 0, members: [...members.values()], partial: !full };
}
