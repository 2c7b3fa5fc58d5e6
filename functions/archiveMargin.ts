import { s3ClientOptions, type S3Settings } from './config.js';
import { s3RequestWorstCaseMs } from '../lib/store/s3Client.js';

/** What a digest run keeps past its record's write, to log and answer or throw. */
export const ARCHIVE_LOG_MARGIN_MS = 10_000;

/**
 * The time a digest run keeps back when it waits for the publish function: however the wait ends (an answer, none
 * in time), the run still writes its record, one S3 put at its worst with the function's client (every attempt's
 * answer stalling, and the retries' waits), and logs. Less, and a publish that takes the function's time would leave
 * Lambda to cut the run off before its record: no line in GET /runs, only a timeout.
 */
export function archiveMarginMs(settings: S3Settings): number {
  return s3RequestWorstCaseMs(s3ClientOptions(settings)) + ARCHIVE_LOG_MARGIN_MS;
}
