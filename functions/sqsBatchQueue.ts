import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { BatchQueue } from '../lib/delivery/digestFanout.js';
import { DeadlineError, DeliveryError } from '../lib/shared/errors.js';
import { ANSWER_BODY_BOUND, answerBodyBound, boundedAnswers, longestCallMs } from '../lib/shared/boundedRequests.js';
import { digestRetried } from './digestRetried.js';
import { RequestDeadline } from './requestDeadline.js';

/** How long an attempt of the fan-out's SQS client waits for its answer to start, and for its body. */
const SQS_REQUEST_MS = 5_000;
const SQS_ATTEMPTS = 3;

/** The longest one SendMessageBatch of createSqsClient's client can take, its retries and their waits included. */
export const SQS_REQUEST_WORST_MS = longestCallMs({ attempts: SQS_ATTEMPTS, requestMs: SQS_REQUEST_MS });

/** The SQS client of the fan-out, each attempt bounded, its answer's body included, so a hung connection is retried, not held. */
export function createSqsClient(region: string | undefined): SQSClient {
  const client = new SQSClient({
    ...boundedAnswers({ attempts: SQS_ATTEMPTS, connectionMs: 1_000, requestMs: SQS_REQUEST_MS }),
    ...(region ? { region } : {}),
  });
  client.middlewareStack.add(answerBodyBound(SQS_REQUEST_MS), ANSWER_BODY_BOUND);
  return client;
}

/** SendMessageBatch takes at most ten entries. */
const ENTRIES_PER_CALL = 10;

/** The fan-out queue on SQS: bodies ten a call; an entry SQS refuses fails the whole send (a retry queues again, harmlessly). */
export class SqsBatchQueue implements BatchQueue {
  /** Checked before each call (the digest function sets it for its run): a call that could outlast the run is not made. */
  readonly deadline = new RequestDeadline('SQS request', digestRetried(true));

  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async send(bodies: readonly string[]): Promise<void> {
    for (let i = 0; i < bodies.length; i += ENTRIES_PER_CALL) {
      try {
        this.deadline.check();
      } catch (error) {
        // Named, so that the record says what a rerun queues (all of it again: the ledger sends each mailbox once).
        throw new DeadlineError(`${i} of the ${bodies.length} batches queued, the ${bodies.length - i} from ${batchName(bodies[i]!)} on not: ${(error as Error).message}`, { cause: error });
      }
      const entries = bodies.slice(i, i + ENTRIES_PER_CALL).map((body, j) => ({ Id: String(i + j), MessageBody: body }));
      const result = await this.client.send(new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: entries }));
      const failed = result.Failed ?? [];
      if (failed.length > 0) throw new DeliveryError(`SQS refused ${failed.length} of the digest's batches (${failed[0]!.Code}: ${failed[0]!.Message ?? ''}); a retry queues them again`, 'notAttempted');
    }
  }
}

/** A batch by its shard (the fan-out's messages name one), else by its place. */
function batchName(body: string): string {
  try {
    const shard = (JSON.parse(body) as { shard?: unknown }).shard;
    if (typeof shard === 'string') return `shard ${shard}`;
  } catch {
    // Not a shard message: named by its place below.
  }
  return 'the next batch';
}
