import { setting } from '../../../internal/setting.js';
import type { Constructor } from '../../../internal/setting.js';
import { bridgeOf, featureController, initialize } from '../phone-base.js';
import type { PhoneHost } from '../phone-base.js';
import { CallHistory } from './call-history.js';
import type { HistoryEntry } from './call-history.js';

/** What the history needs from the element. */
interface HistoryHost extends PhoneHost {
  readonly persistHistory: boolean;
}

/** Keeps the account's calls as they end. */
export class HistoryController {
  private readonly calls = new CallHistory();

  constructor(private readonly host: HistoryHost) {
    bridgeOf(host).before('call-ended', detail => this.list().add(detail));
  }

  /** The calls of the account in use (read from `localStorage` with `history`). */
  list(): CallHistory {
    const { phone } = this.host;
    this.calls.use(phone.user ? `${phone.user}@${phone.domain}` : '', this.host.persistHistory);
    return this.calls;
  }
}

/** The call history of an element. */
export const historyOf = featureController(el => new HistoryController(el as HistoryHost));

/**
 * Recent calls: the account's calls as they end (a `history` panel with missed-call badges and
 * call back), kept per account, in memory or with the `history` attribute in `localStorage`.
 */
export const History = <T extends Constructor<PhoneHost>>(base: T) => {
  abstract class HistoryFeature extends base {
    /**
     * Keep the call history in `localStorage` too (one key per account,
     * `fs-video-phone-history:USER@DOMAIN`, the newest 100 calls), so it survives a reload. Without
     * it the history lives in memory only.
     */
    @setting({ type: Boolean, attribute: 'history' }) persistHistory = false;
    /**
     * `{id, direction, peer, displayName, startedAt, durationMs, reason, missed}[]`: Recent calls,
     * newest first (up to 100): `peer` is the SIP URI, `startedAt` when it began to ring or was
     * dialled (ms since the epoch), `durationMs` 0 when it never connected, `reason` as in
     * `fs-call-ended`, `missed` for a call that rang here and stopped before anyone here answered or
     * declined it.
     */
    get history(): HistoryEntry[] {
      return [...historyOf(this).list().entries];
    }

    /** Missed calls since the recent-calls panel was last opened (the badge on its button). */
    get missedCalls(): number {
      return historyOf(this).list().unseen;
    }

    /** Forget every call in the history, and its stored copy. */
    clearHistory(): void {
      historyOf(this).list().clear();
      this.requestUpdate();
    }
  }
  initialize(HistoryFeature, historyOf);
  return HistoryFeature;
};
