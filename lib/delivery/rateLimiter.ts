/** Spaces calls evenly at `perSecond`: SES counts recipients per second, and a burst over it is throttled. */
export class RateLimiter {
  private next = 0;
  private readonly interval: number;

  constructor(
    perSecond: number,
    private readonly clock: () => number = () => performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    this.interval = 1000 / perSecond;
  }

  /** Resolves when the next call may start. */
  async wait(): Promise<void> {
    const now = this.clock();
    const start = Math.max(now, this.next);
    this.next = start + this.interval;
    if (start > now) await this.sleep(start - now);
  }
}
