import type { ErrorDetail, Notice, PhoneError } from './errors.js';

/** Where the problems report: the phone's `error` event and its change signal. */
export interface ProblemsHost {
  emit(type: 'error', detail: ErrorDetail): boolean;
  changed(): void;
}

/**
 * One place for what the person is told. The standing problem (configuration, registration,
 * media) stays until it is solved; a notice passes (an action that failed, "continuing with audio
 * only", a transfer's progress). Every failure is also an `error` event with its code.
 */
export class Problems {
  /** The problem worth showing until it is solved, or null. */
  problem: PhoneError | null = null;
  /** A passing notice, or null. */
  notice: Notice | null = null;

  constructor(private readonly host: ProblemsHost) {}

  /** Reports `err` (an `error` event) and returns false, for `return problems.fail(...)`. */
  fail(err: PhoneError): false {
    // What the person did that failed (a bad number, no call to hold…) is said in the notice line;
    // standing problems are `problem`.
    if (err !== this.problem) this.notice = err;
    this.host.emit('error', { code: err.code, message: err.message });
    this.host.changed();
    return false;
  }

  /** Makes `err` the standing problem and reports it. */
  raise(err: PhoneError): false {
    this.problem = err;
    return this.fail(err);
  }

  /** A new call: the last call's notice and media problem no longer apply. */
  startOver(): void {
    this.notice = null;
    if (this.problem?.code === 'media-error') this.problem = null;
  }
}
