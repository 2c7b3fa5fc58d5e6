import { describe, expect, it } from 'vitest';
import { longestCallMs, longestRetryWaitsMs } from '../../../lib/shared/boundedRequests.js';
import { UsageError } from '../../../lib/shared/errors.js';
import { cliSesListBounds } from '../../../cli/sesListBounds.js';

describe('cliSesListBounds', () => {
  it('gives the contact list a few seconds to connect and a listing an endpoint never answers ends in well under a minute, one that stalls each answer in 73 s', () => {
    const bounds = cliSesListBounds({});
    expect(bounds).toEqual({ maxAttempts: 3, connectionTimeoutMs: 3_000, requestTimeoutMs: 10_000 });
    // Every attempt cut off, and the longest waits the SDK's standard retries can add between them (Retry-After included).
    expect(bounds.maxAttempts * bounds.requestTimeoutMs + longestRetryWaitsMs(bounds.maxAttempts)).toBeLessThanOrEqual(45_000);
    // At its worst each attempt's answer starts just before the cut-off and its body then stalls as long, which the SDK
    // retries too: 3 × (10 s + 10 s) and waits of 1 s and 2 s (each with 5 s of Retry-After), README's 73 s.
    expect(longestCallMs({ attempts: bounds.maxAttempts, requestMs: bounds.requestTimeoutMs })).toBe(3 * (10_000 + 10_000) + (1_000 + 5_000) + (2_000 + 5_000));
  });

  it('takes SES_LIST_MAX_ATTEMPTS and SES_LIST_REQUEST_TIMEOUT_MS, connecting within the request timeout when it is shorter', () => {
    expect(cliSesListBounds({ SES_LIST_MAX_ATTEMPTS: '1', SES_LIST_REQUEST_TIMEOUT_MS: '60000' })).toEqual({ maxAttempts: 1, connectionTimeoutMs: 3_000, requestTimeoutMs: 60_000 });
    expect(cliSesListBounds({ SES_LIST_REQUEST_TIMEOUT_MS: '500' })).toEqual({ maxAttempts: 3, connectionTimeoutMs: 500, requestTimeoutMs: 500 });
  });

  it('refuses a setting out of range by its name (the rule is requestBounds\', tests/unit/cli/s3Bounds.test.ts)', () => {
    expect(() => cliSesListBounds({ SES_LIST_MAX_ATTEMPTS: '21' })).toThrow(new UsageError('SES_LIST_MAX_ATTEMPTS: "21" is not a whole number from 1 to 20 (unset it for the default, 3)'));
    expect(() => cliSesListBounds({ SES_LIST_REQUEST_TIMEOUT_MS: '10s' })).toThrow(new UsageError('SES_LIST_REQUEST_TIMEOUT_MS: "10s" is not a whole number from 100 to 900000 (unset it for the default, 10000)'));
  });
});
