import { createServer, type AddressInfo, type Socket } from 'node:net';
import { CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';
import type { S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { DateTime } from 'luxon';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { PublishConfig } from '../../../functions/config.js';
import { createLogger } from '../../../functions/logger.js';
import { CDN_NOT_ANSWERED, CDN_NOT_ASKED, createPublishHandler } from '../../../functions/publish.js';
import { PING_DEADLINE_MARGIN_MS } from '../../../functions/pingAfterRun.js';
import { pushContent } from '../../../cli/pushContent.js';
import { MAX_INVALIDATION_PATHS, type CdnInvalidator } from '../../../lib/publish/cdnInvalidation.js';
import { CloudFrontInvalidator, createCloudFrontClient } from '../../../lib/publish/cloudFrontInvalidator.js';
import { s3RequestWorstCaseMs } from '../../../lib/store/s3Client.js';
import { S3Store } from '../../../lib/store/s3Store.js';
import { getText } from '../../../lib/store/store.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';
import { captureLogs, lambdaContext, scheduledEvent } from '../../support/lambda.js';
import { freshBucket, headObject, testS3Client } from '../../support/s3.js';
import { TestHub } from '../../support/hub.js';
import { FEED_FILES } from '../../../lib/shared/outputLayout.js';
import { RUNS_PREFIX } from '../../../lib/publish/runRecord.js';

// The publish handler against s3rver with an injected CDN port (no CloudFront server runs here): after a publish
// that changed files it asks for exactly those paths, and a failing CDN never fails the publish.
const client = testS3Client(inject('s3Endpoint'));
const NOW = DateTime.fromISO('2014-06-01T00:00:00Z');
let logs: ReturnType<typeof captureLogs>;
beforeEach(() => {
  logs = captureLogs();
});
afterEach(() => logs.restore());

const S3_SETTINGS = { maxAttempts: 2, requestTimeoutMs: 5_000 };

/**
 * A client that notes the runs whose record it has written: a context short of time once its run is recorded leaves the
 * publish itself the time its requests need (functions/publishDeadline.ts), and the invalidation and the pings only the
 * record's rewrite.
 */
function recordNoting(): { s3: S3Client; recorded: Set<string> } {
  // The records' keys.
  const recorded = new Set<string>();
  const s3 = testS3Client(inject('s3Endpoint'));
  s3.middlewareStack.add(
    (next) => async (args) => {
      const answer = await next(args);
      const key = (args.input as { Key?: string }).Key ?? '';
      if (key.startsWith(RUNS_PREFIX)) recorded.add(key);
      return answer;
    },
    { step: 'initialize', name: 'noteRecords' },
  );
  return { s3, recorded };
}

/** A context with all the function's time until its run is recorded, then `leftMs`. */
function leftOnceRecorded(id: string, recorded: Set<string>, leftMs: number) {
  return { ...lambdaContext('broadsheet-test-publish', id), getRemainingTimeInMillis: () => ([...recorded].some((key) => key.endsWith(`-${id}.json`)) ? leftMs : 900_000) };
}

async function site(cdn: CdnInvalidator, hub?: string, s3 = client) {
  const contentBucket = await freshBucket(client, 'cdn-content');
  const siteBucket = await freshBucket(client, 'cdn-site');
  const content = new S3Store(client, contentBucket, 'content/');
  await pushContent({ from: memoryContent({ ...(hub ? { site: { ...SITE, websub: hub } } : {}), entries: { '2014/a.md': entryText(entry({ title: 'Rail link opens', tags: ['Trade'] })) } }), to: content });
  const config: PublishConfig = { contentBucket, contentPrefix: 'content/', siteBucket, sitePrefix: '', skipInvalid: false, s3: S3_SETTINGS };
  // One ping at a time and short waits, so that a hub that never answers gives the same outcome on any machine, fast.
  const websub = { concurrency: 1, timeoutMs: 200, backoffMs: 20 };
  return { content, site: new S3Store(client, siteBucket, ''), run: createPublishHandler(() => ({ config, s3, logger: createLogger('broadsheet-publish'), clock: () => NOW, cdn, websub })) };
}

/** What the outcome says changed, as viewer paths: each file but _broadsheet/, and each page's folder too. */
function pathsOf(outcome: unknown): string[] {
  const changed = (outcome as { changed: { key: string }[] }).changed.map((c) => `/${c.key}`).filter((path) => !path.startsWith('/_broadsheet/'));
  const folders = changed.filter((path) => path.endsWith('/index.html')).map((path) => path.slice(0, -'index.html'.length));
  return [...changed, ...folders].sort();
}

describe('CloudFront invalidation after a publish', () => {
  it('asks for the changed paths alone, once per publish that changed files, with the run id as reference', async () => {
    const calls: { paths: readonly string[]; reference: string }[] = [];
    const { content, run } = await site({ invalidate: async (paths, reference) => void calls.push({ paths, reference }) });
    // A first publish writes every file: even one entry with one tag makes more paths than the limit (each page
    // also under its folder), so it asks for /* once (the listed paths are tests/unit/publish/cdnInvalidation's).
    const first = await run(scheduledEvent(), lambdaContext('broadsheet-test-publish', 'req-first'));
    expect(pathsOf(first)).toEqual(expect.arrayContaining(['/', '/index.html', '/tags/trade/', '/digests/', '/feed.xsl', '/feeds.opml', '/tags.opml']));
    expect(pathsOf(first).length).toBeGreaterThan(MAX_INVALIDATION_PATHS);
    expect(calls).toEqual([{ paths: ['/*'], reference: 'req-first' }]);
    expect(first).toMatchObject({ ok: true, invalidated: ['/*'] });
    // Nothing changed: no invalidation.
    await run(scheduledEvent(), lambdaContext('broadsheet-test-publish', 'req-settled'));
    expect(calls).toHaveLength(1);
    // A retitled entry: the site's and its tag's feeds and pages, the digest week it is in and its feeds.
    await content.put('entries/2014/a.md', entryText(entry({ title: 'Rail link reopens', tags: ['Trade'] })), { contentType: 'text/markdown' });
    const edited = await run(scheduledEvent(), lambdaContext('broadsheet-test-publish', 'req-edit'));
    expect(calls).toHaveLength(2);
    const { paths } = calls[1]!;
    expect(paths).toEqual(expect.arrayContaining(['/rss.xml', '/atom.xml', '/feed.json', '/index.html', '/', '/tags/trade/rss.xml', '/tags/trade/', '/digests/2014-W19.html']));
    expect(paths.some((path) => path.startsWith('/_broadsheet/'))).toBe(false);
    // Exactly the changed files, each page also under its folder.
    expect(paths).toEqual(pathsOf(edited));
    expect(paths).not.toContain('/feed.xsl');
  });

  it('pings the WebSub hub last: a hub that never answers holds neither the invalidation nor the run record, and is soon given up', async () => {
    const hub = await new TestHub().start();
    try {
      const calls: string[][] = [];
      const { site: output, run } = await site({ invalidate: async (paths) => void calls.push([...paths]) }, hub.url);
      // What was done when the hub heard of the first feed.
      const before: Promise<{ invalidations: number; records: number }>[] = [];
      hub.respond = () => {
        const invalidations = calls.length;
        before.push(output.list(RUNS_PREFIX).then((records) => ({ invalidations, records: records.length })));
        return 'hang';
      };
      const outcome = await run(scheduledEvent(), lambdaContext('broadsheet-test-publish', 'req-hub'));
      expect(await before[0]).toEqual({ invalidations: 1, records: 1 });
      // Every feed is new; the first one's 3 attempts go unanswered (HUB_DOWN_AFTER), the hub is down, the rest wait.
      const feeds = (await output.list('')).filter((object) => (Object.values(FEED_FILES) as string[]).includes(object.key.slice(object.key.lastIndexOf('/') + 1)));
      const pings = { delivered: 0, rejected: 0, 'maybe-delivered': 1, refused: 0, 'not-attempted': feeds.length - 1 };
      expect(outcome).toMatchObject({ ok: true, invalidated: calls[0], pings });
      const [record] = await output.list(RUNS_PREFIX);
      expect(JSON.parse((await getText(output, record!.key))!)).toMatchObject({ outcome: 'ok', pings });
      expect(logs.lines().find((line) => String(line.message).startsWith('websub: the hub was not told'))).toMatchObject({ pings });
    } finally {
      await hub.close();
    }
  });

  it('pings only while the run record’s rewrite after them, at its worst, still fits in the function’s time left', async () => {
    const hub = await new TestHub().start();
    try {
      const { s3, recorded } = recordNoting();
      const { site: output, run } = await site({ invalidate: async () => undefined }, hub.url, s3);
      // Exactly the rewrite's worst case (2 attempts of 5 s, the waits between, a stalled body) and the margin: no time for a ping.
      const context = leftOnceRecorded('req-late', recorded, s3RequestWorstCaseMs(S3_SETTINGS) + PING_DEADLINE_MARGIN_MS);
      const outcome = await run(scheduledEvent(), context);
      expect(hub.requests).toEqual([]);
      const feeds = (await output.list('')).filter((object) => (Object.values(FEED_FILES) as string[]).includes(object.key.slice(object.key.lastIndexOf('/') + 1)));
      const pings = { delivered: 0, rejected: 0, 'maybe-delivered': 0, refused: 0, 'not-attempted': feeds.length };
      expect(outcome).toMatchObject({ ok: true, pings });
      const [record] = await output.list(RUNS_PREFIX);
      expect(JSON.parse((await getText(output, record!.key))!)).toMatchObject({ outcome: 'ok', pings });
    } finally {
      await hub.close();
    }
  });

  it('waits for the invalidation only while the run record’s rewrite after it, at its worst, still fits in the time left, and asks for none once it does not', async () => {
    const calls: string[] = [];
    // CloudFront taking its client's retries: no answer within the run.
    const { s3, recorded } = recordNoting();
    const { site: output, run } = await site({ invalidate: (_paths, reference) => (calls.push(reference), new Promise<void>(() => undefined)) }, undefined, s3);
    const reserve = s3RequestWorstCaseMs(S3_SETTINGS) + PING_DEADLINE_MARGIN_MS;
    const late = leftOnceRecorded('req-slow-cdn', recorded, reserve + 300);
    const started = performance.now();
    const outcome = await run(scheduledEvent(), late);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(calls).toEqual(['req-slow-cdn']);
    expect(outcome).toMatchObject({ ok: true });
    expect(outcome).not.toHaveProperty('invalidated');
    expect(logs.lines().find((line) => line.message === CDN_NOT_ANSWERED)).toMatchObject({ level: 'WARN', waitedMs: 300 });
    expect((await output.list(RUNS_PREFIX)).length).toBe(1);
    // With only the rewrite's time left, none is asked for.
    await output.put('index.html', 'changed by hand', { contentType: 'text/html' });
    const none = leftOnceRecorded('req-no-time', recorded, reserve);
    expect(await run(scheduledEvent(), none)).toMatchObject({ ok: true, changedTotal: expect.any(Number) });
    expect(calls).toEqual(['req-slow-cdn']);
    expect(logs.lines().find((line) => line.message === CDN_NOT_ASKED)).toMatchObject({ level: 'WARN' });
  });

  it('logs a failed invalidation and still answers the publish as done', async () => {
    const { run } = await site({ invalidate: async () => Promise.reject(Object.assign(new Error('Rate exceeded'), { name: 'TooManyInvalidationsInProgress' })) });
    const outcome = await run(scheduledEvent(), lambdaContext('broadsheet-test-publish', 'req-fail'));
    expect(outcome).toMatchObject({ ok: true });
    expect(outcome).not.toHaveProperty('invalidated');
    expect(logs.lines().find((line) => line.message === 'cdn invalidation failed; readers see the change once max-age runs out')).toMatchObject({ error: { name: 'TooManyInvalidationsInProgress' } });
  });
});

describe('the CloudFront adapter behind the publish handler', () => {
  // Only this block's clients are mocked; the client below talks to a real (silent) socket.
  let cloudfront: ReturnType<typeof mockClient>;
  beforeAll(() => {
    cloudfront = mockClient(CloudFrontClient);
  });
  afterEach(() => cloudfront.reset());
  afterAll(() => cloudfront.restore());

  // feed.limit 1 keeps May's entry in the site feed and makes March a closed month: archives/2014-03/.
  async function archivedSite(cdn: CdnInvalidator | undefined) {
    const contentBucket = await freshBucket(client, 'cdn-content');
    const siteBucket = await freshBucket(client, 'cdn-site');
    const content = new S3Store(client, contentBucket, 'content/');
    const entries = {
      '2014/march.md': entryText(entry({ title: 'Port strike ends', url: 'https://news.example.com/m', date: '2014-03-10' })),
      '2014/may.md': entryText(entry({ title: 'Rail link opens', url: 'https://news.example.com/a', date: '2014-05-08' })),
    };
    await pushContent({ from: memoryContent({ site: { ...SITE, feed: { limit: 1 } }, entries }), to: content });
    const config: PublishConfig = { contentBucket, contentPrefix: 'content/', siteBucket, sitePrefix: '', skipInvalid: false, s3: { maxAttempts: 2, requestTimeoutMs: 5_000 } };
    const run = createPublishHandler(() => ({ config, s3: client, logger: createLogger('broadsheet-publish'), clock: () => NOW, ...(cdn ? { cdn } : {}) }));
    return { content, siteBucket, run };
  }

  it('sends CreateInvalidation for the distribution with the changed paths and the run id, and gives archive documents the CDN-long cache', async () => {
    cloudfront.on(CreateInvalidationCommand).resolves({});
    const cfClient = new CloudFrontClient({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    const { content, siteBucket, run } = await archivedSite(new CloudFrontInvalidator({ distributionId: 'E2EXAMPLE', client: cfClient }));
    // The first publish writes more than 30 paths: one wildcard.
    const first = await run(scheduledEvent(), lambdaContext('broadsheet-test-publish', 'req-first'));
    expect(pathsOf(first).length).toBeGreaterThan(30);
    expect(cloudfront.commandCalls(CreateInvalidationCommand).map((call) => call.args[0].input)).toEqual([
      { DistributionId: 'E2EXAMPLE', InvalidationBatch: { CallerReference: 'req-first', Paths: { Quantity: 1, Items: ['/*'] } } },
    ]);
    // An edit to March's entry rewrites its closed month's archive documents, listed path by path.
    await content.put('entries/2014/march.md', entryText(entry({ title: 'Port strike ends at last', url: 'https://news.example.com/m', date: '2014-03-10' })), { contentType: 'text/markdown' });
    const outcome = await run(scheduledEvent(), lambdaContext('broadsheet-test-publish', 'req-cf'));
    const calls = cloudfront.commandCalls(CreateInvalidationCommand);
    expect(calls).toHaveLength(2);
    const paths = pathsOf(outcome);
    expect(paths).toEqual(expect.arrayContaining(['/archives/2014-03/atom.xml', '/archives/2014-03/rss.xml', '/archives/2014-03/feed.json']));
    expect(calls[1]!.args[0].input).toEqual({ DistributionId: 'E2EXAMPLE', InvalidationBatch: { CallerReference: 'req-cf', Paths: { Quantity: paths.length, Items: paths } } });
    expect(outcome).toMatchObject({ ok: true, invalidated: paths });
    // Browsers revalidate after 300 s as for any feed; CloudFront keeps archive documents a day, dropped on rewrite.
    expect((await headObject(client, siteBucket, 'archives/2014-03/atom.xml')).CacheControl).toBe('public, max-age=300, s-maxage=86400');
    expect((await headObject(client, siteBucket, 'atom.xml')).CacheControl).toBe('public, max-age=300');
  });

  it('without an invalidator, archive documents keep the short cache of every file', async () => {
    const { siteBucket, run } = await archivedSite(undefined);
    expect(await run(scheduledEvent(), lambdaContext('broadsheet-test-publish', 'req-none'))).toMatchObject({ ok: true });
    expect((await headObject(client, siteBucket, 'archives/2014-03/atom.xml')).CacheControl).toBe('public, max-age=300');
    expect(cloudfront.commandCalls(CreateInvalidationCommand)).toHaveLength(0);
  });
});

describe('the CloudFront client', () => {
  it('gives up on an endpoint that accepts and never answers, within its request timeout', async () => {
    const sockets = new Set<Socket>();
    const server = createServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const cf = createCloudFrontClient({ endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1, requestTimeoutMs: 300 });
      const started = performance.now();
      await expect(new CloudFrontInvalidator({ distributionId: 'E2EXAMPLE', client: cf }).invalidate(['/rss.xml'], 'req-hang')).rejects.toMatchObject({ name: 'TimeoutError' });
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(sockets.size).toBeGreaterThan(0);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
