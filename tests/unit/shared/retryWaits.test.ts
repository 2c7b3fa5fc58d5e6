import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSesClient } from '../../../lib/delivery/sesTransport.js';
import { longestRetryWaitsMs } from '../../../lib/shared/boundedRequests.js';
import { createS3Client } from '../../../lib/store/s3Client.js';

// longestRetryWaitsMs restates the SDK's backoff (lib/shared/boundedRequests.ts), and the S3 worst case and the SES
// send's bound are built on it. Here the retry strategy of each client this project builds is driven to its longest
// waits (throttled each time, with a Retry-After far off, the jitter at its top), and the restatement must hold them,
// to within the SDK's rounding down: an SDK that waits longer fails here, rather than a function starting a request
// its timeout cannot hold.
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** What the test asks of an SDK retry strategy (the SDK's RetryStrategyV2, in the part used here). */
interface RetryToken {
  $retryLog?: { acquisitionDelay?: number };
}
interface RetryStrategyV2 {
  acquireInitialRetryToken(scope: string): Promise<RetryToken>;
  refreshRetryTokenForRetry(token: RetryToken, error: { errorType: 'THROTTLING'; retryAfterHint: Date }): Promise<RetryToken>;
}

/** Each wait `strategy` makes before a retry, until it refuses one more. */
async function longestWaits(strategy: RetryStrategyV2): Promise<number[]> {
  vi.useFakeTimers();
  vi.spyOn(Math, 'random').mockReturnValue(1 - Number.EPSILON);
  const waits: number[] = [];
  let token: RetryToken = await strategy.acquireInitialRetryToken('test');
  for (;;) {
    const outcome = strategy.refreshRetryTokenForRetry(token, { errorType: 'THROTTLING', retryAfterHint: new Date(Date.now() + 3_600_000) }).then(
      (next) => ({ next }),
      (error: unknown) => ({ error }),
    );
    // The strategy sleeps out the wait itself.
    await vi.advanceTimersByTimeAsync(60_000);
    const settled = await outcome;
    if ('error' in settled) return waits;
    token = settled.next;
    waits.push(token.$retryLog?.acquisitionDelay ?? Number.NaN);
  }
}

const clients: [string, number, () => Promise<unknown>][] = [
  ['S3, 3 attempts (ses-feedback)', 3, () => createS3Client({ region: 'us-east-1', maxAttempts: 3 }).config.retryStrategy()],
  ['S3, by default', 5, () => createS3Client({ region: 'us-east-1' }).config.retryStrategy()],
  ['S3, 9 attempts', 9, () => createS3Client({ region: 'us-east-1', maxAttempts: 9 }).config.retryStrategy()],
  ['SES', 3, () => createSesClient({ region: 'us-east-1' }).config.retryStrategy()],
];

describe("longestRetryWaitsMs against the SDK's own retry strategy", () => {
  for (const [name, attempts, strategyOf] of clients) {
    it(`holds the longest waits of the ${name} client`, async () => {
      const waits = await longestWaits((await strategyOf()) as RetryStrategyV2);
      expect(waits).toHaveLength(attempts - 1);
      const observed = waits.reduce((sum, wait) => sum + wait, 0);
      expect(longestRetryWaitsMs(attempts)).toBeGreaterThanOrEqual(observed);
      // Tight: each wait is the restatement's, rounded down by at most a millisecond.
      expect(longestRetryWaitsMs(attempts) - observed).toBeLessThanOrEqual(waits.length);
    });
  }
});
