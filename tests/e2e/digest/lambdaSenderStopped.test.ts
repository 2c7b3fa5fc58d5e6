import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { SQSEvent } from 'aws-lambda';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { createDigestHandler } from '../../../functions/digest.js';
import { readDeliveryConfig, readDigestFunctionConfig } from '../../../functions/digestEnv.js';
import { createDigestSenderHandler } from '../../../functions/digestSender.js';
import { createLogger } from '../../../functions/logger.js';
import { SqsBatchQueue } from '../../../functions/sqsBatchQueue.js';
import { createSesClient } from '../../../lib/delivery/sesTransport.js';
import { recipientId } from '../../../lib/subscribers/recipient.js';
import { subscriberId } from '../../../lib/subscribers/subscriber.js';
import { addSubscriber } from '../../../lib/subscribers/subscriberAdmin.js';
import { FaultProxy } from '../../support/faultProxy.js';
import { captureLogs, lambdaContext } from '../../support/lambda.js';
import { s3rverEnv, testS3Client } from '../../support/s3.js';
import { publishLambda, recordingSqs, storeDigestSite } from '../subscribers/storeDigestSite.js';

// The digest-sender's line for a batch that stopped: why, as the transport's error said it, with no address and no
// address's hash (a ledger key quoted in the error). s3rver holds the buckets; SES is the emulator behind a proxy that
// answers as SES does when the role may not send (AccessDenied, quoting what it names); SQS is the SDK mock.
const s3Endpoint = inject('s3Endpoint');
const sesEndpoint = inject('sesEndpoint');
const s3 = testS3Client(s3Endpoint);
const NOW = '2014-05-12T09:00:00+09:00';
const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/broadsheet-test-digest-batches';
const reader = `stopped-${process.pid}s${Date.now() % 100000}@example.org`;
let logs: ReturnType<typeof captureLogs>;
beforeEach(() => {
  logs = captureLogs();
});
afterEach(() => logs.restore());

describe("the digest-sender's stopped batch, logged", () => {
  it('says why without the address or the ledger key the refusal quotes', async () => {
    const site = await storeDigestSite(s3, 'sndstop');
    await addSubscriber(site.store, reader, { method: 'added', now: DateTime.fromISO('2014-05-05T09:00:00+09:00') });
    const env = { ...s3rverEnv(s3Endpoint), CONTENT_BUCKET: site.contentBucket, SITE_BUCKET: site.siteBucket, SES_ENDPOINT: sesEndpoint, PUBLISH_FUNCTION_NAME: 'publish', SUBSCRIBERS_PREFIX: '_subscribers/', DIGEST_UNSUBSCRIBE_SECRET: 'sender-stopped-secret-long-enough', FANOUT_QUEUE_URL: QUEUE_URL, SENDER_CONCURRENCY: '1' };
    const ses = new SESv2Client({ region: 'us-east-1', endpoint: sesEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const queued: string[] = [];
    await createDigestHandler(() => ({ config: readDigestFunctionConfig(env), s3, ses, lambda: publishLambda(s3, s3Endpoint, site, NOW), queue: new SqsBatchQueue(recordingSqs(queued), QUEUE_URL), logger: createLogger('broadsheet-test-digest'), clock: () => DateTime.fromISO(NOW) }))({ source: 'broadsheet.schedule' }, lambdaContext('broadsheet-test-digest', 'ds-1'));
    const batch = queued.find((body) => (JSON.parse(body) as { shard: string }).shard === subscriberId(reader).slice(0, 2))!;

    const proxy = await FaultProxy.start(sesEndpoint);
    try {
      const ledgerKey = `_broadsheet/digest-ledger/2014-W19/${recipientId(reader)}.json`;
      const denied = { status: 403, headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'AccessDeniedException' }, body: JSON.stringify({ message: `User is not authorized to perform ses:SendEmail on resources arn:aws:ses:us-east-1:123456789012:identity/${reader} (${ledgerKey})` }) };
      proxy.decide = ({ url }) => (url.startsWith('/v2/email/outbound-emails') ? denied : 'pass');
      const down = createSesClient({ region: 'us-east-1', endpoint: proxy.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
      const sender = createDigestSenderHandler(() => ({ config: readDeliveryConfig({ ...env, PUBLISH_FUNCTION_NAME: '' }), s3, ses: down, logger: createLogger('broadsheet-test-sender'), clock: () => DateTime.fromISO(NOW) }));
      const event: SQSEvent = { Records: [{ messageId: 'm-1', receiptHandle: 'h-1', body: batch, attributes: { ApproximateReceiveCount: '1', SentTimestamp: '1399852800000', SenderId: 'AROA', ApproximateFirstReceiveTimestamp: '1399852800000' }, messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:broadsheet-test-digest-batches', awsRegion: 'us-east-1' }] };
      const answer = await sender(event, lambdaContext('broadsheet-test-digest-sender', 'snd-1'));
      expect(answer.batchItemFailures).toEqual([{ itemIdentifier: 'm-1' }]);
      const stopped = logs.lines().find((line) => line.message === 'digest batch stopped; SQS delivers it again') as { stopped: string } | undefined;
      expect(stopped?.stopped).toContain('123456789012:<address> (_broadsheet/digest-ledger/2014-W19/<hash>.json)');
      expect(logs.raw()).not.toContain(reader);
      expect(logs.raw()).not.toContain(recipientId(reader));
    } finally {
      await proxy.close();
    }
  }, 30_000);
});
