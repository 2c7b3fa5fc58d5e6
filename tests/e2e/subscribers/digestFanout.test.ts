import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { InvokeCommand, InvokeCommandOutput, LambdaClient } from '@aws-sdk/client-lambda';
import { SendMessageBatchCommand, SQSClient, type SendMessageBatchCommandInput } from '@aws-sdk/client-sqs';
import type { Context, SQSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createDigestHandler, type DigestDeps } from '../../../functions/digest.js';
import { PENDING_PINGS_KEY } from '../../../lib/publish/pendingPings.js';
import type { DigestEvent, DigestOutcome } from '../../../functions/digestEvents.js';
import { readDeliveryConfig, readDigestFunctionConfig } from '../../../functions/digestEnv.js';
import { createDigestSenderHandler } from '../../../functions/digestSender.js';
import { senderMessageReserveMs } from '../../../functions/digestSenderS3.js';
import { SES_MAX_SEND_MS } from '../../../lib/delivery/sesTimeouts.js';
import { createLogger } from '../../../functions/logger.js';
import { SqsBatchQueue } from '../../../functions/sqsBatchQueue.js';
import { subscriberId } from '../../../lib/subscribers/subscriber.js';
import { addSubscriber } from '../../../lib/subscribers/subscriberAdmin.js';
import { FaultProxy } from '../../support/faultProxy.js';
import { serveAws, type LoopbackAws } from '../../support/loopbackLambda.js';
import { siteYaml } from '../../support/digestFixtures.js';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { createSsmClient } from '../../../functions/ssmClient.js';
import { PAUSE_MS } from '../../../lib/delivery/batchStreak.js';
import { SECRET_MAX_AGE_MS } from '../../../functions/keptFor.js';
import { captureLogs, lambdaContext } from '../../support/lambda.js';
import { recipientId } from '../../../lib/subscribers/recipient.js';
import { createSesClient } from '../../../lib/delivery/sesTransport.js';
import { s3rverEnv, testS3Client } from '../../support/s3.js';
import { publishLambda, recordingSqs, sitePublishHandler, storeDigestSite, type StoreDigestSite } from './storeDigestSite.js';
import { createLambdaClient } from '../../../functions/lambdaClients.js';
import { TestHub } from '../../support/hub.js';
import { findRun } from '../../../lib/publish/runHistory.js';
import { S3Store } from '../../../lib/store/s3Store.js';
import { readUnsettledWeeks } from '../../../lib/delivery/unsettledWeeks.js';
import { ledgerPrefix } from '../../../lib/digest/ledgerRecords.js';
import { goneTagWarnings } from '../../../lib/delivery/goneTagWarnings.js';
import { formatProblem } from '../../../lib/shared/errors.js';
import { sesStoreSince } from '../digest/support.js';

// The fan-out with the real handlers: the digest function queues one batch per subscriber shard (SQS by the SDK
// mock: no SQS server runs here), and the digest-sender function sends each batch; s3rver holds the buckets,
// the records and the ledger, and the SES emulator receives the mail.
const s3Endpoint = inject('s3Endpoint');
const sesEndpoint = inject('sesEndpoint');
// Read as the file starts: the emails it sends are all sent after this moment.
const sesStore = sesStoreSince(sesEndpoint);
const s3 = testS3Client(s3Endpoint);
const ses = new SESv2Client({ region: 'us-east-1', endpoint: sesEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
/** The configuration set of each SendEmail (the emulator keeps the message, not the set it went through). */
const configurationSets: (string | undefined)[] = [];
ses.middlewareStack.add(
  (next) => async (args) => {
    if ('Content' in (args.input as object)) configurationSets.push((args.input as { ConfigurationSetName?: string }).ConfigurationSetName);
    return next(args);
  },
  { step: 'initialize' },
);
const SECRET = 'digest-fanout-secret-long-enough';
const NOW = '2014-05-12T09:00:00+09:00';
// When the subscribers were added: during 2014-W19, before its issue was due (Monday 12 May 08:00 in Seoul).
const SUBSCRIBED = '2014-05-05T09:00:00+09:00';
const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/broadsheet-test-digest-batches';
const tag = `${process.pid}f${Date.now() % 100000}`;
const shardOf = (address: string) => subscriberId(address).slice(0, 2);
// Twenty addresses in twenty shards, and four more in the first one's shard, so one batch holds five (the address
// names are random per run: one in a shard already taken is passed over).
const spread: string[] = [];
for (let i = 0; spread.length < 20; i++) {
  const address = `reader${i}-${tag}@example.org`;
  if (!spread.some((other) => shardOf(other) === shardOf(address))) spread.push(address);
}
const crowded: string[] = [];
for (let i = 0; crowded.length < 4; i++) if (shardOf(`crowd${i}-${tag}@example.org`) === shardOf(spread[0]!)) crowded.push(`crowd${i}-${tag}@example.org`);
const CONFIRMED = [...spread, ...crowded];
const LEFT = `left-${tag}@example.org`;
let site: StoreDigestSite;

beforeAll(async () => {
  site = await storeDigestSite(s3, 'fanout');
  const { store } = site;
  const now = DateTime.fromISO(SUBSCRIBED);
  for (const address of [...CONFIRMED, LEFT]) await addSubscriber(store, address, { method: 'added', now });
  const left = (await store.get(subscriberId(LEFT)))!;
  await store.put({ ...left.subscriber, status: 'unsubscribed' }, left.version);
});

const env = () => ({ ...s3rverEnv(s3Endpoint), CONTENT_BUCKET: site.contentBucket, SITE_BUCKET: site.siteBucket, SES_ENDPOINT: sesEndpoint, PUBLISH_FUNCTION_NAME: 'publish', SUBSCRIBERS_PREFIX: '_subscribers/', DIGEST_UNSUBSCRIBE_SECRET: SECRET, FANOUT_QUEUE_URL: QUEUE_URL, SENDER_CONCURRENCY: '2', SES_CONFIGURATION_SET: 'broadsheet-test' });

function sqsEvent(bodies: { id: string; body: string }[]): SQSEvent {
  return {
    Records: bodies.map(({ id, body }) => ({
      messageId: id,
      receiptHandle: `handle-${id}`,
      body,
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: '1399852800000', SenderId: 'AROA', ApproximateFirstReceiveTimestamp: '1399852800000' },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:broadsheet-test-digest-batches',
      awsRegion: 'us-east-1',
    })),
  };
}

/** The digest function's scheduled run at NOW for `target`: the bodies of the batches it queues (SQS by the SDK mock). */
async function scheduledBatches(target: StoreDigestSite, environment: Record<string, string>, requestId: string): Promise<string[]> {
  const queued: string[] = [];
  const sqs = recordingSqs(queued);
  const digest = createDigestHandler(() => ({ config: readDigestFunctionConfig(environment), s3, ses, lambda: publishLambda(s3, s3Endpoint, target, NOW), queue: new SqsBatchQueue(sqs, QUEUE_URL), logger: createLogger('broadsheet-test-digest'), clock: () => DateTime.fromISO(NOW) }));
  await digest({ source: 'broadsheet.schedule' }, lambdaContext('digest', requestId));
  return queued;
}

/**
 * `count` subscribers named `prefix…`, each alone in their shard, on a site of their own (the week unsent), and the
 * batches its digest function queued for them, with message ids `${idPrefix}1`….
 */
async function spreadSite(name: string, prefix: string, count: number, idPrefix: string) {
  const own = await storeDigestSite(s3, name);
  const addresses: string[] = [];
  for (let i = 0; addresses.length < count; i++) {
    const address = `${prefix}${i}-${tag}@example.org`;
    if (!addresses.some((other) => shardOf(other) === shardOf(address))) addresses.push(address);
  }
  for (const address of addresses) await addSubscriber(own.store, address, { method: 'added', now: DateTime.fromISO(SUBSCRIBED) });
  const ownEnv = () => ({ ...env(), CONTENT_BUCKET: own.contentBucket, SITE_BUCKET: own.siteBucket });
  const queued = await scheduledBatches(own, ownEnv(), `d-${prefix}`);
  const batches = addresses.map((address, i) => ({ id: `${idPrefix}${i + 1}`, body: queued.find((body) => (JSON.parse(body) as { shard: string }).shard === shardOf(address))! }));
  return { own, addresses, ownEnv, batches };
}

async function receivedBy(): Promise<string[]> {
  const { emails } = (await (await fetch(sesStore, { signal: AbortSignal.timeout(5_000) })).json()) as { emails: { destination: { to: string[] } }[] };
  return emails.flatMap((email) => email.destination.to).filter((to) => to.includes(tag));
}

describe('the digest fan-out: digest function → SQS → digest-sender function', () => {
  it('queues one batch per shard, sends each mailbox once, and a batch retried after a timeout sends nothing twice', async () => {
    const sqs = new SQSClient({ region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const queued: { id: string; body: string }[] = [];
    mockClient(sqs)
      .on(SendMessageBatchCommand)
      .callsFake(async (input: SendMessageBatchCommandInput) => {
        expect(input.QueueUrl).toBe(QUEUE_URL);
        expect(input.Entries!.length).toBeLessThanOrEqual(10);
        for (const e of input.Entries!) queued.push({ id: `m-${queued.length}`, body: e.MessageBody! });
        return { Successful: input.Entries!.map((e) => ({ Id: e.Id!, MessageId: e.Id!, MD5OfMessageBody: '' })), Failed: [], $metadata: {} };
      });
    // A subscriber whose chosen tag no entry of the site has (renamed without tagSlugs): sent nothing, and warned of.
    const renamed = `renamed-${tag}@example.org`;
    await addSubscriber(site.store, renamed, { method: 'added', now: DateTime.fromISO(SUBSCRIBED), tags: ['retired-topic'] });
    const config = readDigestFunctionConfig(env());
    const digest = createDigestHandler(() => ({ config, s3, ses, lambda: publishLambda(s3, s3Endpoint, site, NOW), queue: new SqsBatchQueue(sqs, QUEUE_URL), logger: createLogger('broadsheet-test-digest'), clock: () => DateTime.fromISO(NOW) }));
    const outcome = (await digest({ source: 'broadsheet.schedule' }, lambdaContext('digest', 'd-1'))) as Extract<DigestOutcome, { ok: true }>;
    // 256 shards, each a message; nothing is sent by the digest function itself.
    expect(outcome).toMatchObject({ ok: true, week: '2014-W19', queued: { batches: 256 } });
    expect(outcome.sent).toBeUndefined();
    // Its record says so, for status and trigger: its counts hold the archive alone.
    expect(await findRun(new S3Store(s3, site.siteBucket, ''), 'd-1')).toMatchObject({ kind: 'digest', outcome: 'ok', queued: 256 });
    expect(queued).toHaveLength(256);
    const shards = queued.map((m) => (JSON.parse(m.body) as { shard: string }).shard);
    expect(new Set(shards).size).toBe(256);
    expect(await receivedBy()).toEqual([]);

    const senderConfig = readDeliveryConfig({ ...env(), PUBLISH_FUNCTION_NAME: '' });
    const sender = createDigestSenderHandler(() => ({ config: senderConfig, s3, ses, logger: createLogger('broadsheet-test-sender'), clock: () => DateTime.fromISO(NOW) }));
    // The crowded batch first, in an invocation whose time runs out after two messages: it stops before the
    // timeout and reports the batch failed, so SQS delivers it again. Its shard is read only while that and what
    // follows the send fit (checked before its listing and after each record it holds, the unsubscribed and renamed
    // ones' too should they fall in it), then each of its five recipients' ledger records, then each message is
    // checked three times (before it, before its claim, and once claimed, against what is left of it), against one
    // message and its ledger requests at their worst: exactly that for two messages, a millisecond short for the third.
    const crowdedBatch = queued[shards.indexOf(shardOf(spread[0]!))]!;
    let records = 0;
    for await (const _record of site.store.list(shardOf(spread[0]!))) records++;
    const kept = senderMessageReserveMs(senderConfig.s3, SES_MAX_SEND_MS);
    let checks = 0;
    const shortLived: Context = { ...lambdaContext('digest-sender', 's-1'), getRemainingTimeInMillis: () => (++checks <= 1 + records + 5 + 2 * 3 ? kept : kept - 1) };
    const first = await sender(sqsEvent([crowdedBatch]), shortLived);
    expect(first.batchItemFailures).toEqual([{ itemIdentifier: crowdedBatch.id }]);
    expect(await receivedBy()).toHaveLength(2);

    // Every batch, ten to an invocation as the event source mapping may hand them, the crowded one again among them.
    const logs = captureLogs();
    try {
      for (let i = 0; i < queued.length; i += 10) {
        const result = await sender(sqsEvent(queued.slice(i, i + 10)), lambdaContext('digest-sender', `s-${i}`));
        expect(result.batchItemFailures).toEqual([]);
      }
      // The batch of the renamed subscriber's shard warns, with the tags the digest function read when it queued the send.
      const warned = logs.lines().filter((line) => line.level === 'WARN' && String(line.message).startsWith('warning: '));
      expect(warned.map((line) => [line.message, line.shard])).toEqual([[`warning: ${goneTagWarnings({ 'retired-topic': 1 }).map(formatProblem)[0]}`, shardOf(renamed)]]);
    } finally {
      logs.restore();
    }
    const received = await receivedBy();
    expect([...received].sort()).toEqual([...CONFIRMED].sort());
    // site.yml names no configuration set: every message went through the stack's, whose bounces reach ses-feedback.
    expect(new Set(configurationSets)).toEqual(new Set(['broadsheet-test']));
    expect(configurationSets).toHaveLength(CONFIRMED.length);

    // SQS delivers at least once: a second delivery of every batch whose shard holds anyone sends nothing (the other
    // batches have nobody to send to twice), ten to an invocation again.
    const held = new Set([...CONFIRMED, LEFT, renamed].map(shardOf));
    const again = queued.filter((_, i) => held.has(shards[i]!));
    expect(again).toHaveLength(held.size);
    for (let i = 0; i < again.length; i += 10) {
      const result = await sender(sqsEvent(again.slice(i, i + 10)), lambdaContext('digest-sender', `r-${i}`));
      expect(result.batchItemFailures).toEqual([]);
    }
    expect(await receivedBy()).toHaveLength(CONFIRMED.length);

    // Each batch noted its shard's counts (one of a shard with nobody in it, none), which status sums. A subscriber
    // added since, whose message SES refuses when their shard's batch is delivered again, is FAILED without status
    // listing the week's ledger: its S3 requests, seen through a proxy, list the shard notes alone.
    const refused = `refused-${tag}@example.org`;
    await addSubscriber(site.store, refused, { method: 'added', now: DateTime.fromISO(SUBSCRIBED) });
    const rejected = { status: 400, headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'MessageRejected' }, body: '{"message":"Email address is not verified."}' };
    const sesProxy = await FaultProxy.start(sesEndpoint);
    sesProxy.decide = ({ url }) => (url.startsWith('/v2/email/outbound-emails') ? rejected : 'pass');
    const s3Proxy = await FaultProxy.start(s3Endpoint);
    try {
      const refusing = createSesClient({ region: 'us-east-1', endpoint: sesProxy.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
      const refuser = createDigestSenderHandler(() => ({ config: senderConfig, s3, ses: refusing, logger: createLogger('broadsheet-test-sender'), clock: () => DateTime.fromISO(NOW) }));
      const batch = queued[shards.indexOf(shardOf(refused))]!;
      expect((await refuser(sqsEvent([batch]), lambdaContext('digest-sender', 'r-refused'))).batchItemFailures).toEqual([]);
      const { week, queuing } = JSON.parse(batch.body) as { week: string; queuing: string };
      expect(await readUnsettledWeeks(new S3Store(testS3Client(s3Proxy.endpoint), site.siteBucket, ''))).toEqual([{ week, unknown: 0, failed: 1 }]);
      const listed = s3Proxy.seen.flatMap((request) => new URLSearchParams(request.url.split('?')[1] ?? '').get('prefix') ?? []);
      expect(listed.filter((prefix) => prefix.startsWith(ledgerPrefix(week)))).toEqual([`${ledgerPrefix(week)}shard-notes/${queuing}/`]);
    } finally {
      await sesProxy.close();
      await s3Proxy.close();
      // Sent to by no later test.
      const record = (await site.store.get(subscriberId(refused)))!;
      await site.store.put({ ...record.subscriber, status: 'unsubscribed' }, record.version);
    }
  }, 120_000);

  it('counts the transport\'s failures in a row across batches, each its own invocation: three lost answers pause them all, then one try', async () => {
    // Five subscribers, each alone in their shard, on a site of their own (the week unsent).
    const { own, addresses: five, ownEnv, batches } = await spreadSite('fanstreak', 'streak', 5, 'b');

    // SES takes each message and the answer is lost: each may have been delivered. One batch an invocation, as deployed.
    const proxy = await FaultProxy.start(sesEndpoint);
    proxy.decide = ({ url }) => (url.startsWith('/v2/email/outbound-emails') ? 'lostAnswer' : 'pass');
    const sends = () => proxy.seen.filter((request) => request.url.startsWith('/v2/email/outbound-emails')).length;
    const lossy = createSesClient({ region: 'us-east-1', endpoint: proxy.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    let now = DateTime.fromISO(NOW);
    const senderVia = (client: SESv2Client) => createDigestSenderHandler(() => ({ config: readDeliveryConfig({ ...ownEnv(), PUBLISH_FUNCTION_NAME: '' }), s3, ses: client, logger: createLogger('broadsheet-test-sender'), clock: () => now }));
    const failed = async (client: SESv2Client, batch: { id: string; body: string }) => (await senderVia(client)(sqsEvent([batch]), lambdaContext('digest-sender', `s-${batch.id}-${now.toMillis()}`))).batchItemFailures.length > 0;
    const logs = captureLogs();
    try {
      // b1 and b2 end with their one subscriber unknown; b3's is the third in a row and stops; b4 and b5 claim nobody.
      const first = [];
      for (const batch of batches) first.push(await failed(lossy, batch));
      expect(first).toEqual([false, false, true, true, true]);
      // Each named by its ledger id, as broadsheet settle takes it, never by its address.
      expect(logs.lines().filter((line) => line.message === 'recipient unknown').map((line) => line.recipient)).toEqual(five.slice(0, 3).map(recipientId));
      expect(sends()).toBe(3);
      // Once the pause is over, one try: still lost, so the batches stand back again at once.
      now = now.plus({ milliseconds: PAUSE_MS });
      expect([await failed(lossy, batches[3]!), await failed(lossy, batches[4]!)]).toEqual([true, true]);
      expect(sends()).toBe(4);
    } finally {
      logs.restore();
      await proxy.close();
    }
    // SES answers again after the next pause: the last subscriber gets the week; the four unknown are not sent again.
    now = now.plus({ milliseconds: PAUSE_MS });
    expect([await failed(ses, batches[4]!), await failed(ses, batches[2]!), await failed(ses, batches[3]!)]).toEqual([false, false, false]);
    expect((await receivedBy()).filter((to) => to.startsWith('streak')).sort()).toEqual([...five].sort());
    // The batches noted the week beside its ledger, for status: the three answers lost at first and the one after the pause.
    expect(await readUnsettledWeeks(new S3Store(s3, own.siteBucket, ''))).toEqual([{ week: (JSON.parse(batches[0]!.body) as { week: string }).week, unknown: 4 }]);
  }, 60_000);

  it('fails a batch whose one subscriber SES refused with a MessageRejected naming no one, before any batch of the week sent: SQS delivers it again, which sends once SES takes mail', async () => {
    const { own, addresses: two, ownEnv, batches: [b1, b2] } = await spreadSite('fansmall', 'small', 2, 'm');
    // SES's MessageRejected (HTTP 400) naming no address: its code says neither the sender nor the recipient.
    const rejected = { status: 400, headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'MessageRejected' }, body: '{"message":"Email address is not verified."}' };
    const proxy = await FaultProxy.start(sesEndpoint);
    proxy.decide = ({ url }) => (url.startsWith('/v2/email/outbound-emails') ? rejected : 'pass');
    const refusing = createSesClient({ region: 'us-east-1', endpoint: proxy.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const senderVia = (client: SESv2Client) => createDigestSenderHandler(() => ({ config: readDeliveryConfig({ ...ownEnv(), PUBLISH_FUNCTION_NAME: '' }), s3, ses: client, logger: createLogger('broadsheet-test-sender'), clock: () => DateTime.fromISO(NOW) }));
    const failures = async (client: SESv2Client, batch: { id: string; body: string }, request: string) => (await senderVia(client)(sqsEvent([batch!]), lambdaContext('digest-sender', request))).batchItemFailures;
    const logs = captureLogs();
    try {
      expect(await failures(refusing, b1!, 's-small-1')).toEqual([{ itemIdentifier: 'm1' }]);
      expect(logs.lines().find((line) => line.message === 'digest batch stopped; SQS delivers it again')).toMatchObject({ level: 'ERROR', failed: 1, sent: 0, stopped: expect.stringMatching(/^the relay refused the one message of this batch alike \(.*MessageRejected \(HTTP 400\): Email address is not verified\.\)/) });
      // Delivered again once SES takes mail: the week's first message goes out.
      expect(await failures(ses, b1!, 's-small-2')).toEqual([]);
      // Now SES refuses the other one alike: the transport works, so it is that recipient's refusal, recorded failed, and the batch ends.
      expect(await failures(refusing, b2!, 's-small-3')).toEqual([]);
      expect(logs.lines().filter((line) => line.message === 'recipient failed').map((line) => line.recipient)).toEqual([recipientId(two[0]!), recipientId(two[1]!)]);
    } finally {
      logs.restore();
      await proxy.close();
    }
    expect((await receivedBy()).filter((to) => to.startsWith('small')).sort()).toEqual([two[0]]);
    // The batches write no run record: their note beside the week's ledger is what status counts the refused one from.
    expect(await readUnsettledWeeks(new S3Store(s3, own.siteBucket, ''))).toEqual([{ week: (JSON.parse(b1!.body) as { week: string }).week, unknown: 0, failed: 1 }]);
  }, 60_000);

  it('logs why a batch stopped, at ERROR, without the address SES quotes in its refusal', async () => {
    const late = `late-${tag}@example.org`;
    await addSubscriber(site.store, late, { method: 'added', now: DateTime.fromISO(SUBSCRIBED) });
    const queued = await scheduledBatches(site, env(), 'd-late');
    const batch = queued.find((body) => (JSON.parse(body) as { shard: string }).shard === shardOf(late))!;

    const proxy = await FaultProxy.start(sesEndpoint);
    const logs = captureLogs();
    try {
      // SES refusing the role's identity quotes an ARN that ends in the address.
      const denied = { status: 403, headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'AccessDeniedException' }, body: JSON.stringify({ message: `User is not authorized to perform ses:SendEmail on resource arn:aws:ses:us-east-1:123456789012:identity/${late}` }) };
      proxy.decide = ({ url }) => (url.startsWith('/v2/email/outbound-emails') ? denied : 'pass');
      const down = createSesClient({ region: 'us-east-1', endpoint: proxy.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
      const sender = createDigestSenderHandler(() => ({ config: readDeliveryConfig({ ...env(), PUBLISH_FUNCTION_NAME: '' }), s3, ses: down, logger: createLogger('broadsheet-test-sender'), clock: () => DateTime.fromISO(NOW) }));
      const result = await sender(sqsEvent([{ id: 'late', body: batch }]), lambdaContext('digest-sender', 's-late'));
      expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'late' }]);
    } finally {
      logs.restore();
      await proxy.close();
    }
    // At ERROR, which the digest-batch-errors alarm counts: a batch reported failed is no error to Lambda's metric.
    expect(logs.lines().find((line) => line.message === 'digest batch stopped; SQS delivers it again')).toMatchObject({ level: 'ERROR', stopped: expect.stringContaining('on resource arn:aws:ses:us-east-1:123456789012:<address>') });
    expect(logs.raw()).not.toContain(late);
    expect(await receivedBy()).not.toContain(late);
  }, 60_000);

  it('reads only the parameters the site\'s transport needs, in the sender alone, and names one it cannot read in one log line before failing', async () => {
    const early = `early-${tag}@example.org`;
    await addSubscriber(site.store, early, { method: 'added', now: DateTime.fromISO(SUBSCRIBED) });
    const queued = await scheduledBatches(site, env(), 'd-early');
    const batch = { id: 'early', body: queued.find((body) => (JSON.parse(body) as { shard: string }).shard === shardOf(early))! };
    // SSM on loopback: the token secret is there; the SMTP URL's parameter (an SES site needs none) and another are not.
    const aws = await serveAws({}, { '/broadsheet/test/unsubscribe-secret': SECRET });
    const logs = captureLogs();
    try {
      const senderWith = (parameters: Record<string, string>) =>
        createDigestSenderHandler(() => ({
          config: readDeliveryConfig({ ...env(), PUBLISH_FUNCTION_NAME: '', DIGEST_UNSUBSCRIBE_SECRET: '', ...parameters }),
          ssm: createSsmClient('us-east-1', { endpoint: aws.url, credentials: { accessKeyId: 'x', secretAccessKey: 'y' } }),
          s3,
          ses,
          logger: createLogger('broadsheet-test-sender'),
          clock: () => DateTime.fromISO(NOW),
        }));
      const missing = await senderWith({ SECRET_PARAMETER: '/broadsheet/test/missing-secret' })(sqsEvent([batch]), lambdaContext('digest-sender', 's-missing')).catch((error: unknown) => error);
      expect(missing).toMatchObject({ name: 'ParameterError', parameter: '/broadsheet/test/missing-secret', variable: 'SECRET_PARAMETER' });
      expect(logs.lines().filter((line) => line.level === 'ERROR')).toEqual([
        expect.objectContaining({
          message: 'parameter not read: no batch sent; SQS delivers them again',
          error: { name: 'ParameterError', parameter: '/broadsheet/test/missing-secret', variable: 'SECRET_PARAMETER', transient: false, message: expect.stringContaining('create it with printf \'%s\' "$(openssl rand -base64 32)" | aws ssm put-parameter --name /broadsheet/test/missing-secret --type SecureString --value file:///dev/stdin') },
        }),
      ]);
      expect(await receivedBy()).not.toContain(early);
      const sent = await senderWith({ SECRET_PARAMETER: '/broadsheet/test/unsubscribe-secret', SMTP_URL_PARAMETER: '/broadsheet/test/smtp-url' })(sqsEvent([batch]), lambdaContext('digest-sender', 's-ses'));
      expect(sent.batchItemFailures).toEqual([]);
      expect(await receivedBy()).toContain(early);
      // A batch of a site sending through SMTP needs the URL: its parameter missing, the invocation logs it and fails.
      const smtpSite = await storeDigestSite(s3, 'fansmtp');
      await s3.send(new PutObjectCommand({ Bucket: smtpSite.contentBucket, Key: 'content/site.yml', Body: siteYaml({}, { from: 'Test Watch <digest@watch.example.org>', transport: 'smtp', unsubscribe: { url: 'https://watch.example.org/unsubscribe?token={token}', mailto: 'unsubscribe@watch.example.org' } }) }));
      await addSubscriber(smtpSite.store, early, { method: 'added', now: DateTime.fromISO(SUBSCRIBED) });
      const smtpEnv = { ...env(), CONTENT_BUCKET: smtpSite.contentBucket, SITE_BUCKET: smtpSite.siteBucket };
      // The digest function, queueing, reads neither parameter (it is given no SSM client): it checks that each is named.
      const refusal = (environment: Record<string, string>, id: string) => scheduledBatches(smtpSite, environment, id).then(() => undefined, (error: unknown) => error);
      expect(await refusal(smtpEnv, 'd-smtp-unnamed')).toMatchObject({ name: 'RunRefusedError', message: expect.stringContaining('the function has no SMTP URL') });
      const named = { ...smtpEnv, DIGEST_UNSUBSCRIBE_SECRET: '', SMTP_URL_PARAMETER: '/broadsheet/test/smtp-url' };
      expect(await refusal(named, 'd-secret-unnamed')).toMatchObject({ name: 'ConfigError', message: expect.stringContaining('{token}, which needs') });
      const smtpQueued = await scheduledBatches(smtpSite, { ...named, SECRET_PARAMETER: '/broadsheet/test/unsubscribe-secret' }, 'd-smtp');
      const smtpBatch = { id: 'smtp', body: smtpQueued.find((body) => (JSON.parse(body) as { shard: string }).shard === shardOf(early))! };
      const errorsBefore = logs.lines().filter((line) => line.level === 'ERROR').length;
      const smtpSender = createDigestSenderHandler(() => ({
        config: readDeliveryConfig({ ...smtpEnv, PUBLISH_FUNCTION_NAME: '', SMTP_URL_PARAMETER: '/broadsheet/test/smtp-url' }),
        ssm: createSsmClient('us-east-1', { endpoint: aws.url, credentials: { accessKeyId: 'x', secretAccessKey: 'y' } }),
        s3,
        ses,
        logger: createLogger('broadsheet-test-sender'),
        clock: () => DateTime.fromISO(NOW),
      }));
      const unread = await smtpSender(sqsEvent([smtpBatch]), lambdaContext('digest-sender', 's-smtp')).catch((error: unknown) => error);
      expect(unread).toMatchObject({ name: 'ParameterError', parameter: '/broadsheet/test/smtp-url', variable: 'SMTP_URL_PARAMETER' });
      expect(logs.lines().filter((line) => line.level === 'ERROR').slice(errorsBefore)).toEqual([
        expect.objectContaining({ message: 'parameter not read: the batch is not sent; SQS delivers it again', shard: shardOf(early), error: expect.objectContaining({ parameter: '/broadsheet/test/smtp-url', variable: 'SMTP_URL_PARAMETER' }) }),
      ]);
    } finally {
      logs.restore();
      await aws.close();
    }
  }, 60_000);
  it('keeps the token secret read from SSM for a minute on a warm instance, then reads it again, so a rotated one is in use a minute after', async () => {
    const aws = await serveAws({}, { '/broadsheet/test/unsubscribe-secret': SECRET });
    const ssm = createSsmClient('us-east-1', { endpoint: aws.url, credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
    const reads: string[] = [];
    ssm.middlewareStack.add(
      (next) => async (args) => {
        reads.push((args.input as { Name: string }).Name);
        return next(args);
      },
      { step: 'initialize' },
    );
    let now = DateTime.fromISO(NOW);
    const sender = createDigestSenderHandler(() => ({ config: readDeliveryConfig({ ...env(), PUBLISH_FUNCTION_NAME: '', DIGEST_UNSUBSCRIBE_SECRET: '', SECRET_PARAMETER: '/broadsheet/test/unsubscribe-secret' }), ssm, s3, ses, logger: createLogger('broadsheet-test-sender'), clock: () => now }));
    // A batch no retry can mend, dropped: the secret is read before any batch is.
    const invoke = (id: string) => sender(sqsEvent([{ id, body: '{}' }]), lambdaContext('digest-sender', id));
    const logs = captureLogs();
    try {
      const readsAt = [];
      for (const later of [0, SECRET_MAX_AGE_MS - 1, SECRET_MAX_AGE_MS]) {
        now = DateTime.fromISO(NOW).plus({ milliseconds: later });
        await invoke(`s-kept-${later}`);
        readsAt.push(reads.length);
      }
      expect(readsAt).toEqual([1, 1, 2]);
      expect(new Set(reads)).toEqual(new Set(['/broadsheet/test/unsubscribe-secret']));
    } finally {
      logs.restore();
      await aws.close();
    }
  });

  it('refuses a send whose parameters the digest-sender cannot read once, in the digest function, before anything is queued', async () => {
    const checked = await storeDigestSite(s3, 'fancheck');
    const smtpSite = await storeDigestSite(s3, 'fanchecksmtp');
    await s3.send(new PutObjectCommand({ Bucket: smtpSite.contentBucket, Key: 'content/site.yml', Body: siteYaml({}, { from: 'Test Watch <digest@watch.example.org>', transport: 'smtp', unsubscribe: { url: 'https://watch.example.org/unsubscribe?token={token}', mailto: 'unsubscribe@watch.example.org' } }) }));
    let target = checked;
    let senderEnv: Record<string, string> = {};
    // Lambda and SSM on loopback: the publish function and the digest-sender, which reads SSM there.
    const aws: LoopbackAws = await serveAws(
      {
        publish: ((event: never, context: Context) => sitePublishHandler(s3, s3Endpoint, target, NOW)(event, context)) as never,
        'digest-sender': ((event: never, context: Context) =>
          createDigestSenderHandler(() => ({ config: readDeliveryConfig(senderEnv), ssm: createSsmClient('us-east-1', { endpoint: aws.url, credentials: { accessKeyId: 'x', secretAccessKey: 'y' } }), s3, ses, logger: createLogger('broadsheet-test-sender'), clock: () => DateTime.fromISO(NOW) }))(event, context)) as never,
      },
      { '/broadsheet/test/unsubscribe-secret': SECRET },
    );
    const logs = captureLogs();
    try {
      // The stack gives both functions the same parameters' names; the digest function reads neither.
      const run = async (site: StoreDigestSite, parameters: Record<string, string>, event: DigestEvent, id: string) => {
        target = site;
        const environment = { ...env(), CONTENT_BUCKET: site.contentBucket, SITE_BUCKET: site.siteBucket, DIGEST_UNSUBSCRIBE_SECRET: '', SENDER_FUNCTION_NAME: 'digest-sender', ...parameters };
        senderEnv = { ...environment, PUBLISH_FUNCTION_NAME: '' };
        const queued: string[] = [];
        const digest = createDigestHandler(() => ({ config: readDigestFunctionConfig(environment), s3, ses, lambda: createLambdaClient('us-east-1', { endpoint: aws.url, credentials: { accessKeyId: 'x', secretAccessKey: 'y' } }), queue: new SqsBatchQueue(recordingSqs(queued), QUEUE_URL), logger: createLogger('broadsheet-test-digest'), clock: () => DateTime.fromISO(NOW) }));
        const errorsBefore = logs.lines().filter((line) => line.level === 'ERROR').length;
        const outcome = await digest(event, lambdaContext('digest', id)).catch((error: unknown) => error);
        return { outcome, queued, errors: logs.lines().filter((line) => line.level === 'ERROR').slice(errorsBefore) };
      };
      const scheduled: DigestEvent = { source: 'broadsheet.schedule' };
      const missing = { SECRET_PARAMETER: '/broadsheet/test/missing-secret' };
      const refused = await run(checked, missing, scheduled, 'd-check-1');
      expect(refused.outcome).toMatchObject({ name: 'ParameterError', parameter: '/broadsheet/test/missing-secret', variable: 'SECRET_PARAMETER' });
      expect(refused.queued).toEqual([]);
      expect(refused.errors).toEqual([expect.objectContaining({ message: 'digest failed', error: expect.objectContaining({ name: 'ParameterError', parameter: '/broadsheet/test/missing-secret', variable: 'SECRET_PARAMETER', message: expect.stringContaining('create it with printf \'%s\' "$(openssl rand -base64 32)" | aws ssm put-parameter --name /broadsheet/test/missing-secret --type SecureString --value file:///dev/stdin') }) })]);
      // The trigger's check of a manual send hears it, and passes it on (400).
      const manual = await run(checked, missing, { source: 'broadsheet.trigger', action: 'digest', send: true, check: true }, 'd-check-2');
      expect(manual.outcome).toMatchObject({ ok: false, trigger: 'manual', error: 'ParameterError', message: expect.stringContaining('/broadsheet/test/missing-secret does not exist') });
      // An SMTP site's URL too; the SES site's send, its secret readable, is queued.
      const smtp = await run(smtpSite, { SECRET_PARAMETER: '/broadsheet/test/unsubscribe-secret', SMTP_URL_PARAMETER: '/broadsheet/test/smtp-url' }, scheduled, 'd-check-3');
      expect(smtp.outcome).toMatchObject({ name: 'ParameterError', parameter: '/broadsheet/test/smtp-url', variable: 'SMTP_URL_PARAMETER' });
      expect(smtp.queued).toEqual([]);
      const sent = await run(checked, { SECRET_PARAMETER: '/broadsheet/test/unsubscribe-secret', SMTP_URL_PARAMETER: '/broadsheet/test/smtp-url' }, scheduled, 'd-check-4');
      expect(sent.outcome).toMatchObject({ ok: true, queued: { batches: 256 } });
      expect(sent.queued).toHaveLength(256);
    } finally {
      logs.restore();
      await aws.close();
    }
  }, 60_000);

  it('tells the site\'s WebSub hub about the feeds the week\'s publish changed only once the batches are queued, and records the pings', async () => {
    const hub = await new TestHub().start();
    const logs = captureLogs();
    try {
      const { queued, seen } = watchQueue(hub);
      const { digest, output } = await hubDigest('fanhub', hub, recordingSqs(queued));
      const outcome = (await digest({ source: 'broadsheet.schedule' }, lambdaContext('digest', 'd-hub'))) as Extract<DigestOutcome, { ok: true }>;
      // The first publish of the site: its feeds, its one tag's and its digest archive's are all new, each pinged once,
      // after the 256 batches.
      expect(seen.queuedAtFirstPing).toBe(256);
      expect(hub.pinged()).toEqual(HUB_FEEDS);
      expect(outcome).toMatchObject({ ok: true, week: '2014-W19', queued: { batches: 256 }, pings: ALL_DELIVERED });
      expect(logs.lines().find((line) => line.message === 'websub: told the hub about every changed feed')).toMatchObject({ pings: ALL_DELIVERED });
      expect(await findRun(output, 'd-hub')).toMatchObject({ kind: 'digest', outcome: 'ok', pings: ALL_DELIVERED });
    } finally {
      logs.restore();
      await hub.close();
    }
  }, 60_000);

  // lib/publish/pendingPings.ts: the digest function keeps the pings it could not make, and counts those it makes again.
  it('keeps the pings of a hub that was down for the next publishes, and removes them once the next run tells the hub', async () => {
    const hub = await new TestHub().start();
    try {
      let down = true;
      hub.respond = () => (down ? 503 : 204);
      const { digest, output, site } = await hubDigest('fanpending', hub, recordingSqs([]), undefined, { attempts: 1, sleep: async () => {} });
      await digest({ source: 'broadsheet.schedule' }, lambdaContext('digest', 'd-pending-1'));
      expect(JSON.parse((await output.get(PENDING_PINGS_KEY))!.toString('utf8'))).toEqual({ hub: hub.url, feeds: Object.fromEntries(HUB_FEEDS.map((feed) => [feed, { tries: 1, unsent: 0 }])) });
      // A feed the site no longer has (a removed tag's), left in the record: the next run's publish, not settled (its
      // site.yml's text changed), drops it, and the digest function's write of the record with it.
      const gone = 'https://watch.example.org/tags/gone/rss.xml';
      await output.put(PENDING_PINGS_KEY, JSON.stringify({ hub: hub.url, feeds: { ...Object.fromEntries(HUB_FEEDS.map((feed) => [feed, { tries: 1, unsent: 0 }])), [gone]: { tries: 1, unsent: 0 } } }), { contentType: 'application/json' });
      const siteYml = await s3.send(new GetObjectCommand({ Bucket: site.contentBucket, Key: 'content/site.yml' }));
      await s3.send(new PutObjectCommand({ Bucket: site.contentBucket, Key: 'content/site.yml', Body: `${await siteYml.Body!.transformToString()}\n# touched\n` }));
      await digest({ source: 'broadsheet.schedule' }, lambdaContext('digest', 'd-pending-gone'));
      expect(JSON.parse((await output.get(PENDING_PINGS_KEY))!.toString('utf8'))).toEqual({ hub: hub.url, feeds: Object.fromEntries(HUB_FEEDS.map((feed) => [feed, { tries: 2, unsent: 0 }])) });
      // The next run's publish changes nothing and hands on the pending pings with their tries: told, the record goes.
      down = false;
      hub.requests.length = 0;
      const again = (await digest({ source: 'broadsheet.schedule' }, lambdaContext('digest', 'd-pending-2'))) as Extract<DigestOutcome, { ok: true }>;
      // Counted apart from changed feeds' pings: this run changed none.
      expect(again).toMatchObject({ archive: { new: 0, changed: 0, deleted: 0 }, retriedPings: ALL_DELIVERED });
      expect(again.pings).toBeUndefined();
      expect(hub.pinged()).toEqual(HUB_FEEDS);
      expect(await output.get(PENDING_PINGS_KEY)).toBeUndefined();
    } finally {
      await hub.close();
    }
  }, 60_000);

  it('keeps the feeds its publish changed pending before it sends: a run that dies before its pings leaves them to the next publish', async () => {
    const hub = await new TestHub().start();
    try {
      // A queue that takes the first batch and holds it: the run stands there, as one its timeout would end.
      let sending!: () => void;
      const sendStarted = new Promise<void>((resolve) => (sending = resolve));
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const holding = {
        send: async (command: SendMessageBatchCommand) => {
          sending();
          await released;
          return { Successful: command.input.Entries!.map((e) => ({ Id: e.Id!, MessageId: e.Id!, MD5OfMessageBody: '' })), Failed: [], $metadata: {} };
        },
      } as unknown as SQSClient;
      const { digest, output, site } = await hubDigest('fandies', hub, holding);
      const context = lambdaContext('digest', 'd-dies');
      const run = digest({ source: 'broadsheet.schedule' }, context);
      await sendStarted;
      // Ended here, the run would leave every changed feed's ping to the next publish, none tried yet; noted as its own
      // to make until its time ends.
      expect(hub.requests).toEqual([]);
      const until = new Date(Date.parse(NOW) + context.getRemainingTimeInMillis()).toISOString();
      const noted = { hub: hub.url, feeds: Object.fromEntries(HUB_FEEDS.map((feed) => [feed, { tries: 0, unsent: 0, until }])) };
      expect(JSON.parse((await output.get(PENDING_PINGS_KEY))!.toString('utf8'))).toMatchObject(noted);
      // A scheduled publish meanwhile (nothing changed since) leaves them to the run: the hub is not told twice.
      expect(await sitePublishHandler(s3, s3Endpoint, site, NOW)({ source: 'aws.events', 'detail-type': 'Scheduled Event' } as never, lambdaContext('publish', 'p-meanwhile'))).toMatchObject({ ok: true });
      expect(hub.requests).toEqual([]);
      expect(JSON.parse((await output.get(PENDING_PINGS_KEY))!.toString('utf8'))).toMatchObject(noted);
      // Let through, it pings them as changed feeds, once each, and removes the record.
      release();
      expect(await run).toMatchObject({ ok: true, pings: ALL_DELIVERED });
      expect(hub.requests).toHaveLength(HUB_FEEDS.length);
      expect(await output.get(PENDING_PINGS_KEY)).toBeUndefined();
    } finally {
      await hub.close();
    }
  }, 60_000);

  it('answers a manual send\'s check without pinging, and the send handed on pings the feeds the check published once it has queued the week', async () => {
    const hub = await new TestHub().start();
    try {
      const { queued, seen } = watchQueue(hub);
      const { digest, output } = await hubDigest('fancheck', hub, recordingSqs(queued));
      const manual = { source: 'broadsheet.trigger', action: 'digest', week: '2014-W19', send: true, requestedBy: 'req-check' } as const;
      // The check publishes the site for the first time: every feed changed, and the hub hears nothing yet.
      const checked = (await digest({ ...manual, check: true }, lambdaContext('digest', 'd-check'))) as Extract<DigestOutcome, { ok: true }>;
      expect(hub.requests).toEqual([]);
      expect(checked).toMatchObject({ ok: true, checked: true, week: '2014-W19' });
      expect(checked.pings).toBeUndefined();
      expect([...checked.toPing!].sort()).toEqual(HUB_FEEDS);
      // The send the trigger hands on (functions/routes/digestRoute.ts): its own publish changes nothing, and it pings
      // the check's feeds after its batches, with a feed of another site left out.
      const sent = (await digest({ ...manual, toPing: [...checked.toPing!, 'https://elsewhere.example.net/rss.xml'] }, lambdaContext('digest', 'd-send'))) as Extract<DigestOutcome, { ok: true }>;
      expect(sent).toMatchObject({ ok: true, queued: { batches: 256 }, archive: { new: 0, changed: 0, deleted: 0 }, pings: ALL_DELIVERED });
      expect(seen.queuedAtFirstPing).toBe(256);
      expect(hub.pinged()).toEqual(HUB_FEEDS);
      expect(await findRun(output, 'd-send')).toMatchObject({ kind: 'digest', outcome: 'ok', pings: ALL_DELIVERED });
    } finally {
      await hub.close();
    }
  }, 60_000);

  it('answers a manual send\'s check that fails after its publish without pinging', async () => {
    const hub = await new TestHub().start();
    try {
      // The publish function's reply names other bytes for the week's files than the digest renders: the check refuses.
      const garbled = (reply: Record<string, unknown>) => {
        const digest = reply.digest as { files: Record<string, string> };
        return { ...reply, digest: { ...digest, files: Object.fromEntries(Object.keys(digest.files).map((key) => [key, 'not-this-hash'])) } };
      };
      const { digest } = await hubDigest('fancheckfail', hub, recordingSqs([]), garbled);
      const manual = { source: 'broadsheet.trigger', action: 'digest', week: '2014-W19', send: true, requestedBy: 'req-check', check: true } as const;
      await expect(digest(manual, lambdaContext('digest', 'd-check-fail'))).rejects.toThrow('does not render');
      expect(hub.requests).toEqual([]);
    } finally {
      await hub.close();
    }
  }, 60_000);

  it('tells the hub about the feeds its publish changed when queueing the week fails after it, and still fails', async () => {
    const hub = await new TestHub().start();
    try {
      const sqs = new SQSClient({ region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
      mockClient(sqs).on(SendMessageBatchCommand).rejects(new Error('SQS is unavailable'));
      const { digest, output } = await hubDigest('fanfail', hub, sqs);
      await expect(digest({ source: 'broadsheet.schedule' }, lambdaContext('digest', 'd-fail'))).rejects.toThrow('SQS is unavailable');
      expect(hub.pinged()).toEqual(HUB_FEEDS);
      expect(await findRun(output, 'd-fail')).toMatchObject({ kind: 'digest', outcome: 'failed', message: expect.stringContaining('SQS is unavailable'), pings: ALL_DELIVERED });
    } finally {
      await hub.close();
    }
  }, 60_000);
});

/** The feeds a first publish of storeDigestSite's site changes: the site's, its one tag's and its digest archive's. */
const HUB_FEEDS = ['', 'digests/', 'tags/trade/'].flatMap((dir) => ['rss.xml', 'atom.xml', 'feed.json'].map((file) => `https://watch.example.org/${dir}${file}`)).sort();
const ALL_DELIVERED = { delivered: HUB_FEEDS.length, rejected: 0, 'maybe-delivered': 0, refused: 0, 'not-attempted': 0 };

/** The batches queued, and how many were when `hub` (answering 204) heard of the first feed. */
function watchQueue(hub: TestHub) {
  const queued: string[] = [];
  const seen: { queuedAtFirstPing?: number } = {};
  hub.respond = (_request, index) => {
    if (index === 0) seen.queuedAtFirstPing = queued.length;
    return 204;
  };
  return { queued, seen };
}

/** The digest function over a fresh storeDigestSite whose site.yml names `hub`, queueing through `sqs`; `output`: its site bucket. */
async function hubDigest(name: string, hub: TestHub, sqs: SQSClient, publishReply: (reply: Record<string, unknown>) => unknown = (reply) => reply, websub?: DigestDeps['websub']) {
  const hubSite = await storeDigestSite(s3, name);
  await s3.send(new PutObjectCommand({ Bucket: hubSite.contentBucket, Key: 'content/site.yml', Body: siteYaml({ websub: hub.url }, { from: 'Test Watch <digest@watch.example.org>', unsubscribe: { url: 'https://watch.example.org/unsubscribe?token={token}', mailto: 'unsubscribe@watch.example.org' } }) }));
  const digest = createDigestHandler(() => ({
    config: readDigestFunctionConfig({ ...env(), CONTENT_BUCKET: hubSite.contentBucket, SITE_BUCKET: hubSite.siteBucket }),
    s3,
    ses,
    lambda: answeredAs(publishLambda(s3, s3Endpoint, hubSite, NOW), publishReply),
    queue: new SqsBatchQueue(sqs, QUEUE_URL),
    logger: createLogger('broadsheet-test-digest'),
    clock: () => DateTime.fromISO(NOW),
    ...(websub ? { websub } : {}),
  }));
  return { digest, output: new S3Store(s3, hubSite.siteBucket, ''), site: hubSite };
}

/** `lambda`, its invocations' replies passed through `change`. */
function answeredAs(lambda: LambdaClient, change: (reply: Record<string, unknown>) => unknown): LambdaClient {
  const send = lambda.send.bind(lambda) as (command: InvokeCommand) => Promise<InvokeCommandOutput>;
  return { send: async (command: InvokeCommand) => {
    const output = await send(command);
    return { ...output, Payload: Buffer.from(JSON.stringify(change(JSON.parse(Buffer.from(output.Payload!).toString('utf8'))))) };
  } } as unknown as LambdaClient;
}
