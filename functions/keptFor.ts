/**
 * How long a function keeps a secret read from SSM before it reads it again: a value put there (a token rotated
 * after a leak, a new origin secret) is the only one in use this long after, on every warm instance. A warm
 * instance can live for hours, and a redeploy of unchanged code replaces none.
 */
export const SECRET_MAX_AGE_MS = 60_000;

/**
 * `read`'s value, kept for `maxAgeMs` and read again once older: the requests meanwhile share one read, and a read
 * that fails is not kept, so the next request tries again.
 */
export function keptFor<T>(read: () => Promise<T>, maxAgeMs: number = SECRET_MAX_AGE_MS, clock: () => number = Date.now): () => Promise<T> {
  let kept: { value: Promise<T>; readAt: number } | undefined;
  return () => {
    const now = clock();
    if (!kept || now - kept.readAt >= maxAgeMs) {
      const reading = { value: read(), readAt: now };
      reading.value.catch(() => {
        if (kept === reading) kept = undefined;
      });
      kept = reading;
    }
    return kept.value;
  };
}
