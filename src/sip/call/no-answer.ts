/**
 * Gives up on a call nobody answers: after `seconds`, `expire` runs unless the call connected or
 * ended first (an outgoing call is cancelled, an incoming one refused with 480).
 */
export class NoAnswerTimeout {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(seconds: number, expire: () => void) {
    this.timer = setTimeout(expire, seconds * 1000);
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}
