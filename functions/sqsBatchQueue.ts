import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { BatchQueue } from '../lib/delivery/digestFanout.js';
import { DeliveryError } from '../lib/shared/errors.js';
import { ANSWER_BODY_BOUND, answerBodyBound, boundedAnswers } from '../lib/shared/boundedRequests.js';

/** How long an attempt of the fan-out's SQS client waits for its answer to start, and for its body. */
const SQS_REQUEST_MS = 5_000;

/** The SQS client of the fan-out, each attempt bounded, its answer's body included, so a hung connection is retried, not held. */
export function createSqsClient(region: string | undefined): SQSClient {
  const client = new SQSClient({
    ...boundedAnswers({ attempts: 3, connectionMs: 1_000, requestMs: SQS_REQUEST_MS }),
    ...(region ? { region } : {}),
  });
  client.middlewareStack.add(answerBodyBound(SQS_REQUEST_MS), ANSWER_BODY_BOUND);
  return client;
}

/** SendMessageBatch takes at most ten entries. */
const ENTRIES_PER_CALL = 10;

/** The fan-out queue on SQS: bodies ten a call; an entry SQS refuses fails the whole send (a retry queues again, harmlessly). */
export class SqsBatchQueue implements BatchQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async send(bodies: readonly string[]): Promise<void> {
    for (let i = 0; i < bodies.length; i += ENTRIES_PER_CALL) {
      const entries = bodies.slice(i, i + ENTRIES_PER_CALL).map((body, j) => ({ Id: String(i + j), MessageBody: body }));
      const result = await this.client.send(new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: entries }));
      const failed = result.Failed ?? [];
      if (failed.length > 0) throw new DeliveryError(`SQS refused ${failed.length} of the digest's batches (${failed[0]!.Code}: ${failed[0]!.Message ?? ''}); a retry queues them again`, 'notAttempted');
    }
  }
}
