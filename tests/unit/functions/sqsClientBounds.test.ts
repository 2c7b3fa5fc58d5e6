import { describe, expect, it } from 'vitest';
import { createSqsClient } from '../../../functions/sqsBatchQueue.js';

// The fan-out's SendMessageBatch is answered at once: an answer whose body stops midway (a stalled network) must be
// cut off at the socket's idle limit and retried (queuing a batch twice is harmless: the ledger sends once), never
// held until the digest function's own timeout. The behaviour is the SDK's (tests/e2e/digest/sesStalledAnswer.test.ts
// drives it through the SES client, tests/unit/store/s3StalledBody.test.ts through S3's); here, that this client has it.
describe('createSqsClient', () => {
  it('bounds each attempt, the body of its answer included, and retries with the standard mode', async () => {
    const sqs = createSqsClient('us-east-1');
    const handler = sqs.config.requestHandler as unknown as { configProvider: Promise<Record<string, unknown>> };
    expect(await handler.configProvider).toMatchObject({ connectionTimeout: 1_000, requestTimeout: 5_000, socketTimeout: 5_000, throwOnRequestTimeout: true });
    expect(await sqs.config.maxAttempts()).toBe(3);
    // And the whole of an answer's body within the request timeout of its headers (a trickle never trips the idle limit).
    expect(sqs.middlewareStack.identify()).toContain('answerBodyBound - deserialize');
  });
});
