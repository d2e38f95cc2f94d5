import { PhoneError } from './errors.js';

/**
 * Short-lived SIP credentials from the page's own back end (see docs/public-pages.md): `username`
 * (e.g. `1700000000:1000`, the form Kamailio's auth_ephemeral and FreeSWITCH REST set-ups use),
 * `password`, or `ha1` with `realm`, and `expires`: the seconds they stay valid (a number above
 * 10^9 is the Unix time they end). Without `expires` they are fetched once.
 */
export interface SignInDetails {
  username: string;
  password?: string;
  ha1?: string;
  realm?: string;
  expires?: number;
}

/** Where the phone gets its credentials: an async function, or `credentials-url` (see `fromUrl`). */
export type CredentialsSource = () => Promise<SignInDetails>;

/** A GET of `url` (same-origin, with the page's cookies, never cached) answering the details as JSON. */
export const fromUrl = (url: string): CredentialsSource => async () => {
  const res = await fetch(url, { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' } });
  if (!res.ok) throw new PhoneError('credentials-failed', undefined, [`(HTTP ${res.status})`]);
  return (await res.json()) as SignInDetails;
};

/**
 * Gets the credentials, and again when four fifths of their life has passed; a failure is
 * reported once (code `credentials-failed`, never with what was received) and retried after 2,
 * 4, 8 … up to 60 s. Stopped with the user agent.
 */
export class SignIn {
  private timer?: ReturnType<typeof setTimeout>;
  private failures = 0;
  private stopped = false;

  constructor(
    private readonly source: CredentialsSource,
    private readonly got: (details: SignInDetails) => void,
    private readonly failed: (err: PhoneError) => void,
  ) {}

  async fetch(): Promise<void> {
    let details: SignInDetails;
    let life: number;
    try {
      details = await this.source();
      const { username, password, ha1, expires = 0 } = details ?? {};
      if (typeof username !== 'string' || !username || (typeof password !== 'string' && !/^[0-9a-f]{32}$/i.test(String(ha1))) || !(expires >= 0)) {
        throw new PhoneError('credentials-failed', 'credentials-invalid');
      }
      life = expires > 1e9 ? expires - Date.now() / 1000 : expires;
      if (life < 0) throw new PhoneError('credentials-failed', 'credentials-invalid'); // already run out
    } catch (err) {
      if (this.stopped) return;
      // Said once per run of failures (the problem stays shown); only the kind of error, as a
      // message could quote what the back end sent.
      if (!this.failures) this.failed(err instanceof PhoneError ? err : new PhoneError('credentials-failed', undefined, [`(${(err as Error)?.name ?? 'Error'})`]));
      this.later(Math.min(60, 2 ** ++this.failures));
      return;
    }
    if (this.stopped) return;
    this.failures = 0;
    this.got(details);
    if (life) this.later(Math.max(1, life * 0.8));
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private later(seconds: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.fetch(), seconds * 1000);
  }
}
