import type { S3Client } from '@aws-sdk/client-s3';
import type { BatchQueue } from '../lib/delivery/digestFanout.js';
import { s3RequestWorstCaseMs } from '../lib/store/s3Client.js';
import { archiveMarginMs } from './archiveMargin.js';
import { s3ClientOptions, type S3Settings } from './config.js';
import { digestRetried } from './digestRetried.js';
import { requestDeadline, type RequestDeadline } from './requestDeadline.js';
import { SQS_REQUEST_WORST_MS, SqsBatchQueue } from './sqsBatchQueue.js';

/**
 * Checks each request the digest run makes once the publish function has answered (the manifest and the tag list
 * read, the model and the gone-tags note written, the batches queued) against the time left: one that could outlast
 * the run with the record's write after it (archiveMarginMs) is not made, and the run fails, recorded, rather than
 * Lambda cutting it off with no record. Returns what ends the checks: the record's own write, and a send made here
 * (which keeps its own reserve per message, digestSendReserve), are never refused.
 */
export function afterPublishDeadline(s3: S3Client, queue: BatchQueue | undefined, settings: S3Settings, timeLeft: () => number): () => void {
  const margin = archiveMarginMs(settings);
  const words = digestRetried(queue !== undefined);
  const checked: [RequestDeadline, number][] = [[requestDeadline(s3, 'S3 request', words), s3RequestWorstCaseMs(s3ClientOptions(settings)) + margin]];
  if (queue instanceof SqsBatchQueue) checked.push([queue.deadline, SQS_REQUEST_WORST_MS + margin]);
  // Set whole on each run, as the client keeps the deadline it was first given.
  for (const [deadline, needsMs] of checked) deadline.reset({ timeLeft, needsMs, retried: words });
  return () => {
    for (const [deadline] of checked) deadline.timeLeft = () => Number.POSITIVE_INFINITY;
  };
}
