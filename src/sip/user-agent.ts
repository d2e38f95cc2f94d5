import { UA, C as JsSIPConstants, WebSocketInterface, claimReplaces, reconnectNow } from './jssip.js';
import type { UAConfiguration } from 'jssip/lib/UA';
import type { RTCSession } from 'jssip/lib/RTCSession';
import type { IncomingRequest } from 'jssip/lib/SIPMessage';
import { DEFAULTS, resolveTarget } from './config.js';
import type { PhoneConfig } from './config.js';
import { PhoneError, toPhoneError } from './errors.js';
import { SignIn } from './sign-in.js';
import { TabLock } from './tabs.js';
import type { SignInDetails } from './sign-in.js';
import type { Originator, RegistrationFailedDetail, RegistrationState } from './types.js';

/** What the user agent reports to the phone. */
export interface UserAgentHost {
  readonly registrationState: RegistrationState;
  setRegistration(state: RegistrationState): void;
  /** Sets (or with null clears, when it is of `code`) the problem shown to the person. */
  problem: PhoneError | null;
  registered(): void;
  unregistered(): void;
  registrationFailed(detail: RegistrationFailedDetail): void;
  incoming(session: RTCSession, request: IncomingRequest): void;
  /** Whether an INVITE with Replaces picks up one of our calls while it rings at the far end. */
  pickup(request: IncomingRequest): boolean;
  message(from: string, body: string): void;
  changed(): void;
  fail(err: PhoneError): false;
  /** Whether a call is in progress. */
  busy(): boolean;
}

/**
 * The SIP user agent of one configuration: its connection, registration and out-of-dialog
 * requests. Reconnects on its own (and at once when the browser is back online); an outage is
 * reported once and a call in progress goes on through it.
 */
export class UserAgent {
  private jssip: UA | null = null;
  private outage = false;
  /** Connected since the last disconnection: losing that connection moves to the next server at once. */
  private up = false;
  private stopped = false;
  /** Short-lived credentials: the user agent is made once the first ones come. */
  private readonly signIn: SignIn | null;
  /** The account shared among this browser's tabs (multi-tab `shared`): null when this tab goes alone. */
  private readonly tabs: TabLock | null;
  /** Another tab has the account: JsSIP is stopped and its events are not ours to report. */
  private standby = false;
  private begun = false;

  /** Throws a PhoneError when JsSIP refuses the configuration. */
  constructor(
    readonly config: PhoneConfig,
    private readonly host: UserAgentHost,
  ) {
    this.signIn = config.signIn && new SignIn(config.signIn, d => this.signedIn(d), err => this.signInFailed(err));
    if (!this.signIn) this.make(config);
    this.tabs =
      // Not for a guest (no registration), nor when the credentials name the user (not known yet).
      config.multiTab === 'shared' && !config.guest && !config.userFromCredentials && TabLock.supported()
        ? new TabLock(`fs-video-phone ${config.uri} ${config.servers.map(s => s.url).join(' ')}`, {
            acquired: () => this.acquired(),
            released: () => this.released(),
            busy: () => host.busy(),
            refused: () => host.fail(new PhoneError('busy', 'tab-busy')),
          })
        : null;
  }

  /** The JsSIP user agent (once made: see `ready`). */
  get ua(): UA {
    return this.jssip!;
  }

  /** Makes the JsSIP user agent and follows its events. */
  private make(config: PhoneConfig): UA {
    const host = this.host;
    let ua: UA;
    try {
      ua = new UA(toUaConfiguration(config));
    } catch (err) {
      throw toPhoneError(err, 'invalid-option');
    }
    this.jssip = ua;
    claimReplaces(ua, r => host.pickup(r));
    const on = (name: string, fn: (e: never) => void) => ua.on(name as never, ((e: never) => {
      if (!this.stopped && !this.standby) fn(e);
    }) as never);
    on('connecting', () => {
      if (host.registrationState !== 'registered') host.setRegistration('connecting');
    });
    on('connected', () => {
      this.outage = false;
      this.up = true;
      if (host.problem?.code === 'connection-error') host.problem = null;
      if (config.guest) host.setRegistration('guest');
      else if (config.manualRegister && host.registrationState === 'connecting') host.setRegistration('unregistered');
      host.changed();
    });
    on('disconnected', (e: { error?: boolean; socket?: { url?: string } }) => {
      // JsSIP keeps retrying the connection, the next server of ws-url first; say so once per
      // outage. A call in progress goes on: its media does not need the server, and its in-dialog
      // requests wait for the reconnection.
      const wasRegistered = host.registrationState === 'registered';
      // With several servers, one that went away is left for the next at once rather than after
      // JsSIP's 1-2 s pause; attempts that fail then wait as usual.
      if (this.up && config.servers.length > 1) setTimeout(this.reconnectNow);
      this.up = false;
      host.setRegistration('connecting');
      if (e.error && !this.outage) {
        this.outage = true;
        host.problem = wasRegistered
          ? new PhoneError('connection-error', 'connection-lost')
          : new PhoneError('connection-error', undefined, [e.socket?.url ?? config.wsUrl]);
        host.fail(host.problem);
      }
    });
    on('registered', () => {
      host.problem = null;
      host.setRegistration('registered');
      host.registered();
    });
    on('unregistered', () => {
      // JsSIP also reports a lost connection as "unregistered"; that is an outage, not a choice,
      // and the phone registers again by itself once reconnected.
      if (!ua.isConnected()) return;
      host.setRegistration('unregistered');
      host.unregistered();
    });
    on('registrationFailed', (e: { cause?: string; response?: { status_code?: number } | null }) => {
      const status = e.response?.status_code;
      const causes = JsSIPConstants.causes;
      const reason: RegistrationFailedDetail['reason'] =
        e.cause === causes.AUTHENTICATION_ERROR || status === 401 || status === 403 || status === 407
          ? 'auth-failed'
          : e.cause === causes.CONNECTION_ERROR
            ? 'connection-error'
            : e.cause === causes.REQUEST_TIMEOUT
              ? 'request-timeout'
              : 'failed';
      const auth = reason === 'auth-failed';
      const why = auth ? `${status ?? ''}` : `${e.cause ?? 'unknown error'}${status ? ` ${status}` : ''}`;
      host.problem = new PhoneError(auth ? 'auth-failed' : 'connection-error', auth ? 'auth-failed' : 'registration-failed', [why && `(${why})`]);
      host.setRegistration('failed');
      host.registrationFailed(status ? { reason, status } : { reason });
      host.fail(host.problem);
    });
    on('newRTCSession', (e: { originator: Originator; session: RTCSession; request: IncomingRequest }) => {
      // A guest takes no calls (nothing should reach an unregistered guest; a stray one is refused).
      if (e.originator === 'remote' && config.guest) e.session.terminate({ status_code: 403, reason_phrase: 'Forbidden' });
      else if (e.originator === 'remote') host.incoming(e.session, e.request);
    });
    on('newMessage', (e: { originator: Originator; request: IncomingRequest }) => {
      if (e.originator === 'remote') host.message(e.request.from?.uri?.toString() ?? '', String(e.request.body ?? ''));
    });
    return ua;
  }

  /** Connects and registers (`claim`: moves the account here from another tab that has it, unless it is in a call). */
  start(claim = false): void {
    if (this.tabs) {
      globalThis.addEventListener?.('pagehide', this.closing);
      this.tabs.start(claim);
    } else this.acquired();
  }

  /** This tab has the account (always, unless another tab shares it): connect and register. */
  private acquired(): void {
    this.standby = false;
    this.host.setRegistration('connecting');
    if (this.begun) return this.run();
    this.begun = true;
    globalThis.addEventListener?.('online', this.reconnectNow);
    if (this.signIn) void this.signIn.fetch();
    else this.run();
  }

  /** Another tab has the account now: unregister and disconnect until it comes back. */
  private released(): void {
    this.standby = true;
    this.host.setRegistration('elsewhere');
    this.leave();
  }

  /** The page goes: unregister, so the next tab's registration is the only one, unless a call is in progress (no BYE for it: its far end keeps it while the media can come back). */
  private readonly closing = (): void => {
    if (!this.host.busy()) this.leave();
  };

  private readonly leave = (): void => {
    try {
      this.jssip?.stop();
    } catch {
      /* already stopped */
    }
  };

  /** Moves the account to this tab (multi-tab `shared`); false while the tab that has it is in a call. */
  useHere(): boolean {
    return this.tabs ? this.tabs.useHere() : true;
  }

  private run(): void {
    if (!this.jssip || this.standby) return;
    try {
      this.ua.start();
    } catch (err) {
      this.host.fail(toPhoneError(err, 'connection-error'));
    }
  }

  /**
   * New credentials: the first ones make the user agent (its user the one they name, when the page
   * gave no sip-uri); later ones replace them and register again at once, which also checks them.
   */
  private signedIn(d: SignInDetails): void {
    const c = this.config;
    const secret = d.ha1 ? { ha1: d.ha1.toLowerCase(), realm: d.realm || c.realm, password: '' } : { password: d.password!, ha1: '' };
    if (this.host.problem?.code === 'credentials-failed') this.host.problem = null;
    if (!this.jssip) {
      if (c.userFromCredentials) {
        c.user = d.username.split(':').pop()!;
        c.uri = `sip:${c.user}@${c.domain}`;
      }
      try {
        this.make({ ...c, ...secret, authorizationUser: d.username });
      } catch (err) {
        this.signInFailed(toPhoneError(err, 'invalid-option'));
        return;
      }
      this.run();
      return;
    }
    const ua = this.jssip;
    ua.set('authorization_user', d.username);
    if (secret.ha1) {
      ua.set('realm', secret.realm);
      ua.set('ha1', secret.ha1);
    } else ua.set('password', secret.password);
    if (ua.isRegistered()) ua.register();
    this.host.changed();
  }

  /** Credentials that could not be had or used: shown until some work (a registration in force stays). */
  private signInFailed(err: PhoneError): void {
    if (this.host.registrationState !== 'registered') this.host.setRegistration('failed');
    this.host.problem = err;
    this.host.fail(err);
  }

  stop(): void {
    this.stopped = true;
    this.signIn?.stop();
    this.tabs?.dispose();
    globalThis.removeEventListener?.('online', this.reconnectNow);
    globalThis.removeEventListener?.('pagehide', this.closing);
    try {
      this.jssip?.stop();
    } catch {
      /* already stopped */
    }
  }

  register(): void {
    this.jssip?.register();
  }

  unregister(): void {
    this.jssip?.unregister();
  }

  /** Whether calls can be placed now (connected and, unless registration is manual or a guest calls, registered). */
  get ready(): boolean {
    return !!this.jssip?.isConnected() && (this.config.manualRegister || this.config.guest || this.host.registrationState === 'registered');
  }

  /**
   * Sends a text message (SIP MESSAGE) to `target` (a bare number at the account's domain), else to
   * `fallback`; resolves with the URI once delivered, or with why not.
   */
  async sendText(text: string, target: string | null | undefined, fallback: string | undefined): Promise<string | PhoneError> {
    const body = String(text ?? '');
    if (!body.trim()) return new PhoneError('message-failed', 'empty-message');
    let uri: string;
    try {
      uri = target ? resolveTarget(target, this.config.domain) : (fallback ?? resolveTarget(null, this.config.domain));
    } catch (err) {
      return toPhoneError(err, 'invalid-target');
    }
    return (await this.sendMessage(uri, body)) ?? uri;
  }

  /** Sends a text message (SIP MESSAGE); resolves with null once delivered, or with why not. */
  private sendMessage(uri: string, body: string): Promise<PhoneError | null> {
    return new Promise(resolve => {
      try {
        this.ua.sendMessage(uri, body, {
          contentType: 'text/plain; charset=utf-8',
          eventHandlers: {
            succeeded: () => resolve(null),
            failed: (e: { cause?: string; response?: { status_code?: number } | null }) => {
              const status = e.response?.status_code;
              resolve(new PhoneError('message-failed', undefined, [`(${e.cause ?? 'failed'}${status ? ` ${status}` : ''})`]));
            },
          },
        });
      } catch (err) {
        resolve(toPhoneError(err, 'message-failed'));
      }
    });
  }

  /**
   * Connects now (to the best server not known to have failed) instead of after the back-off:
   * when the connection in use is lost and there are other servers, and when the browser is back
   * online.
   */
  private readonly reconnectNow = (): void => {
    if (!this.stopped && this.jssip) reconnectNow(this.jssip);
  };
}

/** The JsSIP user agent configuration for a validated PhoneConfig. */
function toUaConfiguration(config: PhoneConfig): UAConfiguration {
  return {
    // JsSIP connects to the highest weight first (at random among equals) and, when that server
    // goes away, to the next one; it stays there when the first one comes back.
    sockets: config.servers.map(({ url, weight }) => ({ socket: new WebSocketInterface(url), weight })),
    uri: config.uri,
    ...(config.guest ? {} : config.ha1 ? { ha1: config.ha1, realm: config.realm } : { password: config.password }),
    authorization_user: config.authorizationUser,
    display_name: config.displayName || undefined,
    register: !config.manualRegister && !config.guest,
    register_expires: DEFAULTS.registerExpires,
    session_timers: false,
    // The phone runs its own no-answer timer in both directions (a setting that applies without
    // reconnecting); JsSIP's callee-side one is pushed out of the way.
    no_answer_timeout: 3600,
    connection_recovery_min_interval: DEFAULTS.reconnectMinSeconds,
    connection_recovery_max_interval: DEFAULTS.reconnectMaxSeconds,
    user_agent: DEFAULTS.userAgent,
  };
}
