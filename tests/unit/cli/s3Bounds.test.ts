import { describe, expect, it } from 'vitest';
import { longestRetryWaitsMs } from '../../../lib/shared/boundedRequests.js';
import { UsageError } from '../../../lib/shared/errors.js';
import { cliS3Bounds } from '../../../cli/s3Bounds.js';

describe('cliS3Bounds', () => {
  it('gives the CLI a few seconds to connect and a request an endpoint that never answers ends in well under a minute', () => {
    const bounds = cliS3Bounds({});
    expect(bounds).toEqual({ maxAttempts: 3, connectionTimeoutMs: 3_000, requestTimeoutMs: 10_000 });
    // Every attempt cut off, and the longest waits the SDK's standard retries can add between them (Retry-After included).
    expect(bounds.maxAttempts * bounds.requestTimeoutMs + longestRetryWaitsMs(bounds.maxAttempts)).toBeLessThanOrEqual(45_000);
  });

  it('takes S3_MAX_ATTEMPTS and S3_REQUEST_TIMEOUT_MS, connecting within the request timeout when it is shorter', () => {
    expect(cliS3Bounds({ S3_MAX_ATTEMPTS: '1', S3_REQUEST_TIMEOUT_MS: '60000' })).toEqual({ maxAttempts: 1, connectionTimeoutMs: 3_000, requestTimeoutMs: 60_000 });
    expect(cliS3Bounds({ S3_REQUEST_TIMEOUT_MS: '500' })).toEqual({ maxAttempts: 3, connectionTimeoutMs: 500, requestTimeoutMs: 500 });
  });

  it.each([
    [{ S3_MAX_ATTEMPTS: '0' }, 'S3_MAX_ATTEMPTS: "0" is not a whole number from 1 to 20 (unset it for the default, 3)'],
    [{ S3_MAX_ATTEMPTS: '2.5' }, 'S3_MAX_ATTEMPTS: "2.5" is not a whole number from 1 to 20 (unset it for the default, 3)'],
    [{ S3_REQUEST_TIMEOUT_MS: '5s' }, 'S3_REQUEST_TIMEOUT_MS: "5s" is not a whole number from 100 to 900000 (unset it for the default, 10000)'],
    [{ S3_REQUEST_TIMEOUT_MS: '99' }, 'S3_REQUEST_TIMEOUT_MS: "99" is not a whole number from 100 to 900000 (unset it for the default, 10000)'],
  ])('refuses %j', (env, message) => {
    expect(() => cliS3Bounds(env)).toThrow(new UsageError(message));
  });
});
