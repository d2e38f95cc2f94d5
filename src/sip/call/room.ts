import type { UA } from '../jssip.js';
import { Subscription } from '../subscriptions.js';
import { applyConferenceInfo, type RoomState } from '../roster.js';
import type { RosterMember } from '../types.js';

/** Whether an answer comes from a conference room: its Contact carries `isfocus` (RFC 4579). */
export function isFocus(response: { getHeader?(name: string): string | undefined } | undefined): boolean {
  return /^[^,]*>[^,]*;\s*isfocus\b/i.test(response?.getHeader?.('Contact') ?? '');
}

/**
 * A call's conference room: a subscription to its `conference` event package (RFC 4575) for as
 * long as the call lasts. Until the room sends a document there is no roster (FreeSWITCH accepts a
 * subscription over WebSocket and sends nothing; see docs/freeswitch.md).
 */
export class Room {
  private state: RoomState | null = null;
  private readonly sub: Subscription;

  constructor(ua: UA, target: string, self: string, changed: (members: RosterMember[]) => void) {
    // A subscription made anew counts its versions from anew: its next full document is taken.
    const afresh = () => this.state && (this.state.version = -Infinity);
    this.sub = new Subscription(ua, target, 'conference', 'application/conference-info+xml', body => {
      const next = applyConferenceInfo(body, this.state, self);
      if (!next) return;
      const known = this.state?.version ?? -Infinity;
      this.state = next;
      changed(next.members);
      // A partial document that skips a version means one went missing: a refresh brings the whole room.
      if (isFinite(known) && next.version > known + 1 && next.partial) this.sub.refresh();
    }, afresh);
  }

  /** The members, once the room has told them, else null. */
  get members(): RosterMember[] | null {
    return this.state?.members ?? null;
  }

  dispose(): void {
    this.sub.end();
  }
}
