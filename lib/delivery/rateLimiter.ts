/**
 * Spaces calls evenly at `perSecond`: SES counts recipients per second, and a burst over it is throttled; an SMTP
 * relay counts messages a window (SMTP_URL's rateLimit a rateDelta).
 */
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
    if (start <= now) return;
    await this.sleep(start - now);
    // A timer wakes a little late as a rule (a millisecond or so): within half an interval the schedule is kept, so
    // those delays do not add up over a large send, and no two calls go closer than half an interval. A wait that ran
    // later (a busy machine) goes at its waking, and the next a whole interval after: the ones behind it never go at
    // once to catch up, which would put more into a relay's window than its limit.
    const woke = this.clock();
    if (woke - start > this.interval / 2) this.next = Math.max(this.next, woke + this.interval);
  }
}
