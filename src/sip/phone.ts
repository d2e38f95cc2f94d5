import type { RTCSession } from 'jssip/lib/RTCSession';
import type { IncomingRequest } from 'jssip/lib/SIPMessage';
import { DEFAULTS, parseConfig, resolveTarget, sameConnection } from './config.js';
import type { PhoneConfig, PhoneOptions } from './config.js';
import { PhoneError, toPhoneError } from './errors.js';
import { Call, userOf } from './call.js';
import { Lines } from './lines.js';
import { transferCall } from './transfers.js';
import { UserAgent } from './user-agent.js';
import type { CallOptions, TransferOptions } from './phone-events.js';
import type { RegistrationFailedDetail, RegistrationState } from './types.js';

export { ICE_RECOVERY } from './call/media-recovery.js';
export { ENDED_STATE } from './lines.js';

/**
 * A browser SIP phone: one account (user agent, registration, messages) and its calls (Lines).
 * Framework-free; it and the call code are the only ones that talk to JsSIP. It never throws to
 * its caller for things a person or a page can get wrong: it dispatches an `error` event with a
 * code and returns false instead. Methods that act on a call take its id and otherwise act on
 * the active call.
 */
export class Phone extends Lines {
  private agent: UserAgent | null = null;
  private pendingConfig: PhoneConfig | null = null;
  private _registrationState: RegistrationState = 'unregistered';

  get registrationState(): RegistrationState {
    return this._registrationState;
  }

  /** The SIP domain of the configured account, or '' when unconfigured. */
  get domain(): string {
    return this.config?.domain ?? '';
  }

  get user(): string {
    return this.config?.user ?? '';
  }

  get dtmfMode(): PhoneConfig['dtmfMode'] {
    return this.config?.dtmfMode ?? DEFAULTS.dtmfMode;
  }

  /**
   * Applies a configuration and (re)connects when it differs from the running one. While a call
   * is in progress the change waits for the calls to end: a settings change never drops a call.
   * Returns false (and dispatches `error`) when the configuration is invalid.
   */
  configure(options: PhoneOptions): boolean {
    const busy = this.lines.length > 0;
    if (!options.sipUri && !options.wsUrl && !options.password && !options.ha1) {
      // Nothing set yet (a page that configures the phone from script later): not an error.
      if (busy) return true;
      this.stop();
      this.problem = null;
      this.changed();
      return true;
    }
    let next: PhoneConfig;
    try {
      next = parseConfig(options);
    } catch (err) {
      this.pendingConfig = null;
      if (!busy) {
        this.shutdown();
        this.config = null;
      }
      this.problem = toPhoneError(err, 'invalid-option');
      if (!this.agent) this.setRegistration('failed');
      return this.fail(this.problem);
    }
    if (this.problem && isConfigProblem(this.problem)) this.problem = null;
    if (sameConnection(next, this.config) && this.agent) {
      const size = this.config?.videoSize.join();
      this.config = next;
      for (const call of this.lines) call.limitVideo();
      if (size !== next.videoSize.join()) this.devices.resize();
      this.pendingConfig = null;
      this.changed();
    } else if (busy) {
      this.pendingConfig = next;
    } else {
      this.apply(next);
    }
    return true;
  }

  /** Disconnects and forgets the configuration (hangs up every call). */
  stop(): void {
    this.pendingConfig = null;
    this.shutdown();
    this.config = null;
    this.setRegistration('unregistered');
  }

  register(): boolean {
    return this.withAgent(a => a.ua.register());
  }

  unregister(): boolean {
    return this.withAgent(a => a.ua.unregister());
  }

  /**
   * Places a call. A connected active call is put on hold first (a second line, e.g. to consult
   * before a transfer). Resolves true once the INVITE is on its way.
   */
  async call(target: string | null | undefined, options: CallOptions = {}): Promise<boolean> {
    const agent = this.agent;
    if (!agent) return this.notConfigured();
    if (!agent.ready) return this.fail(new PhoneError('not-registered'));
    const config = this.config!;
    const max = config.maxCalls;
    const dialing = this.active?.connectedAt === null;
    if (!this.active?.connectedAt && this.lines.some(c => c.ringingHere)) {
      return this.fail(new PhoneError('busy', 'ringing'));
    }
    if (this.lines.length >= max || dialing) {
      return this.fail(new PhoneError('busy', max > 1 && !dialing ? 'lines-busy' : 'busy'));
    }
    let uri: string;
    try {
      uri = resolveTarget(target, config.domain);
    } catch (err) {
      return this.fail(toPhoneError(err, 'invalid-target'));
    }
    this.active?.setHeld(true);
    const call = this.addLine(new Call(this, 'outgoing', uri, userOf(uri)), true);
    this.changed();
    return this.withMedia(call, options.video !== false, () => {
      call.attach(agent.ua.call(uri, this.sessionOptions(call)));
      call.startNoAnswerTimer();
    });
  }

  /**
   * Transfers a call. Blind: `transfer(target)` asks the far end of the active call (or
   * `options.callId`) to call `target`. Attended: `transfer(heldCallId, { replaces: consultCallId })`
   * asks the far end of the held call to take over the consultation call. Progress comes as
   * `transfer` events; on success the calls end with reason `transferred`, on failure they stay.
   */
  transfer(target: string, options: TransferOptions = {}): boolean {
    const consult = options.replaces ? this.byId(options.replaces) : null;
    const call = options.replaces ? this.byId(target) : options.callId ? this.byId(options.callId) : this.active;
    if (!call || call.connectedAt === null || (options.replaces && (!consult || consult === call || consult.connectedAt === null))) {
      return this.fail(new PhoneError('no-call'));
    }
    if (call.transfer?.pending) return this.fail(new PhoneError('transfer-failed', 'transfer-pending'));
    let uri: string;
    try {
      uri = consult ? consult.remote : resolveTarget(target, this.domain);
    } catch (err) {
      return this.fail(toPhoneError(err, 'invalid-target'));
    }
    transferCall(this, call, uri, consult);
    return true;
  }

  /** Sends a text message (SIP MESSAGE) to `target`, or to the active call's peer. */
  async sendMessage(text: string, target?: string | null): Promise<boolean> {
    const agent = this.agent;
    const domain = this.domain;
    if (!agent) return this.notConfigured();
    const body = String(text ?? '');
    if (!body.trim()) return this.fail(new PhoneError('message-failed', 'empty-message'));
    let uri: string;
    try {
      uri = target ? resolveTarget(target, domain) : (this.active?.remote ?? resolveTarget(null, domain));
    } catch (err) {
      return this.fail(toPhoneError(err, 'invalid-target'));
    }
    const problem = await agent.sendMessage(uri, body);
    if (problem) return this.fail(problem);
    this.emit('message', { from: uri, body, direction: 'outgoing' });
    return true;
  }

  // ---- what the user agent reports (UserAgentHost) ---------------------------------------

  setRegistration(state: RegistrationState): void {
    if (this._registrationState === state) return;
    this._registrationState = state;
    this.changed();
  }

  registered(): void {
    this.emit('registered', {});
  }

  unregistered(): void {
    this.emit('unregistered', {});
  }

  registrationFailed(detail: RegistrationFailedDetail): void {
    this.emit('registration-failed', detail);
  }

  message(from: string, body: string): void {
    this.emit('message', { from, body, direction: 'incoming' });
  }

  /** A call rings: a new line, or 486 Busy Here when every line is taken or another call rings already. */
  incoming(session: RTCSession, request: IncomingRequest): void {
    if (this.adopted.has(session)) return;
    if (this.lines.length >= (this.config?.maxCalls ?? DEFAULTS.maxCalls) || this.lines.some(c => c.ringingHere)) {
      session.terminate({ status_code: 486, reason_phrase: 'Busy Here' });
      return;
    }
    const identity = session.remote_identity;
    const remote = identity?.uri?.toString() ?? '';
    const call = this.addLine(new Call(this, 'incoming', remote, identity?.display_name || identity?.uri?.user || remote), false);
    call.offersVideo = /\r?\nm=video [1-9]/.test(String(request.body ?? ''));
    call.attach(session);
    call.startNoAnswerTimer(480);
    this.emit('incoming-call', { callId: call.id, from: remote, displayName: call.displayName });
    this.changed();
  }

  // ---- internals -------------------------------------------------------------------------

  protected linesFree(): void {
    if (this.pendingConfig) this.apply(this.pendingConfig);
  }

  private apply(config: PhoneConfig): void {
    this.shutdown();
    this.config = config;
    this.pendingConfig = null;
    try {
      this.agent = new UserAgent(config, this);
    } catch (err) {
      this.config = null;
      this.problem = toPhoneError(err);
      this.fail(this.problem);
      return;
    }
    this.agent.start();
  }

  private shutdown(): void {
    const agent = this.agent;
    this.agent = null;
    for (const call of this.lines) call.finish({ reason: 'hangup', originator: 'local' }, true);
    agent?.stop();
  }

  private withAgent(fn: (a: UserAgent) => void): boolean {
    if (!this.agent) return this.notConfigured();
    fn(this.agent);
    return true;
  }

  private notConfigured(): false {
    return this.fail(new PhoneError('not-configured'));
  }
}

function isConfigProblem(e: PhoneError): boolean {
  return ['invalid-sip-uri', 'invalid-ws-url', 'missing-password', 'invalid-ice-servers', 'invalid-option', 'not-configured'].includes(e.code);
}
