import { html, nothing } from 'lit';
import { icons } from '../../../internal/icons.js';
import type { CallEndedDetail, Direction, EndReason } from '../../../sip/types.js';
import { clock, endKey, isMissed } from '../words.js';
import type { Translate } from '../../../i18n/i18n.js';

/** One call in the history. */
export interface HistoryEntry {
  /** The call's id while it lasted. */
  id: string;
  direction: Direction;
  /** The other party's SIP URI and name. */
  peer: string;
  displayName: string;
  /** When it began to ring or was dialled (ms since the epoch). */
  startedAt: number;
  /** Connected time; 0 when it never connected. */
  durationMs: number;
  reason: EndReason;
  /** Rang here and nobody here answered or declined it. */
  missed: boolean;
}

/** How many calls the history keeps, newest first. */
export const HISTORY_MAX = 100;
const KEY = 'fs-video-phone-history:';

/**
 * The calls of one account: in memory, and in localStorage (one key per account) while `persist`
 * is on. Missed calls count as new until the history is seen.
 */
export class CallHistory {
  entries: HistoryEntry[] = [];
  /** Missed calls after this time (ms) are new. */
  seenAt = 0;
  private account = '';
  persist = false;

  /** Follows the account: another one reads its own stored history. */
  use(account: string, persist: boolean): void {
    if (account === this.account && persist === this.persist) return;
    const changed = account !== this.account;
    this.account = account;
    this.persist = persist;
    if (changed) [this.entries, this.seenAt] = [[], 0];
    if (!persist || !account) return;
    try {
      const stored = JSON.parse(localStorage.getItem(KEY + account) ?? 'null') as { entries?: unknown; seenAt?: unknown } | null;
      if (stored && Array.isArray(stored.entries)) {
        // Calls stored earlier and calls made before the attribute was set, newest first.
        const ids = new Set(this.entries.map(e => e.id));
        this.entries = [...this.entries, ...(stored.entries as HistoryEntry[]).filter(e => !ids.has(e.id))].sort((a, b) => b.startedAt - a.startedAt).slice(0, HISTORY_MAX);
        this.seenAt = Math.max(this.seenAt, Number(stored.seenAt) || 0);
      }
    } catch {
      /* storage unavailable or unreadable: start empty */
    }
    this.save();
  }

  add(end: CallEndedDetail): void {
    const { callId: id, direction, remote: peer, displayName, startedAt, durationMs, reason } = end;
    // Newest first by the time shown (when the call began), not by when it ended: a long call
    // started before a short one stays below it.
    const entry = { id, direction, peer, displayName, startedAt, durationMs, reason, missed: isMissed(end) };
    this.entries = [entry, ...this.entries].sort((a, b) => b.startedAt - a.startedAt).slice(0, HISTORY_MAX);
    this.save();
  }

  /** Missed calls not seen yet. */
  get unseen(): number {
    return this.entries.filter(e => e.missed && e.startedAt > this.seenAt).length;
  }

  seen(): void {
    if (!this.unseen) return;
    this.seenAt = Date.now();
    this.save();
  }

  clear(): void {
    this.entries = [];
    this.save();
  }

  private save(): void {
    if (!this.persist || !this.account) return;
    try {
      localStorage.setItem(KEY + this.account, JSON.stringify({ seenAt: this.seenAt, entries: this.entries }));
    } catch {
      /* full or unavailable: the history stays in memory */
    }
  }
}

/** What the history views need from the element. */
export interface HistoryHost {
  readonly history: HistoryEntry[];
  readonly missedCalls: number;
  panel: string | null;
  readonly t: Translate;
  /** The language dates are written in. */
  readonly language: string;
  call(target?: string): Promise<boolean>;
  clearHistory(): void;
}

const who = (e: HistoryEntry) => e.displayName || e.peer.replace(/^sips?:/, '');

/** The status line's history button, with the count of missed calls not seen yet. */
export function historyButton(host: HistoryHost) {
  const missed = host.missedCalls;
  const { t } = host;
  return html`<button part="button history-button" class="chip" type="button" aria-expanded=${host.panel === 'history' ? 'true' : 'false'}
      @click=${() => (host.panel = host.panel === 'history' ? null : 'history')}
      aria-label=${missed ? t('recentMissed', missed) : t('recent')} title=${t('recent')}>${icons.history}${missed
        ? html`<span part="missed-badge" class="badge" aria-hidden="true">${missed}</span>`
        : nothing}</button>`;
}

/** The recent calls, newest first, each with a call-back button. */
export function historyPanel(host: HistoryHost) {
  const entries = host.history;
  const { t } = host;
  return html`<div part="history" class="panel history" role="group" aria-label=${t('recent')}>
    ${entries.length ? nothing : html`<p class="empty">${t('noCalls')}</p>`}
    <ol>
      ${entries.map(
        e => html`<li part="history-entry${e.missed ? ' history-missed' : ''}" data-direction=${e.direction} data-reason=${e.reason} ?data-missed=${e.missed}>
          <span class="dir" role="img" aria-label=${t(e.missed ? 'missedShort' : e.direction === 'incoming' ? 'incomingShort' : 'outgoingShort')}>${e.missed ? '✕' : e.direction === 'incoming' ? '↙' : '↗'}</span>
          <span class="who"><bdi title=${who(e)}>${who(e)}</bdi>
            <small>${new Date(e.startedAt).toLocaleString(host.language, { dateStyle: 'short', timeStyle: 'short' })} · ${e.durationMs
              ? clock(e.durationMs)
              : t(endKey({ ...e, callId: e.id, remote: e.peer, originator: e.missed ? 'remote' : 'local' }))}</small></span>
          <button part="button redial-button" type="button" @click=${() => host.call(e.peer)} aria-label=${t('callWho', who(e))} title=${t('callWho', who(e))}>${icons.call}</button>
        </li>`,
      )}
    </ol>
    ${entries.length ? html`<button part="button clear-history-button" type="button" @click=${() => host.clearHistory()}>${t('clearHistory')}</button>` : nothing}
  </div>`;
}
