import { plainContact } from './jssip.js';
import type { UA } from './jssip.js';

/** A notification body longer than this is not read (a broken or hostile server). */
export const MAX_BODY = 65536;

/** Something a server sent that the phone leaves alone: a line for the page's developer, nothing else. */
export const warn = (what: string): void => console.warn(`fs-video-phone: ignored ${what}`);

/**
 * A subscription the server ended or refused is made again after `ms`, twice as long after each
 * further failure up to `maxMs`; `expires` is what a SUBSCRIBE asks for (s).
 */
export const RESUBSCRIBE = { ms: 30000, maxMs: 600000, expires: 600 };

/** A NOTIFY body as an XML document whose root is `root`, or null (with a warning) for anything else. */
export function readXml(body: string, root: string): Document | null {
  const doc = body.length > MAX_BODY ? null : new DOMParser().parseFromString(body, 'application/xml');
  if (doc?.documentElement.localName === root && !doc.getElementsByTagName('parsererror').length) return doc;
  warn(`a ${root} document that is ${body.length > MAX_BODY ? `${body.length} bytes long` : 'malformed'}`);
  return null;
}

/**
 * One subscription (RFC 6665) of the account: JsSIP refreshes it before it expires; one the server
 * ends or refuses is made again after `RESUBSCRIBE.ms`, and `renew()` makes it again at once (a new
 * connection: the server may have lost it, and its NOTIFYs would go to the old one).
 */
export class Subscription {
  private sub: ReturnType<UA['subscribe']> | null = null;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private wait = RESUBSCRIBE.ms;

  constructor(
    private readonly ua: UA,
    readonly target: string,
    private readonly event: string,
    private readonly accept: string,
    private readonly notified: (body: string) => void,
    private readonly lost: () => void,
  ) {
    this.renew();
  }

  renew(): void {
    this.end();
    let sub: ReturnType<UA['subscribe']>;
    try {
      sub = this.sub = this.ua.subscribe(this.target, this.event, this.accept, { expires: RESUBSCRIBE.expires, extraHeaders: [plainContact(this.ua)] });
    } catch {
      return this.later();
    }
    const mine = () => sub === this.sub;
    sub.on('notify', (_final, _request, body) => {
      if (!mine()) return;
      this.wait = RESUBSCRIBE.ms;
      this.notified(String(body ?? ''));
    });
    sub.on('terminated', () => {
      if (!mine()) return;
      this.sub = null;
      this.lost();
      this.later();
    });
    sub.subscribe();
  }

  /** Asks again within the subscription (a refresh): the server answers with a NOTIFY of the whole state. */
  refresh(): void {
    try {
      this.sub?.subscribe();
    } catch {
      this.renew();
    }
  }

  /** Ends it (un-SUBSCRIBE), for good unless renewed. */
  end(): void {
    clearTimeout(this.retry);
    const sub = this.sub;
    this.sub = null;
    try {
      sub?.terminate();
    } catch {
      /* not sent yet: nothing to end at the server */
    }
  }

  private later(): void {
    this.retry = setTimeout(() => this.renew(), this.wait);
    this.wait = Math.min(this.wait * 2, RESUBSCRIBE.maxMs);
  }
}
