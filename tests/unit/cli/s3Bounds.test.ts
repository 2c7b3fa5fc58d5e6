import { describe, expect, it } from 'vitest';
import { longestCallMs, longestRetryWaitsMs } from '../../../lib/shared/boundedRequests.js';
import { UsageError } from '../../../lib/shared/errors.js';
import { cliS3Bounds } from '../../../cli/s3Bounds.js';

describe('cliS3Bounds', () => {
  it('gives the CLI a few seconds to connect and a request an endpoint that never answers ends in well under a minute, one that stalls each answer in 73 s', () => {
    const bounds = cliS3Bounds({});
    expect(bounds).toEqual({ maxAttempts: 3, connectionTimeoutMs: 3_000, requestTimeoutMs: 10_000 });
    // Every attempt cut off, and the longest waits the SDK's standard retries can add between them (Retry-After included).
    expect(bounds.maxAttempts * bounds.requestTimeoutMs + longestRetryWaitsMs(bounds.maxAttempts)).toBeLessThanOrEqual(45_000);
    // At its worst each attempt's answer starts just before the cut-off and its body then stalls as long, which the SDK
    // retries too: 3 × (10 s + 10 s) and waits of 1 s and 2 s (each with 5 s of Retry-After), README's 73 s.
    expect(longestCallMs({ attempts: bounds.maxAttempts, requestMs: bounds.requestTimeoutMs })).toBe(3 * (10_000 + 10_000) + (1_000 + 5_000) + (2_000 + 5_000));
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
