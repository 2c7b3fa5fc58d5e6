import { describe, expect, it } from 'vitest';
import { readS3Settings, s3ClientOptions } from '../../../functions/config.js';
import { createSenderS3Client, SENDER_S3, senderMessageReserveMs, senderReserve, senderS3Options } from '../../../functions/digestSenderS3.js';
import { SES_MAX_SEND_MS } from '../../../lib/delivery/sesTimeouts.js';
import { messageReserveMs } from '../../../lib/delivery/sendDigest.js';
import { longestRetryWaitsMs } from '../../../lib/shared/boundedRequests.js';
import { s3RequestWorstCaseMs } from '../../../lib/store/s3Client.js';
import { timeoutMs } from '../../support/serverlessTimeout.js';

describe("the digest sender's S3 bounds and the time it keeps in hand", () => {
  it('holds the functions’ S3 settings within SENDER_S3, which they may only tighten', () => {
    expect(senderS3Options(readS3Settings({}))).toMatchObject({ maxAttempts: 3, requestTimeoutMs: 2_000, connectionTimeoutMs: 1_000 });
    expect(senderS3Options(readS3Settings({ S3_MAX_ATTEMPTS: '20', S3_REQUEST_TIMEOUT_MS: '900000' }))).toMatchObject({ maxAttempts: 3, requestTimeoutMs: 2_000 });
    expect(senderS3Options(readS3Settings({ S3_MAX_ATTEMPTS: '1', S3_REQUEST_TIMEOUT_MS: '500' }))).toMatchObject({ maxAttempts: 1, requestTimeoutMs: 500, connectionTimeoutMs: 500 });
    expect(senderS3Options(readS3Settings({ S3_ENDPOINT: 'http://127.0.0.1:4569' }))).toMatchObject({ endpoint: 'http://127.0.0.1:4569' });
  });

  it('makes the client with those bounds', async () => {
    const s3 = createSenderS3Client(readS3Settings({ S3_MAX_ATTEMPTS: '2', S3_REQUEST_TIMEOUT_MS: '1500' }));
    const handler = s3.config.requestHandler as unknown as { configProvider: Promise<Record<string, unknown>> };
    expect(await handler.configProvider).toMatchObject({ connectionTimeout: 1_000, requestTimeout: 1_500, socketTimeout: 1_500 });
    expect(await s3.config.maxAttempts()).toBe(2);
    expect(await createSenderS3Client(readS3Settings({})).config.maxAttempts()).toBe(SENDER_S3.maxAttempts);
  });

  it('counts each S3 request at its worst with the bounds its client is made with', () => {
    for (const env of [{}, { S3_MAX_ATTEMPTS: '2', S3_REQUEST_TIMEOUT_MS: '700' }]) {
      const settings = readS3Settings(env);
      const { maxAttempts, requestTimeoutMs } = senderS3Options(settings);
      // Each attempt: the answer's start at the request timeout, then a body stalled as long; the SDK's waits between.
      const request = maxAttempts! * 2 * requestTimeoutMs! + longestRetryWaitsMs(maxAttempts!);
      // After the last message: the batch's streak record and the week's unsettled note.
      expect(senderReserve(settings)).toEqual({ storeRequestMs: request, reserveMs: 2 * request + 15_000 });
      expect(senderMessageReserveMs(settings, SES_MAX_SEND_MS)).toBe(SES_MAX_SEND_MS + 5 * request + 2 * request + 15_000);
    }
  });

  it("leaves an invocation time to send, where the other functions' S3 bounds would leave it none", () => {
    const timeout = timeoutMs('digestSender');
    const kept = senderMessageReserveMs(readS3Settings({}), SES_MAX_SEND_MS);
    expect(timeout - kept).toBeGreaterThan(timeout / 2);
    const functionsRequest = s3RequestWorstCaseMs(s3ClientOptions(readS3Settings({})));
    expect(messageReserveMs(SES_MAX_SEND_MS, { storeRequestMs: functionsRequest, reserveMs: functionsRequest + 15_000 })).toBeGreaterThan(timeout);
    expect(SENDER_S3.maxAttempts * 2 * SENDER_S3.requestTimeoutMs).toBeLessThan(functionsRequest);
  });
});
