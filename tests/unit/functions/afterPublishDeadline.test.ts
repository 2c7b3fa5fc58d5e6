import { SQSClient } from '@aws-sdk/client-sqs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { afterPublishDeadline } from '../../../functions/afterPublishDeadline.js';
import { archiveMarginMs } from '../../../functions/archiveMargin.js';
import { s3ClientOptions, type S3Settings } from '../../../functions/config.js';
import { digestRetried } from '../../../functions/digestRetried.js';
import { requestDeadline } from '../../../functions/requestDeadline.js';
import { SQS_REQUEST_WORST_MS, SqsBatchQueue } from '../../../functions/sqsBatchQueue.js';
import { DeadlineError } from '../../../lib/shared/errors.js';
import { s3RequestWorstCaseMs } from '../../../lib/store/s3Client.js';
import { REPO } from '../../support/cli.js';

// The checks themselves, without a request: requestDeadline hands back the deadline the client was armed with.
const settings: S3Settings = { region: 'us-east-1', maxAttempts: 5, requestTimeoutMs: 10_000 };
const s3Needs = s3RequestWorstCaseMs(s3ClientOptions(settings)) + archiveMarginMs(settings);
const refusal = (check: () => void) => {
  try {
    check();
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('afterPublishDeadline', () => {
  it('refuses an S3 request that could outlast the run, saying a retry queues the week when the send is queued', () => {
    const s3 = new S3Client({ region: 'us-east-1' });
    const queue = new SqsBatchQueue(new SQSClient({ region: 'us-east-1' }), 'https://sqs.us-east-1.amazonaws.com/1/q');
    const end = afterPublishDeadline(s3, queue, settings, () => s3Needs - 1);
    const deadline = requestDeadline(s3, 'unused', 'unused');
    const error = refusal(() => deadline.check());
    expect(error).toBeInstanceOf(DeadlineError);
    expect((error as Error).message).toBe(`${s3Needs - 1} ms of the function's time left, under the ${s3Needs} ms one more S3 request may take; the run fails, recorded, and a retry archives and queues the week again (the send ledger sends each mailbox once)`);
    expect(refusal(() => queue.deadline.check())).toBeUndefined();
    end();
    expect(refusal(() => deadline.check())).toBeUndefined();
  });

  it('says a retry sends the week when the run sends it itself (no queue), even on a client first armed for a queued run', () => {
    const s3 = new S3Client({ region: 'us-east-1' });
    const queue = new SqsBatchQueue(new SQSClient({ region: 'us-east-1' }), 'https://sqs.us-east-1.amazonaws.com/1/q');
    afterPublishDeadline(s3, queue, settings, () => Number.POSITIVE_INFINITY)();
    const end = afterPublishDeadline(s3, undefined, settings, () => 0);
    const error = refusal(() => requestDeadline(s3, 'unused', 'unused').check());
    expect((error as Error).message).toBe(`0 ms of the function's time left, under the ${s3Needs} ms one more S3 request may take; the run fails, recorded, and a retry archives and sends the week again (the send ledger sends each mailbox once)`);
    end();
  });

  it('refuses a queue call that could outlast the run, and none once ended', () => {
    const s3 = new S3Client({ region: 'us-east-1' });
    const queue = new SqsBatchQueue(new SQSClient({ region: 'us-east-1' }), 'https://sqs.us-east-1.amazonaws.com/1/q');
    const sqsNeeds = SQS_REQUEST_WORST_MS + archiveMarginMs(settings);
    const end = afterPublishDeadline(s3, queue, settings, () => sqsNeeds - 1);
    expect((refusal(() => queue.deadline.check()) as Error).message).toBe(`${sqsNeeds - 1} ms of the function's time left, under the ${sqsNeeds} ms one more SQS request may take; ${digestRetried(true)}`);
    end();
    expect(refusal(() => queue.deadline.check())).toBeUndefined();
  });

  // One wording of the retry, so that an operator finds either refusal of a run by one search of its logs.
  it("words the retry of a run's S3 refusal and its SQS refusal alike", () => {
    const s3 = new S3Client({ region: 'us-east-1' });
    const queue = new SqsBatchQueue(new SQSClient({ region: 'us-east-1' }), 'https://sqs.us-east-1.amazonaws.com/1/q');
    const end = afterPublishDeadline(s3, queue, settings, () => 0);
    const words = [requestDeadline(s3, 'unused', 'unused'), queue.deadline].map((deadline) => (refusal(() => deadline.check()) as Error).message.split('; ')[1]);
    expect(words).toEqual([digestRetried(true), digestRetried(true)]);
    end();
  });

  // README tells operators what to search the digest function's logs for: words the refusal really ends with.
  it('is quoted in README as the run logs it, with the phrase README says to search for', async () => {
    const readme = (await readFile(join(REPO, 'README.md'), 'utf8')).replace(/\s+/g, ' ');
    // The end of a quoted refusal (the README's whole text would be the failure's message).
    expect(readme.includes(`; ${digestRetried(true)}\``), 'a refusal quoted as the digest function logs it').toBe(true);
    const searched = /search the digest function's logs for `([^`]+)`/.exec(readme)?.[1];
    expect(searched).toBeDefined();
    expect(digestRetried(true)).toContain(searched);
    expect(digestRetried(false)).toContain(searched);
  });
});
