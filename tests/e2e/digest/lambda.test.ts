import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { InvokeCommand, LambdaClient, TooManyRequestsException, type InvokeCommandInput } from '@aws-sdk/client-lambda';
import type { S3Client } from '@aws-sdk/client-s3';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { DateTime } from 'luxon';
import { afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createDigestHandler } from '../../../functions/digest.js';
import type { DigestOutcome } from '../../../functions/digestEvents.js';
import { createLogger } from '../../../functions/logger.js';
import { createPublishHandler } from '../../../functions/publish.js';
import { MAX_LISTED } from '../../../functions/publishEvents.js';
import { digestRoute } from '../../../functions/routes/digestRoute.js';
import { readPublishConfig, readS3Settings } from '../../../functions/config.js';
import { digestSendMessageReserveMs } from '../../../functions/digestSendReserve.js';
import { readDigestFunctionConfig } from '../../../functions/digestEnv.js';
import { LocalStore } from '../../../lib/store/localStore.js';
import { LEDGER_PREFIX } from '../../../lib/digest/ledgerRecords.js';
import { findRun, latestRuns } from '../../../lib/publish/runHistory.js';
import { RUN_RECORD_LIST_LIMIT, RUNS_PREFIX } from '../../../lib/publish/runRecord.js';
import { MANIFEST_KEY } from '../../../lib/publish/manifest.js';
import { pushContent } from '../../../cli/pushContent.js';
import { S3Store } from '../../../lib/store/s3Store.js';
import { StoreSubscriberStore } from '../../../lib/subscribers/storeSubscriberStore.js';
import { addSubscriber } from '../../../lib/subscribers/subscriberAdmin.js';
import { subscriberId } from '../../../lib/subscribers/subscriber.js';
import { recipientId } from '../../../lib/subscribers/recipient.js';
import { createSesClient } from '../../../lib/delivery/sesTransport.js';
import { SES_MAX_SEND_MS } from '../../../lib/delivery/sesTimeouts.js';
import { DeliveryStoppedError, formatProblem } from '../../../lib/shared/errors.js';
import { goneTagWarnings } from '../../../lib/delivery/goneTagWarnings.js';
import { FaultProxy, SES_UNAVAILABLE } from '../../support/faultProxy.js';
import { captureLogs, lambdaContext } from '../../support/lambda.js';
import { freshBucket, objectText, s3rverEnv, testS3Client } from '../../support/s3.js';
import { REPO } from '../../support/cli.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';
import { DEPLOYED_SECRET, deployedSampleSite, SAMPLE, sesStoreSince } from './support.js';

// The digest function against real servers: s3rver for the buckets, the SES v2 emulator for delivery.
// The readers are confirmed subscribers in the store under _subscribers/ of the content bucket (SUBSCRIBERS_PREFIX).
// There is no Lambda server here: the Lambda client is mocked, and its Invoke runs the real publish handler
// against the same s3rver, so the digest's one-writer design runs end to end.
const s3Endpoint = inject('s3Endpoint');
const sesEndpoint = inject('sesEndpoint');
// Read as the file starts: the emails it sends are all sent after this moment.
const sesStore = sesStoreSince(sesEndpoint);
const s3 = testS3Client(s3Endpoint);
const ses = new SESv2Client({ region: 'us-east-1', endpoint: sesEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
const tag = `${process.pid}l${Date.now() % 100000}`;
const readers = [`ada-${tag}@example.org`, `grace-${tag}@example.org`];
/** A reader's shard of the store (the id's first two hex digits), sent in order 00 to ff. */
const shardOf = (address: string) => parseInt(subscriberId(address).slice(0, 2), 16);
// In two shards, the first sent first: a run stopped after the first reader has not begun the second's shard.
for (let n = 1; shardOf(readers[1]!) === shardOf(readers[0]!); n += 1) readers[1] = `grace${n}-${tag}@example.org`;
readers.sort((a, b) => shardOf(a) - shardOf(b));
const PUBLISH_FUNCTION = 'broadsheet-test-publish';
let contentBucket: string;
let siteBucket: string;
let logs: ReturnType<typeof captureLogs>;

/** Every write request (`bucket/key`) a client makes, recorded as it is sent; run records (checked on their own) left out. */
function recordWrites(client: S3Client): string[] {
  const writes: string[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (/^(Put|Delete|Copy)Object|DeleteObjects|MultipartUpload/.test(context.commandName ?? '')) {
        const input = args.input as { Bucket?: string; Key?: string };
        if (!(input.Key ?? '').startsWith(RUNS_PREFIX)) writes.push(`${input.Bucket}/${input.Key ?? ''}`);
      }
      return next(args);
    },
    { step: 'initialize', name: 'recordWrites' },
  );
  return writes;
}
// The digest function and the publish function each get their own S3 client, so every write is attributed.
const digestS3 = testS3Client(s3Endpoint);
const digestWrites = recordWrites(digestS3);
const publishS3 = testS3Client(s3Endpoint);
const publishWrites = recordWrites(publishS3);

/** In order: each publish invocation, and each SendEmail with whether the week's archive was published then. */
let timeline: string[] = [];
/** The payload of each invocation of the publish function. */
let invocations: unknown[] = [];
/** What the publish function answered each invocation, in order. */
let publishOutcomes: Record<string, unknown>[] = [];
let watchedKey = '';
ses.middlewareStack.add(
  (next, context) => async (args) => {
    if (context.commandName === 'SendEmailCommand') {
      const manifest = JSON.parse(await objectText(s3, siteBucket, MANIFEST_KEY).catch(() => '{"objects": {}}')) as { objects: Record<string, unknown> };
      timeline.push(`send (${watchedKey} ${watchedKey in manifest.objects ? 'published' : 'missing'})`);
    }
    return next(args);
  },
  { step: 'initialize', name: 'recordSends' },
);

/** A Lambda client whose Invoke of the publish function runs the real publish handler at `now`. */
function publishFunctionAt(now: string): { lambda: LambdaClient; mock: AwsClientStub<LambdaClient>; invoke: (input: InvokeCommandInput) => Promise<never> } {
  const publish = createPublishHandler(() => ({
    config: readPublishConfig({ ...s3rverEnv(s3Endpoint), CONTENT_BUCKET: contentBucket, SITE_BUCKET: siteBucket }),
    s3: publishS3,
    logger: createLogger('broadsheet-test-publish'),
    clock: () => DateTime.fromISO(now),
  }));
  let count = 0;
  const invoke = async (input: InvokeCommandInput) => {
    expect(input).toMatchObject({ FunctionName: PUBLISH_FUNCTION, InvocationType: 'RequestResponse' });
    const event = JSON.parse(Buffer.from(input.Payload as Uint8Array).toString('utf8'));
    timeline.push('publish');
    invocations.push(event);
    const requestId = `publish-${++count}`;
    try {
      const outcome = await publish(event, lambdaContext(PUBLISH_FUNCTION, requestId));
      publishOutcomes.push(outcome as Record<string, unknown>);
      return { StatusCode: 200, Payload: Buffer.from(JSON.stringify(outcome)), $metadata: { requestId } } as never;
    } catch (error) {
      return { StatusCode: 200, FunctionError: 'Unhandled', Payload: Buffer.from(JSON.stringify({ errorMessage: (error as Error).message })), $metadata: { requestId } } as never;
    }
  };
  const lambda = new LambdaClient({ region: 'us-east-1' });
  const mock = mockClient(lambda);
  mock.on(InvokeCommand).callsFake(invoke);
  return { lambda, mock, invoke };
}

function handlerAt(now: string, lambda: LambdaClient = publishFunctionAt(now).lambda, sesClient: SESv2Client = ses, env: Record<string, string> = {}) {
  return createDigestHandler(() => ({
    config: readDigestFunctionConfig({ ...s3rverEnv(s3Endpoint), CONTENT_BUCKET: contentBucket, SITE_BUCKET: siteBucket, SES_ENDPOINT: sesEndpoint, PUBLISH_FUNCTION_NAME: PUBLISH_FUNCTION, SUBSCRIBERS_PREFIX: '_subscribers/', DIGEST_UNSUBSCRIBE_SECRET: DEPLOYED_SECRET, ...env }),
    s3: digestS3,
    ses: sesClient,
    lambda,
    logger: createLogger('broadsheet-test-digest'),
    clock: () => DateTime.fromISO(now),
  }));
}

/** How many emails each reader has had so far. */
async function copies(): Promise<number[]> {
  const emails = await emailsTo(readers);
  return readers.map((reader) => emails.filter((email) => email.destination.to.some((to) => to.includes(reader))).length);
}

async function emailsTo(addresses: readonly string[]): Promise<{ destination: { to: string[] }; subject: string }[]> {
  const { emails } = (await (await fetch(sesStore)).json()) as { emails: { destination: { to: string[] }; subject: string }[] };
  return emails.filter((email) => email.destination.to.some((to) => addresses.some((a) => to.includes(a))));
}

const writesTo = (writes: readonly string[], bucket: string) => writes.filter((write) => write.startsWith(`${bucket}/`)).map((write) => write.slice(bucket.length + 1));

beforeAll(async () => {
  contentBucket = await freshBucket(s3, 'digest-content');
  siteBucket = await freshBucket(s3, 'digest-site');
  await pushContent({ from: new LocalStore(SAMPLE), to: new S3Store(s3, contentBucket, 'content/') });
  await new S3Store(s3, contentBucket, 'content/').put('site.yml', await deployedSampleSite(), { contentType: 'application/yaml' });
  const store = new StoreSubscriberStore(new S3Store(s3, contentBucket, '_subscribers/'));
  for (const address of readers) await addSubscriber(store, address, { method: 'added', now: DateTime.fromISO('2014-05-01T00:00:00Z') });
});
beforeEach(() => {
  logs = captureLogs();
  timeline = [];
  invocations = [];
  publishOutcomes = [];
});
afterEach(() => logs.restore());

describe('the digest function', () => {
  it('on its schedule before the site\'s first entry archives and sends nothing, and succeeds', async () => {
    // Monday 14 April 2014 08:00 in Seoul: 2014-W15 has just ended; the sample's first entry is dated 19 April.
    const outcome = await handlerAt('2014-04-14T08:00:00+09:00')({ source: 'broadsheet.schedule' }, lambdaContext('broadsheet-test-digest', 'digest-before-first'));
    expect(outcome).toEqual(expect.objectContaining({ ok: true, trigger: 'schedule', week: '2014-W15', entries: 0, notSent: "2014-W15 comes before the site's first entry (no entry is published yet): nothing to archive or send" }));
    expect(outcome).not.toHaveProperty('sent');
    expect(outcome).not.toHaveProperty('queued');
    expect(invocations).toEqual([{ source: 'broadsheet.trigger', requestedBy: 'digest-before-first', digestWeek: '2014-W15', digestWeekByDefault: true }]);
    expect(writesTo(publishWrites, siteBucket).filter((key) => key.startsWith('digests/2014-W'))).toEqual([]);
    expect(writesTo(digestWrites, siteBucket)).toEqual([]);
    expect(await emailsTo(readers)).toEqual([]);
    expect(logs.raw()).toContain('nothing to archive or send: 2014-W15 comes before the site');
    // Its record says why it sent nothing, as the outcome does.
    expect(await findRun(new S3Store(s3, siteBucket, ''), 'digest-before-first')).toMatchObject({ kind: 'digest', trigger: 'schedule', week: '2014-W15', outcome: 'ok', notSent: "2014-W15 comes before the site's first entry (no entry is published yet): nothing to archive or send" });
  });

  it('on its schedule has the publish function publish the week just ended, then sends it through SES, once even when Lambda retries', async () => {
    // Monday 19 May 2014 08:00 in Seoul: 2014-W20 (12–18 May) has just ended.
    watchedKey = 'digests/2014-W20.html';
    // A subscriber whose chosen tag no entry of the site has (renamed without tagSlugs): sent nothing, and warned of.
    await addSubscriber(new StoreSubscriberStore(new S3Store(s3, contentBucket, '_subscribers/')), `renamed-${tag}@example.org`, { method: 'added', now: DateTime.fromISO('2014-05-01T00:00:00Z'), tags: ['retired-topic'] });
    const goneWarning = goneTagWarnings({ 'retired-topic': 1 }).map(formatProblem);
    const handler = handlerAt('2014-05-19T08:00:00+09:00');
    const outcome = (await handler({ source: 'broadsheet.schedule' }, lambdaContext('broadsheet-test-digest', 'digest-1'))) as Extract<DigestOutcome, { ok: true }>;
    expect(outcome).toMatchObject({ ok: true, trigger: 'schedule', week: '2014-W20', warningLines: goneWarning, warningLinesTotal: 1 });
    expect(logs.lines().filter((line) => line.level === 'WARN').map((line) => line.message)).toContain(`warning: ${goneWarning[0]}`);
    expect(outcome.sent).toMatchObject({ transport: 'ses', sent: 2, failed: 0, unknown: 0 });
    expect(await objectText(s3, siteBucket, 'digests/2014-W20.html')).toContain('Kaesong Industrial Complex output recovers');
    expect((await emailsTo(readers)).map((e) => e.destination.to[0]).sort()).toEqual([...readers].sort());
    // The publish function ran first, asked for the week, and each message went out with the archive it links to already published.
    expect(timeline).toEqual(['publish', 'send (digests/2014-W20.html published)', 'send (digests/2014-W20.html published)']);
    expect(invocations).toEqual([{ source: 'broadsheet.trigger', requestedBy: 'digest-1', digestWeek: '2014-W20', digestWeekByDefault: true }]);
    // The content was listed once, by the publish: the week's model came from the publish's own plan.
    expect(publishOutcomes[0]).toMatchObject({ requests: { content: { list: 1 } } });
    // One writer: the publish function wrote the archive, the index and the manifest; the digest only its ledger.
    const published = writesTo(publishWrites, siteBucket);
    expect(published).toEqual(expect.arrayContaining(['digests/2014-W20.html', 'digests/2014-W20.txt', '_broadsheet/index.json', MANIFEST_KEY]));
    const ledger = writesTo(digestWrites, siteBucket);
    expect(ledger.length).toBeGreaterThanOrEqual(4); // a claim and a confirmation per reader
    for (const key of ledger) expect(key.startsWith(`${LEDGER_PREFIX}2014-W20/`), key).toBe(true);

    // The retry: the site is up to date, so the publish function publishes nothing (it only answers with the
    // week), and no one gets a second copy.
    timeline = [];
    const publishWritesBefore = publishWrites.length;
    const retry = (await handler({ source: 'broadsheet.schedule' }, lambdaContext('broadsheet-test-digest', 'digest-1'))) as Extract<DigestOutcome, { ok: true }>;
    expect(retry.sent).toMatchObject({ sent: 0, skipped: 2 });
    expect(retry.archive).toEqual({ new: 0, changed: 0, deleted: 0 });
    expect(timeline).toEqual(['publish']);
    expect(publishWrites.slice(publishWritesBefore)).toEqual([]);
    // Each run ended with its record: the digest run's (the retry's, under the same request id) and the publish runs'.
    const runs = new S3Store(s3, siteBucket, '');
    // Its week: Monday 19 May 08:00 in Seoul, so the week just ended, 12–18 May.
    expect(await findRun(runs, 'digest-1')).toMatchObject({ kind: 'digest', trigger: 'schedule', week: '2014-W20', outcome: 'ok', counts: { sent: 0, skipped: 2, failed: 0, new: 0, changed: 0, deleted: 0 }, warningLines: goneWarning });
    expect((await latestRuns(runs, 10)).filter((run) => run.kind === 'publish' && run.requestedBy === 'digest-1' && run.outcome === 'ok')).not.toHaveLength(0);
    expect(await emailsTo(readers)).toHaveLength(2);
    // The logs hold counts, never an address.
    expect(logs.raw()).not.toContain(`@example.org`);
  });

  it('on a manual request archives a named week without sending', async () => {
    // A later `now`: W21 has ended too, so the archive changes and the publish function publishes it.
    const writesBefore = digestWrites.length;
    const outcome = await handlerAt('2014-05-26T08:00:00+09:00')({ source: 'broadsheet.trigger', action: 'digest', week: '2014-W19', send: false }, lambdaContext('broadsheet-test-digest', 'digest-2'));
    expect(outcome).toMatchObject({ ok: true, trigger: 'manual', week: '2014-W19', entries: 3 });
    expect(outcome).not.toHaveProperty('sent');
    expect(timeline).toEqual(['publish']);
    expect(await objectText(s3, siteBucket, 'digests/2014-W19.txt')).toContain('Koryolink passes two million subscribers');
    expect(await objectText(s3, siteBucket, 'digests/index.html')).toContain('2014-W21');
    expect(digestWrites.slice(writesBefore)).toEqual([]);
  });

  it('answers a week that has not ended, or one the archive does not keep, with a clear refusal, not a retry', async () => {
    const handler = handlerAt('2014-05-19T08:00:00+09:00');
    const writesBefore = { digest: digestWrites.length, publish: publishWrites.length };
    const early = await handler({ source: 'broadsheet.trigger', action: 'digest', week: '2014-W21', send: true }, lambdaContext('broadsheet-test-digest', 'digest-3'));
    expect(early).toMatchObject({ ok: false, error: 'UsageError', message: expect.stringMatching(/^"week": 2014-W21 has not ended/) });
    // Known from site.yml's zone and the clock alone: the publish function is not asked.
    expect(timeline).toEqual([]);
    // 2014-W01 is empty and before the first entry's week: the publish function, the only writer, publishes the
    // site as it always does, never archives that week, and refuses it.
    const emailsBefore = (await emailsTo(readers)).length;
    const unkept = await handler({ source: 'broadsheet.trigger', action: 'digest', week: '2014-W01', send: true }, lambdaContext('broadsheet-test-digest', 'digest-4'));
    expect(unkept).toMatchObject({ ok: false, error: 'UsageError', message: expect.stringMatching(/^"week": 2014-W01 has no entries/) });
    expect(timeline).toEqual(['publish']);
    expect(digestWrites.length).toBe(writesBefore.digest);
    expect(publishWrites.slice(writesBefore.publish).filter((write) => write.includes('2014-W01'))).toEqual([]);
    expect(await emailsTo(readers)).toHaveLength(emailsBefore);
    // Each refusal's record names the week asked for.
    const runs = new S3Store(s3, siteBucket, '');
    expect(await findRun(runs, 'digest-3')).toMatchObject({ kind: 'digest', outcome: 'refused', week: '2014-W21' });
    expect(await findRun(runs, 'digest-4')).toMatchObject({ kind: 'digest', outcome: 'refused', week: '2014-W01' });
  });

  it('refuses to send the store\'s subscribers a link that would not unsubscribe them, or as an SES identity other than site.yml\'s, before asking the publish function anything', async () => {
    // The sample's own site.yml: its unsubscribe link is another list's, which the store never hears from.
    const content = new S3Store(s3, contentBucket, 'content/');
    await content.put('site.yml', await readFile(join(SAMPLE, 'site.yml')), { contentType: 'application/yaml' });
    const emailsBefore = (await emailsTo(readers)).length;
    try {
      const handler = handlerAt('2014-05-19T08:00:00+09:00');
      await expect(handler({ source: 'broadsheet.schedule' }, lambdaContext('broadsheet-test-digest', 'digest-foreign-unsubscribe'))).rejects.toThrow(
        "site.yml: digest.unsubscribe.url is https://lists.watch.example.org/unsubscribe?email={email}, but the subscriber store's subscribers leave through its own endpoint, the one place that records it (write url: https://watch.example.org/unsubscribe?token={token})",
      );
      expect(timeline).toEqual([]);
      expect(await emailsTo(readers)).toHaveLength(emailsBefore);
      // Deployed with another SES identity than site.yml's (sesIdentity left at another value): SES would refuse
      // every message, so nothing is archived or sent.
      await content.put('site.yml', await deployedSampleSite(), { contentType: 'application/yaml' });
      const elsewhere = handlerAt('2014-05-19T08:00:00+09:00', undefined, undefined, { SES_IDENTITY_ARN: 'arn:aws:ses:us-east-1:123456789012:identity/news.example.com' });
      await expect(elsewhere({ source: 'broadsheet.schedule' }, lambdaContext('broadsheet-test-digest', 'digest-other-identity'))).rejects.toThrow(
        'site.yml: digest.ses.identity is "watch.example.org", but this deployment sends as "news.example.com" (SES_IDENTITY_ARN, the sesIdentity param), and SES would refuse every message (deploy with --param sesIdentity=watch.example.org, or write identity: news.example.com)',
      );
      expect(timeline).toEqual([]);
      expect(await emailsTo(readers)).toHaveLength(emailsBefore);
    } finally {
      await content.put('site.yml', await deployedSampleSite(), { contentType: 'application/yaml' });
    }
  });

  it('sends nothing while the publish function is busy, and throws so that Lambda retries; the retry publishes, then sends once', async () => {
    siteBucket = await freshBucket(s3, 'digest-busy');
    watchedKey = 'digests/2014-W20.html';
    const emailsBefore = (await emailsTo(readers)).length;
    const now = '2014-05-19T08:00:00+09:00';
    const { lambda, mock, invoke } = publishFunctionAt(now);
    mock.reset();
    // Reserved concurrency 1: while a scheduled publish runs, Lambda throttles the synchronous invoke.
    mock
      .on(InvokeCommand)
      .rejectsOnce(new TooManyRequestsException({ message: 'Rate Exceeded.', Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded', $metadata: { httpStatusCode: 429 } }))
      .callsFake(invoke);
    const handler = handlerAt(now, lambda);
    await expect(handler({ source: 'broadsheet.schedule' }, lambdaContext('broadsheet-test-digest', 'digest-5'))).rejects.toThrow(/publish function is busy/);
    expect(await emailsTo(readers)).toHaveLength(emailsBefore);
    expect(writesTo(digestWrites, siteBucket)).toEqual([]);
    expect(writesTo(publishWrites, siteBucket)).toEqual([]);
    expect(logs.raw()).toContain('PublishBusyError');

    const retry = (await handler({ source: 'broadsheet.schedule' }, lambdaContext('broadsheet-test-digest', 'digest-5'))) as Extract<DigestOutcome, { ok: true }>;
    expect(retry.sent).toMatchObject({ sent: 2, skipped: 0, failed: 0, unknown: 0 });
    expect(timeline).toEqual(['publish', 'send (digests/2014-W20.html published)', 'send (digests/2014-W20.html published)']);
    expect(mock.commandCalls(InvokeCommand)).toHaveLength(2);
    expect(await emailsTo(readers)).toHaveLength(emailsBefore + 2);
    for (const key of writesTo(digestWrites, siteBucket)) expect(key.startsWith(LEDGER_PREFIX), key).toBe(true);
  });

  it('sends nothing when the publish function fails', async () => {
    siteBucket = await freshBucket(s3, 'digest-failed');
    const emailsBefore = (await emailsTo(readers)).length;
    const lambda = new LambdaClient({ region: 'us-east-1' });
    mockClient(lambda)
      .on(InvokeCommand)
      .resolves({ StatusCode: 200, FunctionError: 'Unhandled', Payload: Buffer.from('{"errorMessage": "S3 500"}') as never, $metadata: { requestId: 'publish-failed' } });
    await expect(handlerAt('2014-05-19T08:00:00+09:00', lambda)({ source: 'broadsheet.schedule' }, lambdaContext('broadsheet-test-digest', 'digest-6'))).rejects.toThrow(/publish function failed .*publish-failed/);
    expect(await emailsTo(readers)).toHaveLength(emailsBefore);
    expect(writesTo(digestWrites, siteBucket)).toEqual([]);
  });

  it('names the publish function\'s refusal when it refuses for its own settings', async () => {
    siteBucket = await freshBucket(s3, 'digest-config-refused');
    const emailsBefore = (await emailsTo(readers)).length;
    const refusal = 'S3_REQUEST_TIMEOUT_MS is 60000; the largest that works is 55000';
    const lambda = new LambdaClient({ region: 'us-east-1' });
    mockClient(lambda)
      .on(InvokeCommand)
      .resolves({ StatusCode: 200, Payload: Buffer.from(JSON.stringify({ ok: false, error: 'ConfigError', message: refusal })) as never, $metadata: { requestId: 'publish-refused' } });
    await expect(handlerAt('2014-05-19T08:00:00+09:00', lambda)({ source: 'broadsheet.schedule' }, lambdaContext('broadsheet-test-digest', 'digest-6b'))).rejects.toThrow(`the publish function refused (ConfigError): ${refusal}; nothing was sent`);
    expect(await emailsTo(readers)).toHaveLength(emailsBefore);
  });

  it('sends nothing when the week it gets back does not render the files the publish function archived', async () => {
    siteBucket = await freshBucket(s3, 'digest-garbled');
    const emailsBefore = (await emailsTo(readers)).length;
    const now = '2014-05-19T08:00:00+09:00';
    const { lambda, mock, invoke } = publishFunctionAt(now);
    mock.reset();
    // The real publish function answers; one title changes on the way (as a codec bug or a version skew would).
    mock.on(InvokeCommand).callsFake(async (input: InvokeCommandInput) => {
      const response = (await invoke(input)) as unknown as { Payload: Uint8Array };
      const outcome = JSON.parse(Buffer.from(response.Payload).toString('utf8')) as { digest: { model: { entries: { title: string }[] } } };
      outcome.digest.model.entries[0]!.title += ' (garbled)';
      return { ...response, Payload: Buffer.from(JSON.stringify(outcome)) };
    });
    await expect(handlerAt(now, lambda)({ source: 'broadsheet.schedule' }, lambdaContext('broadsheet-test-digest', 'digest-7'))).rejects.toThrow(/does not render digests\/2014-W20\.html and digests\/2014-W20\.txt as the publish function archived them/);
    expect(timeline).toEqual(['publish']);
    expect(await emailsTo(readers)).toHaveLength(emailsBefore);
    expect(writesTo(digestWrites, siteBucket)).toEqual([]);
  });

  it('reports invalid content the publish function refuses, and archives and sends nothing', async () => {
    const sampleContent = contentBucket;
    contentBucket = await freshBucket(s3, 'digest-broken');
    siteBucket = await freshBucket(s3, 'digest-broken-site');
    try {
      await pushContent({ from: new LocalStore(join(REPO, 'tests/fixtures/broken')), to: new S3Store(s3, contentBucket, 'content/') });
      const outcome = await handlerAt('2014-05-19T08:00:00+09:00')({ source: 'broadsheet.trigger', action: 'digest', week: '2014-W19', send: false }, lambdaContext('broadsheet-test-digest', 'digest-8'));
      expect(outcome).toMatchObject({ ok: false, error: 'ContentError' });
      const problems = (outcome as { problems: string[] }).problems;
      // The publish function's own report, one line per problem, naming the file.
      expect(problems.length).toBeGreaterThan(1);
      expect(problems.some((line) => line.startsWith('entries/2014/missing-title.md'))).toBe(true);
      expect(timeline).toEqual(['publish']);
      expect(writesTo(publishWrites, siteBucket)).toEqual([]);
      expect(writesTo(digestWrites, siteBucket)).toEqual([]);
    } finally {
      contentBucket = sampleContent;
    }
  });

  it('answers, logs and records a refusal with more problems than the publish function lists: the first ones and their total', async () => {
    const [sampleContent, sampleSite] = [contentBucket, siteBucket];
    // One entry more than the publish function lists the problems of (four each).
    const ENTRIES = MAX_LISTED / 4 + 1;
    // Each is missing its title and source, and has a url and a date that are not: four problems.
    const broken = entryText(entry({ title: undefined, source: undefined, url: 'not a url', date: 'someday' }));
    const event = { source: 'broadsheet.trigger', action: 'digest', week: '2014-W19', send: false } as const;
    siteBucket = await freshBucket(s3, 'digest-many-site');
    try {
      // A site published already: a refused run is recorded only there.
      expect(await handlerAt('2014-05-26T08:00:00+09:00')(event, lambdaContext('broadsheet-test-digest', 'digest-11'))).toMatchObject({ ok: true });
      contentBucket = await freshBucket(s3, 'digest-many');
      const entries = Object.fromEntries(Array.from({ length: ENTRIES }, (_, i) => [`2014/broken-${i}.md`, broken]));
      // And a field site.yml does not know: its warning is answered and recorded with the problems.
      await pushContent({ from: memoryContent({ site: { ...SITE, colour: 'red' }, entries }), to: new S3Store(s3, contentBucket, 'content/') });
      const outcome = (await handlerAt('2014-05-26T08:00:00+09:00')(event, lambdaContext('broadsheet-test-digest', 'digest-12'))) as Extract<DigestOutcome, { ok: false }>;
      expect(outcome).toMatchObject({ ok: false, error: 'ContentError', problemsTotal: ENTRIES * 4 });
      expect(outcome.problems).toHaveLength(MAX_LISTED);
      // The answer gives the problems and warnings as objects too (trigger --json prints them so), each formatting to
      // its line; the log line keeps to the lines.
      const { problemDetails, warningDetails, ...logged } = outcome;
      expect(problemDetails!.map(formatProblem)).toEqual(outcome.problems);
      expect(warningDetails!.map(formatProblem)).toEqual(outcome.warningLines);
      const line = logs.lines().find((line) => line.message === 'invalid content: nothing was archived or sent');
      expect(line).toMatchObject({ outcome: logged });
      expect(line!.outcome).not.toHaveProperty('problemDetails');
      const record = await findRun(new S3Store(s3, siteBucket, ''), 'digest-12');
      expect(record).toMatchObject({ kind: 'digest', outcome: 'invalid', problemsTotal: ENTRIES * 4, problems: outcome.problems!.slice(0, RUN_RECORD_LIST_LIMIT), warningLines: [expect.stringMatching(/^site\.yml:\d+: colour: is not a known field and is ignored \(/)], warningLinesTotal: 1 });
      // Scheduled (with the sending settings a send needs), the same refusal is logged and recorded, then thrown: only
      // a failure reaches the digest-errors alarm.
      await new S3Store(s3, contentBucket, 'content/').put('site.yml', await deployedSampleSite(), { contentType: 'application/yaml' });
      const scheduled = await handlerAt('2014-05-26T08:00:00+09:00')({ source: 'broadsheet.schedule' }, lambdaContext('broadsheet-test-digest', 'digest-13')).catch((e: unknown) => e);
      expect(scheduled).toMatchObject({ name: 'RunRefusedError', message: `the scheduled digest was refused for invalid content (${ENTRIES * 4} problems, the first: ${outcome.problems![0]}); nothing was archived or sent` });
      expect(logs.lines().filter((line) => line.message === 'invalid content: nothing was archived or sent').map((line) => (line as { outcome: { trigger: string } }).outcome.trigger)).toEqual(['manual', 'schedule']);
      expect(await findRun(new S3Store(s3, siteBucket, ''), 'digest-13')).toMatchObject({ kind: 'digest', trigger: 'schedule', outcome: 'invalid', problemsTotal: ENTRIES * 4 });
    } finally {
      [contentBucket, siteBucket] = [sampleContent, sampleSite];
    }
  });
});

describe('the digest function under faults', () => {
  it('throws while SES answers 503 to every SendEmail, without taking anyone for good; once SES recovers, the retry delivers to everyone once', async () => {
    siteBucket = await freshBucket(s3, 'digest-ses-down');
    const proxy = await FaultProxy.start(sesEndpoint);
    try {
      proxy.decide = ({ url }) => (url.startsWith('/v2/email/outbound-emails') ? SES_UNAVAILABLE : 'pass');
      const down = createSesClient({ region: 'us-east-1', endpoint: proxy.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
      const before = await copies();
      const handler = handlerAt('2014-05-19T08:00:00+09:00', undefined, down);
      const context = lambdaContext('broadsheet-test-digest', 'digest-9');
      const error = await handler({ source: 'broadsheet.schedule' }, context).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DeliveryStoppedError);
      // The first reader's shard stopped with that reader not reached; the shards after it not begun.
      expect((error as Error).message).toMatch(new RegExp(`stopped early \\(${sesEndpoint.replace(/[.]/g, '\\.')} cannot take messages now \\(nothing was sent\\): ServiceUnavailable \\(HTTP 503\\).*; ${255 - shardOf(readers[0]!)} of the 256 shards of subscribers not begun \\(not counted above\\)\\); 1 not reached`));
      // The first reader only, tried three times by the SDK; the second was never tried.
      expect(proxy.count('POST', '/outbound-emails')).toBe(3);
      expect(await copies()).toEqual(before);
      expect(logs.raw()).toContain('DeliveryStoppedError');

      proxy.decide = () => 'pass';
      const retry = (await handler({ source: 'broadsheet.schedule' }, context)) as Extract<DigestOutcome, { ok: true }>;
      expect(retry.sent).toMatchObject({ total: 2, sent: 2, skipped: 0, failed: 0, unknown: 0, notReached: 0 });
      expect(await copies()).toEqual(before.map((n) => n + 1));
    } finally {
      await proxy.close();
    }
  });

  it('logs, returns and throws why SES stopped it without the address the refusal quotes', async () => {
    siteBucket = await freshBucket(s3, 'digest-ses-denied');
    const proxy = await FaultProxy.start(sesEndpoint);
    try {
      // What SES answers when the role may not send as an identity: the ARN it quotes ends in an address.
      const quoted = readers.map((reader) => `arn:aws:ses:us-east-1:123456789012:identity/${reader}`).join(', ');
      // And a ledger key (a recipient's hash) quoted after it, as a store's error would name one.
      const ledgerKey = `_broadsheet/digest-ledger/2014-W20/${recipientId(readers[0]!)}.json`;
      const denied = { status: 403, headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'AccessDeniedException' }, body: JSON.stringify({ message: `User is not authorized to perform ses:SendEmail on resources ${quoted} (${ledgerKey})` }) };
      proxy.decide = ({ url }) => (url.startsWith('/v2/email/outbound-emails') ? denied : 'pass');
      const down = createSesClient({ region: 'us-east-1', endpoint: proxy.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
      const error = await handlerAt('2014-05-19T08:00:00+09:00', undefined, down)({ source: 'broadsheet.schedule' }, lambdaContext('broadsheet-test-digest', 'digest-denied')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DeliveryStoppedError);
      expect((error as Error).message).toContain('not authorized to perform ses:SendEmail on resources arn:aws:ses:us-east-1:123456789012:<address>, arn:aws:ses:us-east-1:123456789012:<address>');
      const digestLine = logs.lines().find((line) => line.message === 'digest') as { outcome: { sent: { stopped: string } } };
      expect(digestLine.outcome.sent.stopped).toContain('on resources arn:aws:ses:us-east-1:123456789012:<address>');
      expect(digestLine.outcome.sent.stopped).toContain('(_broadsheet/digest-ledger/2014-W20/<hash>.json)');
      expect((error as Error).message).toContain('(_broadsheet/digest-ledger/2014-W20/<hash>.json)');
      expect(logs.lines().find((line) => line.message === 'digest failed')).toMatchObject({ error: { name: 'DeliveryStoppedError' } });
      for (const reader of readers) {
        expect(logs.raw()).not.toContain(reader);
        expect((error as Error).message).not.toContain(reader);
        expect(logs.raw()).not.toContain(recipientId(reader));
      }
    } finally {
      await proxy.close();
    }
  });

  it('stops cleanly while too little of its time is left for one more message, and the retry resumes', async () => {
    siteBucket = await freshBucket(s3, 'digest-time');
    const before = await copies();
    const handler = handlerAt('2014-05-19T08:00:00+09:00');
    const sends = () => timeline.filter((event) => event.startsWith('send')).length;
    // After the first SendEmail, less is left than one more message and its ledger requests may take, with what follows the send (digestSendReserve).
    const kept = digestSendMessageReserveMs(readS3Settings({}), SES_MAX_SEND_MS);
    const context = { ...lambdaContext('broadsheet-test-digest', 'digest-10'), getRemainingTimeInMillis: () => (sends() === 0 ? kept + 60_000 : kept - 1_000) };
    // Stopped in the second reader's shard, before its one message; the shards after it not begun (none are when that
    // shard is the last, ff, and the message then names none).
    const notBegun = 255 - shardOf(readers[1]!);
    const shardsLeft = notBegun > 0 ? `; ${notBegun} of the 256 shards of subscribers not begun (not counted above)` : '';
    await expect(handler({ source: 'broadsheet.schedule' }, context)).rejects.toThrow(`stopped early (${(kept - 1_000) / 1000} s left, and one more message may take ${kept / 1000} s${shardsLeft}); 1 not reached`);
    expect(sends()).toBe(1);

    const retry = (await handler({ source: 'broadsheet.schedule' }, lambdaContext('broadsheet-test-digest', 'digest-10'))) as Extract<DigestOutcome, { ok: true }>;
    expect(retry.sent).toMatchObject({ total: 2, sent: 1, skipped: 1, unknown: 0, notReached: 0 });
    expect(await copies()).toEqual(before.map((n) => n + 1));
  });
});

describe('POST /digest', () => {
  const client = new LambdaClient({ region: 'us-east-1' });
  const lambda = mockClient(client);
  const services = () => ({ config: { publishFunctionName: 'publish', digestFunctionName: 'broadsheet-test-digest', tokenParameter: '/t' }, lambda: client, logger: createLogger('broadsheet-test-trigger') });
  afterEach(() => lambda.reset());

  it('archives synchronously by default and returns the outcome', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 200, Payload: Buffer.from(JSON.stringify({ ok: true, trigger: 'manual', week: '2014-W19' })) as never, $metadata: { requestId: 'r1' } });
    const response = await digestRoute.handle({ body: { week: '2014-W19' }, requestId: 'req-1' }, services());
    expect(response.statusCode).toBe(200);
    const input = lambda.commandCalls(InvokeCommand)[0]!.args[0].input;
    expect(input).toMatchObject({ FunctionName: 'broadsheet-test-digest', InvocationType: 'RequestResponse' });
    expect(JSON.parse(Buffer.from(input.Payload as Uint8Array).toString())).toEqual({ source: 'broadsheet.trigger', action: 'digest', requestedBy: 'req-1', send: false, week: '2014-W19' });
  });

  it('checks a send through the digest function before handing it on: a stack out of step with site.yml answers 400 and its fix; checked, the week is handed on, the check sending nothing', async () => {
    /** The real digest function answers the trigger's synchronous invocations; the asynchronous send is only queued. */
    const digestOf = (identity: string, now = '2014-05-19T08:00:00+09:00') => {
      const digest = handlerAt(now, undefined, undefined, { SES_IDENTITY_ARN: `arn:aws:ses:us-east-1:123456789012:identity/${identity}` });
      lambda
        .on(InvokeCommand, { InvocationType: 'RequestResponse' })
        .callsFake(async (input: InvokeCommandInput) => {
          const outcome = await digest(JSON.parse(Buffer.from(input.Payload as Uint8Array).toString('utf8')), lambdaContext('broadsheet-test-digest', `check-${identity.split('.')[0]}`));
          return { StatusCode: 200, Payload: Buffer.from(JSON.stringify(outcome)), $metadata: { requestId: `check-${identity.split('.')[0]}` } };
        })
        .on(InvokeCommand, { InvocationType: 'Event' })
        .resolves({ StatusCode: 202, $metadata: { requestId: 'send-1' } });
    };
    const emailsBefore = (await emailsTo(readers)).length;
    const runs = new S3Store(s3, siteBucket, '');
    digestOf('news.example.com');
    const refused = await digestRoute.handle({ body: { send: true }, requestId: 'req-2' }, services());
    expect([refused.statusCode, JSON.parse(refused.body!)]).toEqual([400, { ok: false, trigger: 'manual', error: 'ConfigError', message: 'site.yml: digest.ses.identity is "watch.example.org", but this deployment sends as "news.example.com" (SES_IDENTITY_ARN, the sesIdentity param), and SES would refuse every message (deploy with --param sesIdentity=watch.example.org, or write identity: news.example.com)' }]);
    expect(lambda.commandCalls(InvokeCommand).map((call) => call.args[0].input.InvocationType)).toEqual(['RequestResponse']);
    expect(await findRun(runs, 'check-news')).toMatchObject({ kind: 'digest', trigger: 'manual', outcome: 'refused', week: '2014-W20' });

    lambda.reset();
    digestOf('watch.example.org');
    const accepted = await digestRoute.handle({ body: { send: true }, requestId: 'req-3' }, services());
    expect([accepted.statusCode, JSON.parse(accepted.body!)]).toMatchObject([202, { status: 'accepted', invocationId: 'send-1', week: '2014-W20' }]);
    // The check had the week archived, and sent nothing; the send handed on names the week checked.
    expect(timeline).toEqual(['publish']);
    const handedOn = lambda.commandCalls(InvokeCommand, { InvocationType: 'Event' }).map((call) => JSON.parse(Buffer.from(call.args[0].input.Payload as Uint8Array).toString('utf8')));
    expect(handedOn).toEqual([{ source: 'broadsheet.trigger', action: 'digest', requestedBy: 'req-3', send: true, week: '2014-W20' }]);
    expect(await emailsTo(readers)).toHaveLength(emailsBefore);
    // The send records the run; the check that passed does not.
    expect(await findRun(runs, 'check-watch')).toBeUndefined();

    // 2014-W24, just ended, has no entries, and the sample's site.yml has no sendEmpty: the send would send nothing,
    // so the check says so, hands nothing on, and is the run.
    lambda.reset();
    digestOf('watch.example.org', '2014-06-16T08:00:00+09:00');
    const empty = await digestRoute.handle({ body: { send: true }, requestId: 'req-4' }, services());
    const notSent = '2014-W24 has no entries and digest.sendEmpty is false: archived as empty, not sent';
    expect([empty.statusCode, JSON.parse(empty.body!)]).toMatchObject([200, { ok: true, week: '2014-W24', entries: 0, notSent, message: `nothing to send: ${notSent}` }]);
    expect(lambda.commandCalls(InvokeCommand).map((call) => call.args[0].input.InvocationType)).toEqual(['RequestResponse']);
    expect(await findRun(runs, 'check-watch')).toMatchObject({ kind: 'digest', trigger: 'manual', outcome: 'ok', week: '2014-W24' });
    expect(await emailsTo(readers)).toHaveLength(emailsBefore);
  });

  it('refuses a bad body with 400 and invokes nothing', async () => {
    for (const body of [{ week: '2014-19' }, { week: '2021-W53' }, { send: 'yes' }, { weeks: '2014-W19' }]) {
      const response = await digestRoute.handle({ body, requestId: 'req-3' }, services());
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
  });
});
