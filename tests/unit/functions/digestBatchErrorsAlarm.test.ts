import { GetParameterCommand, ParameterNotFound, SSMClient } from '@aws-sdk/client-ssm';
import type { SQSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readDeliveryConfig } from '../../../functions/digestEnv.js';
import { createDigestSenderHandler } from '../../../functions/digestSender.js';
import { senderS3Options } from '../../../functions/digestSenderS3.js';
import { createLogger } from '../../../functions/logger.js';
import { SENDER_CHECK_SOURCE } from '../../../functions/senderCheck.js';
import { createSesClient } from '../../../lib/delivery/sesTransport.js';
import { createS3Client } from '../../../lib/store/s3Client.js';
import { captureLogs, lambdaContext } from '../../support/lambda.js';
import { metricFilterMatches, metricFilterPattern } from '../../support/metricFilterPattern.js';

// serverless.yml's DigestBatchErrors filter against the lines the digest-sender really writes: a batch it reports
// failed, or drops, is no error to Lambda (SQS delivers it again, or never), so its line is what reaches a person. S3
// and SES are a port nothing listens on (a refused connection); SSM is the SDK mock (no server emulates it).
const PATTERN = metricFilterPattern('DigestBatchErrorsMetricFilter');
const NOWHERE = 'http://127.0.0.1:9';
const credentials = { accessKeyId: 'x', secretAccessKey: 'y' };
const ENV = { CONTENT_BUCKET: 'broadsheet-test-content', SITE_BUCKET: 'broadsheet-test-site', SUBSCRIBERS_PREFIX: '_subscribers/', S3_ENDPOINT: NOWHERE, S3_MAX_ATTEMPTS: '1' };
const SHARD = JSON.stringify({ kind: 'broadsheet.digest-shard', week: '2014-W19', modelKey: '_broadsheet/digest-ledger/2014-W19/model-0123456789abcdef.json', shard: '0a' });

let logs: ReturnType<typeof captureLogs>;
beforeEach(() => {
  logs = captureLogs();
});
afterEach(() => logs.restore());

function sender(env: Record<string, string>, ssm?: SSMClient) {
  const config = readDeliveryConfig(env);
  return createDigestSenderHandler(() => ({
    config,
    s3: createS3Client({ ...senderS3Options(config.s3), credentials }),
    ses: createSesClient({ region: 'us-east-1', endpoint: NOWHERE, credentials, timeouts: { attempts: 1 } }),
    ...(ssm ? { ssm } : {}),
    logger: createLogger('broadsheet-digest-sender'),
    clock: () => DateTime.fromISO('2014-05-12T09:00:00+09:00'),
  }));
}

const sqsEvent = (...bodies: string[]): SQSEvent => ({
  Records: bodies.map((body, i) => ({ messageId: `m-${i}`, receiptHandle: `h-${i}`, body, attributes: { ApproximateReceiveCount: '1', SentTimestamp: '1399852800000', SenderId: 'AROA', ApproximateFirstReceiveTimestamp: '1399852800000' }, messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:broadsheet-test-digest-batches', awsRegion: 'us-east-1' })),
});

describe("serverless.yml's DigestBatchErrors alarm, on the digest-sender's real log lines", () => {
  it('counts a batch dropped as malformed and one reported failed (its store not answering), each once', async () => {
    const handler = sender({ ...ENV, DIGEST_UNSUBSCRIBE_SECRET: 'a-long-enough-test-secret' });
    const answer = await handler(sqsEvent('not json', SHARD), lambdaContext('broadsheet-test-digest-sender', 'snd-1'));
    // The malformed one is dropped (no retry can mend it); the other is delivered again by SQS.
    expect(answer.batchItemFailures).toEqual([{ itemIdentifier: 'm-1' }]);
    const counted = logs.lines().filter((line) => metricFilterMatches(PATTERN, line));
    expect(counted.map((line) => line.message)).toEqual(['malformed digest batch dropped', 'digest batch failed; SQS delivers it again']);
  });

  it("counts no line of the digest function's parameter check, whose refusal is that function's error", async () => {
    const ssm = new SSMClient({ region: 'us-east-1', endpoint: NOWHERE, credentials, maxAttempts: 1 });
    mockClient(ssm).on(GetParameterCommand).rejects(new ParameterNotFound({ message: '', $metadata: { httpStatusCode: 400 } }));
    const handler = sender({ ...ENV, SECRET_PARAMETER: '/broadsheet/test/unsubscribe-secret' }, ssm);
    const answer = await handler({ source: SENDER_CHECK_SOURCE, checkParameters: { smtp: false } }, lambdaContext('broadsheet-test-digest-sender', 'snd-2'));
    expect(answer).toMatchObject({ ok: false, error: 'ParameterError', transient: false });
    const lines = logs.lines();
    expect(lines.map((line) => line.message)).toEqual(['parameter check: a parameter could not be read']);
    expect(lines.filter((line) => metricFilterMatches(PATTERN, line))).toEqual([]);
  });
});
