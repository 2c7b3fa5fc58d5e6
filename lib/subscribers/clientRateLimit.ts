/** Signup POSTs a client may make per window. */
export const CLIENT_LIMIT = 10;
/** The window: ten minutes. */
export const CLIENT_WINDOW_MS = 10 * 60 * 1000;

/**
 * A fixed-window count of requests per client, in memory (per preview process, per warm Lambda instance).
 * The client is named by a hash its caller gives; nothing is stored beyond the window. The clock is passed in.
 */
export class ClientRateLimit {
  private windowStart = 0;
  private counts = new Map<string, number>();

  constructor(
    private readonly limit = CLIENT_LIMIT,
    private readonly windowMs = CLIENT_WINDOW_MS,
  ) {}

  /** True if the client may go on; counts the request. */
  allow(client: string, nowMs: number): boolean {
    if (nowMs - this.windowStart >= this.windowMs) {
      this.windowStart = nowMs;
      this.counts.clear();
    }
    const count = (this.counts.get(client) ?? 0) + 1;
    this.counts.set(client, count);
    return count <= this.limit;
  }
}
