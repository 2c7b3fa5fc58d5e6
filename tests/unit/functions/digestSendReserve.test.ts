import { describe, expect, it } from 'vitest';
import { readS3Settings, s3ClientOptions } from '../../../functions/config.js';
import { digestSendMessageReserveMs, digestSendReserve } from '../../../functions/digestSendReserve.js';
import { senderS3Options } from '../../../functions/digestSenderS3.js';
import { SES_MAX_SEND_MS } from '../../../lib/delivery/sesTimeouts.js';
import { messageReserveMs } from '../../../lib/delivery/sendDigest.js';
import { longestRetryWaitsMs } from '../../../lib/shared/boundedRequests.js';
import { s3RequestWorstCaseMs } from '../../../lib/store/s3Client.js';
import { timeoutMs } from '../../support/serverlessTimeout.js';

describe("the time the digest function's own send keeps in hand", () => {
  it("counts its ledger requests at the send client's bounds, the week's notes after the last message, the run record at the function's own, and 15 s", () => {
    for (const env of [{}, { S3_MAX_ATTEMPTS: '2', S3_REQUEST_TIMEOUT_MS: '700' }]) {
      const settings = readS3Settings(env);
      const send = senderS3Options(settings);
      // Each attempt: the answer's start at the request timeout, then a body stalled as long; the SDK's waits between.
      const request = send.maxAttempts! * 2 * send.requestTimeoutMs! + longestRetryWaitsMs(send.maxAttempts!);
      const own = s3ClientOptions(settings);
      const record = own.maxAttempts! * 2 * own.requestTimeoutMs! + longestRetryWaitsMs(own.maxAttempts!);
      // After the last message: noteWeekSent (a read and a write) and noteUnsettled (two reads and a write), then the run record.
      const after = 5 * request + record + 15_000;
      expect(digestSendReserve(settings)).toEqual({ storeRequestMs: request, reserveMs: after });
      // Before each message: it, its claim and handover (each a write and a read) and its confirmation, and what follows.
      expect(digestSendMessageReserveMs(settings, SES_MAX_SEND_MS)).toBe(SES_MAX_SEND_MS + 5 * request + after);
    }
  });

  it("leaves an invocation time to send, where counting its own client's bounds would leave it none", () => {
    const timeout = timeoutMs('digest');
    const settings = readS3Settings({});
    expect(timeout - digestSendMessageReserveMs(settings, SES_MAX_SEND_MS)).toBeGreaterThan(0);
    const own = s3RequestWorstCaseMs(s3ClientOptions(settings));
    expect(messageReserveMs(SES_MAX_SEND_MS, { storeRequestMs: own, reserveMs: 5 * own + own + 15_000 })).toBeGreaterThan(timeout);
  });
});
