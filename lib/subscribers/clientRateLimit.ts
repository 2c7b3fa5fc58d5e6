import { slidingWindowWait } from './slidingWindowWait.js';

/** Signup POSTs a client may make in any window. */
export const CLIENT_LIMIT = 10;
/** The window: ten minutes. */
export const CLIENT_WINDOW_MS = 10 * 60 * 1000;

/**
 * A sliding window per client, in memory (per preview process, per warm Lambda instance): a request is allowed when
 * the client had fewer than `limit` allowed in the `windowMs` before it, so no span of that length ever holds more
 * (a fixed window would allow twice as many across its edge). Refused requests do not count. The client is named by
 * its caller (clientKey: a hash of its address, or of its IPv6 /64); nothing is kept past the window. The clock is passed in.
 */
export class ClientRateLimit {
  /** Each client's allowed requests of the last window, oldest first. */
  private times = new Map<string, number[]>();
  /** Clients refused until a time another count gave (refuseUntil). */
  private until = new Map<string, number>();
  private lastSweep = 0;

  constructor(
    private readonly limit = CLIENT_LIMIT,
    private readonly windowMs = CLIENT_WINDOW_MS,
  ) {}

  /** True if the client may go on; counts the request if so. */
  allow(client: string, nowMs: number): boolean {
    const since = nowMs - this.windowMs;
    this.sweep(nowMs, since);
    if ((this.until.get(client) ?? 0) > nowMs) return false;
    const recent = (this.times.get(client) ?? []).filter((t) => t > since && t <= nowMs);
    const allowed = recent.length < this.limit;
    if (allowed) recent.push(nowMs);
    if (recent.length > 0) this.times.set(client, recent);
    else this.times.delete(client);
    return allowed;
  }

  /** Takes back a request counted at `atMs` that did not happen after all (an email never sent): it may be made again. */
  forget(client: string, atMs: number): void {
    const times = this.times.get(client);
    const at = times ? times.lastIndexOf(atMs) : -1;
    if (at < 0) return;
    times!.splice(at, 1);
    if (times!.length === 0) this.times.delete(client);
  }

  /**
   * Refuses the client until `untilMs`, counting nothing: a count kept elsewhere (the subscriber store's, across
   * instances) refused it until then, and would refuse it again, so asking that count again before then is waste.
   */
  refuseUntil(client: string, untilMs: number): void {
    this.until.set(client, Math.max(untilMs, this.until.get(client) ?? 0));
  }

  /**
   * How long until the client may make one more request: 0 if it may now, else until the oldest request it made in
   * the window leaves it, or a refusal told (refuseUntil) ends (the Retry-After of a refusal, RFC 6585 §4).
   */
  retryAfterMs(client: string, nowMs: number): number {
    const held = Math.max(0, (this.until.get(client) ?? 0) - nowMs);
    return Math.max(held, slidingWindowWait(this.times.get(client) ?? [], nowMs, this.limit, this.windowMs));
  }

  /** Once a window, forgets the clients with nothing in it, so memory holds only recent clients. */
  private sweep(nowMs: number, since: number): void {
    if (nowMs - this.lastSweep < this.windowMs) return;
    this.lastSweep = nowMs;
    for (const [client, times] of this.times) if (times.every((t) => t <= since)) this.times.delete(client);
    for (const [client, until] of this.until) if (until <= nowMs) this.until.delete(client);
  }

  /** How many clients are remembered (tests). */
  get size(): number {
    return this.times.size;
  }
}
