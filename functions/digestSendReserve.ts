import { s3ClientOptions, type S3Settings } from './config.js';
import { s3RequestWorstCaseMs } from '../lib/store/s3Client.js';
import { messageReserveMs } from '../lib/delivery/sendDigest.js';
import { senderReserve } from './digestSenderS3.js';

/**
 * What follows the last message of a send the digest function makes itself (no queue), in S3 requests of the send's
 * client: the week's batch note (noteWeekSent: a read and a write) and its unsettled note (noteUnsettled: two reads, the
 * week's mark among them, and a write).
 */
const AFTER_SEND_REQUESTS = 2 + 3;
/** Then the run's record, written with the function's own client; and 15 s to log and end (the pings take only what is left over). */
const AFTER_SEND_MS = 15_000;

/**
 * The time kept in hand by the digest function's own send, for sendDigest: its ledger and subscriber store requests
 * are made with the digest-sender's client (functions/digestSenderS3.ts), each counted at its worst with those bounds;
 * after the last message, AFTER_SEND_REQUESTS of them, the run record at the worst of the function's own client
 * (which reads the site and checks the archive, and keeps the functions' bounds), and 15 s.
 */
export function digestSendReserve(settings: S3Settings): { storeRequestMs: number; reserveMs: number } {
  const { storeRequestMs } = senderReserve(settings);
  return { storeRequestMs, reserveMs: AFTER_SEND_REQUESTS * storeRequestMs + s3RequestWorstCaseMs(s3ClientOptions(settings)) + AFTER_SEND_MS };
}

/** The whole time the digest function's own send keeps in hand before a message of a transport whose longest is `maxSendMs` (README's table). */
export function digestSendMessageReserveMs(settings: S3Settings, maxSendMs: number): number {
  return messageReserveMs(maxSendMs, digestSendReserve(settings));
}
