/**
 * The signup limits' sliding window: a time may be taken at `nowMs` when fewer than `limit` of `times` fall in the
 * `windowMs` up to it (one ahead of this clock, another instance's, is not counted), so no span of that length ever
 * holds more (a fixed window would allow twice as many across its edge); else once the limit-th newest of them leaves
 * the window. The milliseconds to wait: 0 for now.
 */
export function slidingWindowWait(times: readonly number[], nowMs: number, limit: number, windowMs: number): number {
  const counted = times.filter((at) => at > nowMs - windowMs && at <= nowMs).sort((a, b) => a - b);
  return counted.length < limit ? 0 : counted[counted.length - limit]! + windowMs - nowMs;
}
