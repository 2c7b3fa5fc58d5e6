import { describe, expect, it } from 'vitest';
import { readS3Settings, s3ClientOptions } from '../../../functions/config.js';
import { ARCHIVE_LOG_MARGIN_MS, archiveMarginMs } from '../../../functions/archiveMargin.js';
import { longestRetryWaitsMs } from '../../../lib/shared/boundedRequests.js';
import { timeoutMs } from '../../support/serverlessTimeout.js';

describe('the time a digest run keeps back from its wait for the publish function', () => {
  it("is its run record's write at its worst with the function's S3 client, and the margin to log", () => {
    for (const env of [{}, { S3_MAX_ATTEMPTS: '2', S3_REQUEST_TIMEOUT_MS: '700' }]) {
      const own = s3ClientOptions(readS3Settings(env));
      // Each attempt: the answer's start at the request timeout, then a body stalled as long; the SDK's waits between.
      const record = own.maxAttempts! * 2 * own.requestTimeoutMs! + longestRetryWaitsMs(own.maxAttempts!);
      expect(archiveMarginMs(readS3Settings(env))).toBe(record + ARCHIVE_LOG_MARGIN_MS);
    }
  });

  it('holds, with the deployed settings, a record the SDK may take 135 s to write', () => {
    // serverless.yml gives the digest function no S3_* variable: 5 attempts of 10 s (answer, then body), and the
    // standard retry mode's waits before retries 1 to 4, at most 1, 2, 4 and 8 s, each with 5 s of Retry-After.
    const record = 5 * 2 * 10_000 + (1_000 + 2_000 + 4_000 + 8_000) + 4 * 5_000;
    expect(record).toBe(135_000);
    const margin = archiveMarginMs(readS3Settings({}));
    expect(margin).toBeGreaterThanOrEqual(record + ARCHIVE_LOG_MARGIN_MS);
    // A wait that ends at the function's timeout less the margin leaves that record time before Lambda's timeout, and
    // still most of the function's time to the publish (a first publish of a large site takes minutes).
    const timeout = timeoutMs('digest');
    expect(timeout - margin).toBeGreaterThanOrEqual(timeout / 2);
  });
});
