import { describe, expect, it } from 'vitest';
import { readS3Settings } from '../../../functions/config.js';
import { FEEDBACK_MARGIN_MS, FEEDBACK_REQUEST_NEEDS_MS, FEEDBACK_REQUEST_WORST_MS, FEEDBACK_S3, feedbackContacts, feedbackS3Options } from '../../../functions/sesFeedback.js';
import { longestRetryWaitsMs } from '../../../lib/shared/boundedRequests.js';
import { ConfigError } from '../../../lib/shared/errors.js';
import { createS3Client, s3RequestWorstCaseMs } from '../../../lib/store/s3Client.js';
import { timeoutMs } from '../../support/serverlessTimeout.js';

describe('the ses-feedback function within its timeout', () => {
  // The S3 client defaultDeps builds, from the environment's defaults (S3_MAX_ATTEMPTS 5, S3_REQUEST_TIMEOUT_MS 10 s).
  const options = feedbackS3Options(readS3Settings({}));

  it('caps its S3 client at 3 attempts of 2 s (connecting within 1 s), and no higher than the environment', async () => {
    expect(options).toMatchObject({ maxAttempts: 3, requestTimeoutMs: 2_000, connectionTimeoutMs: 1_000 });
    expect(feedbackS3Options(readS3Settings({ S3_MAX_ATTEMPTS: '2', S3_REQUEST_TIMEOUT_MS: '1500' }))).toMatchObject({ maxAttempts: 2, requestTimeoutMs: 1_500 });
    expect(await createS3Client(options).config.maxAttempts()).toBe(3);
  });

  it('has room in its serverless.yml timeout for one S3 request at its worst, past what it keeps in hand before starting one', () => {
    // 3 attempts, each answered just before 2 s and its body then stalled 2 s (a PUT's or a LIST's is retried), and
    // waits of at most 1 s and 2 s between them (each up to 5 s more with Retry-After).
    const worst = 3 * (2_000 + 2_000) + (1_000 + 5_000) + (2_000 + 5_000);
    expect(worst).toBe(25_000);
    expect(s3RequestWorstCaseMs(options)).toBe(worst);
    expect(FEEDBACK_REQUEST_WORST_MS).toBe(worst);
    expect(FEEDBACK_REQUEST_NEEDS_MS).toBe(worst + FEEDBACK_MARGIN_MS);
    // A request starts only with FEEDBACK_REQUEST_NEEDS_MS left, so the first always can, and its worst ends in time;
    // and a second at its worst after a first at its worst, with 9 s to spare.
    expect(timeoutMs('sesFeedback')).toBe(60_000);
    expect(timeoutMs('sesFeedback') - (FEEDBACK_REQUEST_NEEDS_MS + worst)).toBe(9_000);
  });
});

describe('the ses-feedback function\'s contact list (SES_CONTACT_LIST)', () => {
  it('is none unless named, and a name no IAM resource can hold is refused', () => {
    expect(feedbackContacts({}, 'us-east-1')).toBeUndefined();
    expect(feedbackContacts({ SES_CONTACT_LIST: ' ' }, 'us-east-1')).toBeUndefined();
    expect(feedbackContacts({ SES_CONTACT_LIST: 'PeninsulaWatch' }, 'us-east-1')?.list).toBe('PeninsulaWatch');
    expect(() => feedbackContacts({ SES_CONTACT_LIST: 'Peninsula/Watch' }, 'us-east-1')).toThrow(ConfigError);
    expect(() => feedbackContacts({ SES_CONTACT_LIST: 'Peninsula/Watch' }, 'us-east-1')).toThrow(/^SES_CONTACT_LIST: "Peninsula\/Watch" is not an SES contact list's name/);
  });

  it('is reached with the S3 client\'s bounds, so that one UpdateContact at its worst fits the time a request starts with', async () => {
    const ses = feedbackContacts({ SES_CONTACT_LIST: 'PeninsulaWatch' }, 'us-east-1')!.ses;
    expect(await ses.config.maxAttempts()).toBe(FEEDBACK_S3.maxAttempts);
    // Every attempt waits for the answer to start (the request timeout counts from the request, connecting included)
    // and then for a body that stalls (the SDK retries UpdateContact after that: tests/unit/delivery/sesStalledBodies),
    // and the SDK's longest waits between them.
    const worst = FEEDBACK_S3.maxAttempts * (FEEDBACK_S3.requestTimeoutMs + FEEDBACK_S3.requestTimeoutMs) + longestRetryWaitsMs(FEEDBACK_S3.maxAttempts);
    expect(worst).toBe(25_000);
    expect(worst + FEEDBACK_MARGIN_MS).toBeLessThanOrEqual(FEEDBACK_REQUEST_NEEDS_MS);
  });
});

describe('s3RequestWorstCaseMs', () => {
  it('is every attempt at its timeout and then a body stalled as long, and the longest backoff before each retry (at most 20 s, plus 5 s of Retry-After)', () => {
    expect(s3RequestWorstCaseMs({ maxAttempts: 1, requestTimeoutMs: 2_000 })).toBe(2 * 2_000);
    // The default client: 5 attempts of 30 s and 30 s stalled; waits 1, 2, 4, 8 s (+5 s each).
    expect(s3RequestWorstCaseMs({})).toBe(5 * (30_000 + 30_000) + (1_000 + 2_000 + 4_000 + 8_000) + 4 * 5_000);
    // From the sixth retry on the wait is capped at 20 s.
    expect(s3RequestWorstCaseMs({ maxAttempts: 9, requestTimeoutMs: 1_000 })).toBe(9 * (1_000 + 1_000) + (1_000 + 2_000 + 4_000 + 8_000 + 16_000 + 20_000 + 20_000 + 20_000) + 8 * 5_000);
  });
});
