import { s3ClientOptions, type S3Settings } from './config.js';
import { createS3Client, s3RequestWorstCaseMs, type S3ClientOptions } from '../lib/store/s3Client.js';
import { messageReserveMs } from '../lib/delivery/sendDigest.js';

/**
 * The digest-sender's S3 bounds, tighter than the functions' default (5 attempts of 10 s, 135 s a request at the
 * worst): before each message the sender keeps in hand the message and its ledger requests at their worst
 * (MESSAGE_STORE_REQUESTS, and the batch's last writes), which at the default would be more than the 900 s timeout.
 * S3 in the function's own region normally answers well within 2 s; a request that does not, 3 times, fails the batch,
 * which SQS delivers again. S3_MAX_ATTEMPTS and S3_REQUEST_TIMEOUT_MS may only tighten them.
 */
export const SENDER_S3 = { maxAttempts: 3, requestTimeoutMs: 2_000, connectionTimeoutMs: 1_000 } as const;

/** The sender's S3 client's options: the functions' settings, held within SENDER_S3. */
export function senderS3Options(settings: S3Settings): S3ClientOptions {
  return {
    ...s3ClientOptions(settings),
    maxAttempts: Math.min(settings.maxAttempts, SENDER_S3.maxAttempts),
    requestTimeoutMs: Math.min(settings.requestTimeoutMs, SENDER_S3.requestTimeoutMs),
    connectionTimeoutMs: Math.min(settings.requestTimeoutMs, SENDER_S3.connectionTimeoutMs),
  };
}

/** The sender's S3 client, made with senderS3Options: the bounds senderReserve counts. */
export function createSenderS3Client(settings: S3Settings) {
  return createS3Client(senderS3Options(settings));
}

/**
 * What follows a batch's last message besides the 15 s to log and end, in S3 requests: the batch's streak record, and
 * the week's unsettled note (noteUnsettled, one write), which status reads first: cut off before it, a batch would leave
 * its unknown and failed recipients unnoted. Its other notes are not kept time for: its shard's, cut off, stays begun,
 * which status does not take for a count (lib/delivery/shardNotes.ts).
 */
export const AFTER_LAST_MESSAGE_REQUESTS = 2;
const AFTER_LAST_MESSAGE_MS = 15_000;

/**
 * The sender's time kept in hand, for sendDigest: each S3 request at its worst with the sender's bounds (the
 * formula of README's timeouts table), MESSAGE_STORE_REQUESTS of them a message, and the batch's last writes.
 */
export function senderReserve(settings: S3Settings): { storeRequestMs: number; reserveMs: number } {
  const storeRequestMs = s3RequestWorstCaseMs(senderS3Options(settings));
  return { storeRequestMs, reserveMs: AFTER_LAST_MESSAGE_REQUESTS * storeRequestMs + AFTER_LAST_MESSAGE_MS };
}

/** The whole time a sender keeps in hand before a message of a transport whose longest is `maxSendMs` (README's table). */
export function senderMessageReserveMs(settings: S3Settings, maxSendMs: number): number {
  return messageReserveMs(maxSendMs, senderReserve(settings));
}
