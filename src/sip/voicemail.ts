import type { UA } from './jssip.js';
import { MAX_BODY, Subscription, warn } from './subscriptions.js';
import type { VoicemailDetail } from './types.js';

/**
 * A message summary (RFC 3842: `Messages-Waiting: yes`, `Voice-Message: 2/8 (0/1)`) → the counts,
 * or null (with a warning) when it is not one or its counts are not numbers.
 */
export function parseSummary(body: string): VoicemailDetail | null {
  const waiting = body.length <= MAX_BODY && /^messages-waiting:[ \t]*(yes|no)[ \t]*\r?$/im.exec(body);
  const voice = /^voice-message:(.*)$/im.exec(body)?.[1];
  const counts = /^[ \t]*(\d{1,6})\/(\d{1,6})\b/.exec(voice ?? '0/0');
  if (!waiting || !counts) {
    warn('a message summary that is not one');
    return null;
  }
  return { waiting: waiting[1].toLowerCase() === 'yes', new: +counts[1], old: +counts[2] };
}

/** What the voicemail light needs from the phone. */
export interface VoicemailHost {
  voicemail(detail: VoicemailDetail): void;
}

/**
 * The voicemail light: the account's message summary, from its subscription (Kamailio's
 * presence_mwi, Asterisk) and from the NOTIFYs a server sends unasked, outside any dialog
 * (FreeSWITCH, on registration and whenever the box changes).
 */
export class Voicemail {
  summary: VoicemailDetail | null = null;
  private sub: Subscription | null = null;
  private ua: UA | null = null;

  constructor(private readonly host: VoicemailHost) {}

  registered(ua: UA | undefined, uri: string): void {
    if (!ua) return;
    if (ua !== this.ua) {
      this.stop();
      this.ua = ua;
      ua.on('sipEvent', ({ event, request }) => {
        if (ua === this.ua && (event as { event?: string } | undefined)?.event === 'message-summary') this.show(String(request.body ?? ''));
      });
    }
    if (this.sub) this.sub.renew();
    else this.sub = new Subscription(ua, uri, 'message-summary', 'application/simple-message-summary', body => this.show(body), () => {});
  }

  stop(): void {
    this.sub?.end();
    this.sub = this.ua = null;
  }

  private show(body: string): void {
    const summary = parseSummary(body);
    if (!summary) return;
    this.summary = summary;
    this.host.voicemail(summary);
  }
}
