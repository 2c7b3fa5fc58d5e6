import type { S3Client } from '@aws-sdk/client-s3';
import { s3RequestWorstCaseMs } from '../lib/store/s3Client.js';
import { s3ClientOptions, type S3Settings } from './config.js';
import { requestDeadline } from './requestDeadline.js';

/** What a publish run keeps past its last request at its worst, to log and answer. */
export const PUBLISH_DEADLINE_MARGIN_MS = 10_000;

/**
 * The S3 requests, each at its worst, that may follow the last one a run is allowed to start: the writes still in
 * flight beside it (the write pool starts none after a failure, and waits for those), the checkpoint of what it
 * wrote (the manifest, lib/publish/checkpointManifest.ts: a PUT with the client's timeout alone, whatever its size),
 * the run record, and the lock's release (a read of the lock, then its delete).
 */
export const PUBLISH_REQUESTS_AFTER = 5;

/** What each S3 request of a publish run needs of the function's time left (publishDeadline). */
export function publishNeedsMs(settings: S3Settings): number {
  return PUBLISH_REQUESTS_AFTER * s3RequestWorstCaseMs(s3ClientOptions(settings)) + PUBLISH_DEADLINE_MARGIN_MS;
}

/** What becomes of a publish run one of whose S3 requests is refused for its time. */
export const PUBLISH_RETRIED = 'the publish stops, recorded, with its lock released; every file it wrote is valid, and the next publish completes it';

/** What becomes of a dry run refused so: it writes nothing, takes no lock and keeps no record. */
export const DRY_RUN_STOPPED = 'the dry run stops; it wrote nothing, and may be asked for again';

/**
 * Checks each S3 request of a publish run against the function's time left: one that could outlast the run with
 * what must follow it (publishNeedsMs) is not made, and the run fails, recorded and unlocked, rather than Lambda
 * cutting it off with no record and its lock left until it goes stale. Returns what ends the checks, for the run
 * record's write and the lock's release, which are never refused.
 */
export function publishDeadline(s3: S3Client, settings: S3Settings, timeLeft: () => number, dryRun = false): () => void {
  const deadline = requestDeadline(s3, 'S3 request', PUBLISH_RETRIED);
  // Set on each run: the client keeps the deadline it was first given, which another function's run may have worded.
  deadline.retried = dryRun ? DRY_RUN_STOPPED : PUBLISH_RETRIED;
  deadline.needsMs = publishNeedsMs(settings);
  deadline.timeLeft = timeLeft;
  return () => {
    deadline.timeLeft = () => Number.POSITIVE_INFINITY;
  };
}
