import { DateTime } from 'luxon';
import { afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { readPublishConfig } from '../../../functions/config.js';
import { decodeDigestModel } from '../../../lib/digest/digestModelCodec.js';
import { LEDGER_PREFIX } from '../../../lib/digest/ledgerRecords.js';
import { MANIFEST_KEY } from '../../../lib/publish/manifest.js';
import { ConfigError, formatProblem } from '../../../lib/shared/errors.js';
import { LocalStore } from '../../../lib/store/localStore.js';
import { pushContent } from '../../../cli/pushContent.js';
import { S3Store } from '../../../lib/store/s3Store.js';
import { createPublishHandler, handler } from '../../../functions/publish.js';
import { LOCK_DEADLINE_MARGIN_MS } from '../../../functions/functionLock.js';
import { createLogger } from '../../../functions/logger.js';
import type { PublishOutcome } from '../../../functions/publishEvents.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { captureLogs, lambdaContext, s3Event, scheduledEvent } from '../../support/lambda.js';
import { freshBucket, hashBucket, objectText, s3rverEnv, testS3Client } from '../../support/s3.js';
import { FaultProxy } from '../../support/faultProxy.js';
import { LOCK_KEY } from '../../../lib/publish/publishLock.js';

// The real exported handler, configured by its environment, against s3rver; real event shapes.
const endpoint = inject('s3Endpoint');
const client = testS3Client(endpoint);
let contentBucket: string;
let siteBucket: string;
let content: S3Store;
let logs: ReturnType<typeof captureLogs>;

const ENTRIES = {
  '2014/a.md': entryText(entry({ title: 'Rail link opens', url: 'https://news.example.com/a', date: '2014-05-08', tags: ['Trade', 'Rail'] })),
  '2014/b.md': entryText(entry({ title: 'Exports rise', url: 'https://news.example.com/b', date: '2014-05-10', tags: ['Trade'] })),
  // Dated far ahead of the real clock: embargoed in every run of the exported handler.
  'later/z.md': entryText(entry({ title: 'Far future', url: 'https://news.example.com/z', date: '2099-01-01', tags: ['Future'] })),
};

type Published = Extract<PublishOutcome, { counts: unknown }>;
const published = (outcome: PublishOutcome) => {
  expect(outcome.ok).toBe(true);
  expect(outcome).toHaveProperty('counts');
  return outcome as Published;
};

beforeAll(async () => {
  contentBucket = await freshBucket(client, 'lambda-content');
  siteBucket = await freshBucket(client, 'lambda-site');
  content = new S3Store(client, contentBucket, 'content/');
  await pushContent({ from: new LocalStore(await contentFolder({ entries: ENTRIES })), to: content });
  Object.assign(process.env, s3rverEnv(endpoint), { CONTENT_BUCKET: contentBucket, CONTENT_PREFIX: 'content/', SITE_BUCKET: siteBucket });
});
beforeEach(() => {
  logs = captureLogs();
});
afterEach(() => logs.restore());

describe('the exported publish handler', () => {
  it('publishes on a ScheduledEvent and logs one JSON line with the request id and the summary', async () => {
    const outcome = published(await handler(scheduledEvent(), lambdaContext('broadsheet-test-publish', 'req-schedule-1')));
    expect(outcome.trigger).toBe('schedule');
    expect(outcome.dryRun).toBe(false);
    expect(outcome.counts.changed + outcome.counts.deleted + outcome.counts.unchanged).toBe(0);
    expect(outcome.changed).toEqual(expect.arrayContaining([{ key: 'rss.xml', status: 'new' }, { key: 'tags/rail/atom.xml', status: 'new' }]));
    expect(outcome.entries).toEqual({ total: 3, published: 2, skipped: 0 });
    expect(outcome.changed.map((c) => c.key)).not.toContain('tags/future/rss.xml');
    expect(await objectText(client, siteBucket, 'rss.xml')).toContain('Rail link opens');

    // The summary, then what check would warn of: later/z.md, dated 2099 (its front matter's line 5), is far from the others.
    const lines = logs.lines();
    expect(lines.map((line) => line.message)).toEqual(['published', 'content warnings']);
    expect(lines[0]).toMatchObject({ level: 'INFO', message: 'published', function_request_id: 'req-schedule-1', service: 'broadsheet-publish' });
    expect(lines[1]).toMatchObject({ level: 'WARN', warningsTotal: 1, warnings: [expect.stringMatching(/^entries\/later\/z\.md:5: date: /)] });
    expect((lines[0]!.outcome as Published).counts).toEqual(outcome.counts);
    // The entry the summary's count leaves out, named with its date in the site's zone (Asia/Seoul).
    expect(lines[0]!.outcome).toMatchObject({ heldBack: [{ file: 'entries/later/z.md', until: '2099-01-01T00:00:00+09:00' }], heldBackTotal: 1 });
    expect(logs.raw()).not.toContain('S3RVER'); // no credentials in the logs
  });

  it('makes no PUT and no DELETE on the next run: two GETs (site.yml and the manifest) and a LIST page of each bucket (entries; the site, for drift)', async () => {
    const outcome = published(await handler(scheduledEvent(), lambdaContext('broadsheet-test-publish', 'req-schedule-2')));
    expect(outcome.counts.new + outcome.counts.changed + outcome.counts.deleted).toBe(0);
    expect(outcome.changed).toEqual([]);
    expect(outcome.requests).toEqual({ content: { list: 1, get: 1, put: 0, delete: 0 }, output: { list: 1, get: 1, put: 0, delete: 0 } });
  });

  it('publishes a pushed entry on the S3 notification of its upload', async () => {
    const key = '2014/c d.md'; // a space: S3 sends it as `+`
    await content.put(`entries/${key}`, entryText(entry({ title: 'Port expands', url: 'https://news.example.com/c', date: '2014-05-12', tags: ['Trade'] })), { contentType: 'text/markdown' });
    const outcome = published(await handler(s3Event(contentBucket, [`content/entries/${key}`]), lambdaContext('broadsheet-test-publish', 'req-s3-1')));
    expect(outcome.trigger).toBe('s3');
    expect(outcome.changed).toEqual(expect.arrayContaining([{ key: 'rss.xml', status: 'changed' }, { key: 'tags/trade/rss.xml', status: 'changed' }]));
    expect(outcome.changed.map((c) => c.key)).not.toContain('tags/rail/rss.xml');
    expect(await objectText(client, siteBucket, 'rss.xml')).toContain('Port expands');
    expect(logs.lines().map((l) => l.message)).toEqual(['content changed', 'published', 'content warnings']);
    expect(logs.lines()[0]).toMatchObject({ keys: ['content/entries/2014/c d.md'], function_request_id: 'req-s3-1' });
  });

  it('publishes on ObjectRemoved too', async () => {
    await content.delete('entries/2014/c d.md');
    const outcome = published(await handler(s3Event(contentBucket, ['content/entries/2014/c d.md'], 'ObjectRemoved:Delete'), lambdaContext('broadsheet-test-publish', 'req-s3-2')));
    expect(outcome.changed).toEqual(expect.arrayContaining([{ key: 'rss.xml', status: 'changed' }]));
    expect(await objectText(client, siteBucket, 'rss.xml')).not.toContain('Port expands');
  });

  it('ignores an S3 notification for keys outside the content prefix, writing nothing', async () => {
    const before = await hashBucket(client, siteBucket);
    const outcome = await handler(s3Event(contentBucket, ['elsewhere/x.md']), lambdaContext('broadsheet-test-publish', 'req-s3-3'));
    expect(outcome).toEqual({ ok: true, trigger: 's3', ignored: true, reason: 'no key under content/' });
    expect(await hashBucket(client, siteBucket)).toEqual(before);
  });

  it('reports what would change on a manual dry run, and writes nothing', async () => {
    await content.put('entries/2014/b.md', entryText(entry({ title: 'Exports rise sharply', url: 'https://news.example.com/b', date: '2014-05-10', tags: ['Trade'] })), { contentType: 'text/markdown' });
    const before = await hashBucket(client, siteBucket);
    const outcome = published(await handler({ source: 'broadsheet.trigger', dryRun: true, requestedBy: 'trigger-req-9' }, lambdaContext('broadsheet-test-publish', 'req-manual-1')));
    expect(outcome).toMatchObject({ trigger: 'manual', dryRun: true });
    expect(outcome.changed).toEqual(expect.arrayContaining([{ key: 'rss.xml', status: 'changed' }]));
    expect(outcome.requests.output.put).toBe(0);
    expect(await hashBucket(client, siteBucket)).toEqual(before);
    expect(logs.lines()[0]).toMatchObject({ message: 'dry run', requestedBy: 'trigger-req-9' });
  });

  it('refuses invalid content: returns and logs the problems, and writes nothing', async () => {
    await content.put('entries/2014/bad.md', entryText(entry({ url: 'not a url' })), { contentType: 'text/markdown' });
    const before = await hashBucket(client, siteBucket);
    const outcome = await handler(scheduledEvent(), lambdaContext('broadsheet-test-publish', 'req-bad-1'));
    expect(outcome.ok).toBe(false);
    const problems = (outcome as { problems: string[] }).problems;
    expect(problems.some((p) => p.startsWith('entries/2014/bad.md') && p.includes('url'))).toBe(true);
    expect(await hashBucket(client, siteBucket)).toEqual(before);
    expect(logs.lines()[0]).toMatchObject({ level: 'ERROR', message: 'invalid content: nothing was written', function_request_id: 'req-bad-1' });
    await content.delete('entries/2014/bad.md');
  });

  it('logs the content warnings by name, after the summary: an X.MD file that is not published', async () => {
    await content.put('entries/2014/Shouting.MD', entryText(entry({ title: 'Not an entry', url: 'https://news.example.com/shout' })), { contentType: 'text/markdown' });
    try {
      const outcome = published(await handler(scheduledEvent(), lambdaContext('broadsheet-test-publish', 'req-warn-1')));
      // Beside the one every run of this content has: later/z.md, dated 2099.
      expect(outcome.warnings).toBe(2);
      const [summary, warned] = logs.lines();
      expect(summary).toMatchObject({ level: 'INFO', message: 'published' });
      expect(warned).toMatchObject({ level: 'WARN', message: 'content warnings', warningsTotal: 2, function_request_id: 'req-warn-1' });
      const lines = (warned as { warnings: string[] }).warnings;
      expect(lines).toHaveLength(2);
      expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^entries\/2014\/Shouting\.MD: .*Shouting\.md/), expect.stringMatching(/^entries\/later\/z\.md:5: date: /)]));
      // The answer gives them as objects too, as publish --json does (trigger --json prints them so), each formatting
      // to its line; the log line keeps to the lines.
      expect(outcome.warningDetails?.map((warning) => warning.file).sort()).toEqual(['entries/2014/Shouting.MD', 'entries/later/z.md']);
      expect(outcome.warningDetails!.map(formatProblem).sort()).toEqual([...lines].sort());
      expect(outcome.skippedDetails).toEqual([]);
      expect(summary!.outcome).not.toHaveProperty('warningDetails');
    } finally {
      await content.delete('entries/2014/Shouting.MD');
    }
  });

  it('rejects an event it does not know', async () => {
    await expect(handler({} as never, lambdaContext('broadsheet-test-publish', 'req-odd'))).rejects.toThrow('unrecognised event');
  });
});

describe('createPublishHandler with an injected clock', () => {
  it('publishes an embargoed entry on the first scheduled run after its date', async () => {
    const bucket = await freshBucket(client, 'embargo-site');
    const embargoContent = new S3Store(client, contentBucket, 'embargo/');
    await pushContent({
      from: new LocalStore(await contentFolder({ entries: { 'e.md': entryText(entry({ title: 'Embargoed news', url: 'https://news.example.com/e', date: '2014-05-30T09:00:00+09:00', tags: ['Energy'] })) } })),
      to: embargoContent,
    });
    let now = DateTime.fromISO('2014-05-30T08:59:00+09:00', { setZone: true });
    const config = { ...readPublishConfig(process.env), contentPrefix: 'embargo/', siteBucket: bucket };
    const run = createPublishHandler(() => ({ config, s3: client, logger: createLogger('broadsheet-publish'), clock: () => now }));

    const before = published(await run(scheduledEvent(), lambdaContext('broadsheet-test-publish', 'req-e1')));
    expect(before.entries.published).toBe(0);
    expect(before.changed.map((c) => c.key)).not.toContain('tags/energy/rss.xml');

    now = now.plus({ minutes: 15 });
    const after = published(await run(scheduledEvent(), lambdaContext('broadsheet-test-publish', 'req-e2')));
    expect(after.entries.published).toBe(1);
    expect(after.changed).toEqual(expect.arrayContaining([{ key: 'tags/energy/rss.xml', status: 'new' }, { key: 'rss.xml', status: 'changed' }]));
    expect(await objectText(client, bucket, 'rss.xml')).toContain('Embargoed news');

    // A clock set back before the entry's date (a CLI publish as of a later --now does the same): the function
    // goes ahead, since its clock is the truth, and logs that it took the entry down.
    now = DateTime.fromISO('2014-05-30T08:30:00+09:00', { setZone: true });
    const back = published(await run(scheduledEvent(), lambdaContext('broadsheet-test-publish', 'req-e3')));
    expect(back.entries.published).toBe(0);
    expect(logs.lines().find((line) => (line as { level?: string }).level === 'WARN')).toMatchObject({
      message: 'the last publish was as of a later moment: this one took down what came due since',
      neededFrom: '2014-05-30T09:00:00.000+09:00',
      function_request_id: 'req-e3',
    });
  });

  it('refuses, before writing anything, a site.yml whose url is not the SITE_URL of the deployment', async () => {
    const bucket = await freshBucket(client, 'siteurl-site');
    const bucket2 = await freshBucket(client, 'siteurl-plain');
    const config = { ...readPublishConfig({ ...process.env, SITE_URL: 'https://feeds.example.net' }), siteBucket: bucket };
    expect(config.siteUrl).toBe('https://feeds.example.net/');
    const run = createPublishHandler(() => ({ config, s3: client, logger: createLogger('broadsheet-publish'), clock: () => DateTime.now() }));
    const outcome = await run(scheduledEvent(), lambdaContext('broadsheet-test-publish', 'req-url-1'));
    // The fixture's site.yml says https://watch.example.org/ (tests/support/content.ts).
    expect(outcome).toEqual({
      ok: false,
      trigger: 'schedule',
      error: 'ContentError',
      problems: ['site.yml: url: is https://watch.example.org/, but this deployment serves https://feeds.example.net/ (write url: https://feeds.example.net/, or deploy with --param siteUrl=https://watch.example.org/)'],
      problemDetails: [{ file: 'site.yml', field: 'url', message: 'is https://watch.example.org/, but this deployment serves https://feeds.example.net/', fix: 'write url: https://feeds.example.net/, or deploy with --param siteUrl=https://watch.example.org/' }],
      problemsTotal: 1,
    });
    expect(await hashBucket(client, bucket)).toEqual({});

    const matching = createPublishHandler(() => ({ config: { ...config, siteUrl: 'https://watch.example.org/' }, s3: client, logger: createLogger('broadsheet-publish'), clock: () => DateTime.now() }));
    const ok = published(await matching(scheduledEvent(), lambdaContext('broadsheet-test-publish', 'req-url-2')));
    expect(ok.counts.new).toBeGreaterThan(0);
    // The check adds no request: the same publish without it, into another fresh bucket, costs the same.
    const { siteUrl: _checked, ...unchecked } = config;
    const unguarded = createPublishHandler(() => ({ config: { ...unchecked, siteBucket: bucket2 }, s3: client, logger: createLogger('broadsheet-publish'), clock: () => DateTime.now() }));
    const plain = published(await unguarded(scheduledEvent(), lambdaContext('broadsheet-test-publish', 'req-url-3')));
    expect(ok.requests).toEqual(plain.requests);
  });

  it('answers the digest function’s request with the week as archived, publishing just what a scheduled run does', async () => {
    const bucket = await freshBucket(client, 'digest-week-site');
    const scheduled = await freshBucket(client, 'digest-week-plain');
    // Monday 12 May 2014, 09:00 in Seoul (the fixture's zone): 2014-W19 (5–11 May) has ended.
    const now = DateTime.fromISO('2014-05-12T09:00:00+09:00');
    // Content of its own: the tests above edit the shared prefix.
    await pushContent({ from: new LocalStore(await contentFolder({ entries: ENTRIES })), to: new S3Store(client, contentBucket, 'digest-week/') });
    // The first run's writes, in order.
    const writes: string[] = [];
    const recording = testS3Client(endpoint);
    recording.middlewareStack.add(
      (next, context) => async (args) => {
        const command = String((context as { commandName?: string }).commandName);
        const key = (args.input as { Key?: string }).Key;
        if (/^(PutObject|DeleteObject)Command$/.test(command) && key !== undefined) writes.push(`${command} ${key}`);
        return next(args);
      },
      { step: 'initialize', name: 'writeOrder' },
    );
    const runOn = (siteBucket: string, s3 = client) => createPublishHandler(() => ({ config: { ...readPublishConfig(process.env), contentPrefix: 'digest-week/', siteBucket }, s3, logger: createLogger('broadsheet-publish'), clock: () => now }));
    const run = runOn(bucket);
    const outcome = published(await runOn(bucket, recording)({ source: 'broadsheet.trigger', requestedBy: 'digest-1', digestWeek: '2014-W19' }, lambdaContext('broadsheet-test-publish', 'req-d1')));
    expect(outcome.counts.new).toBeGreaterThan(0);
    // Its record before its lock's release, as a publish's: a run that died between the two leaves its lock, never no trace.
    const recordPut = writes.findIndex((write) => write.startsWith('PutObjectCommand _broadsheet/runs/'));
    expect(recordPut).toBeGreaterThanOrEqual(0);
    expect(recordPut).toBeLessThan(writes.indexOf(`DeleteObjectCommand ${LOCK_KEY}`));
    const reply = outcome.digest!;
    expect(reply.week).toBe('2014-W19');
    const model = decodeDigestModel(reply.model);
    expect(model.entries.map((e) => e.title)).toEqual(['Rail link opens', 'Exports rise']);
    // The files' SHA-256 are those of the objects now in the bucket, and the bucket is what a scheduled run writes.
    const objects = await hashBucket(client, bucket);
    expect(reply.files).toEqual({ 'digests/2014-W19.html': objects['digests/2014-W19.html'], 'digests/2014-W19.txt': objects['digests/2014-W19.txt'] });
    published(await runOn(scheduled)(scheduledEvent(), lambdaContext('broadsheet-test-publish', 'req-d0')));
    expect(objects).toEqual(await hashBucket(client, scheduled));
    // The log line carries the counts and the week, not the model.
    expect(logs.lines().find((line) => line.message === 'published' && 'digest' in line)).toMatchObject({ digest: { week: '2014-W19', entries: 2 } });
    expect(logs.raw()).not.toContain('Exports rise');

    // Asked again with nothing changed: nothing is written, and the same week comes back.
    const again = published(await run({ source: 'broadsheet.trigger', digestWeek: '2014-W19' }, lambdaContext('broadsheet-test-publish', 'req-d2')));
    expect(again.requests.output.put + again.requests.output.delete).toBe(0);
    expect(again.digest).toEqual(reply);
  });

  it('refuses a digest week that has not ended, a malformed one, or one asked with dryRun, writing nothing; one the archive does not keep once published, recorded as refused', async () => {
    const bucket = await freshBucket(client, 'digest-week-refused');
    const now = DateTime.fromISO('2014-05-12T09:00:00+09:00');
    const run = createPublishHandler(() => ({ config: { ...readPublishConfig(process.env), siteBucket: bucket }, s3: client, logger: createLogger('broadsheet-publish'), clock: () => now }));
    const context = lambdaContext('broadsheet-test-publish', 'req-d3');
    // The digest function asks for the week POST /digest's "week" named: the refusal names that field, not the CLI's flag.
    expect(await run({ source: 'broadsheet.trigger', digestWeek: '2014-W20' }, context)).toMatchObject({ ok: false, error: 'UsageError', message: expect.stringMatching(/^"week": 2014-W20 has not ended/) });
    expect(await run({ source: 'broadsheet.trigger', digestWeek: '2014-20' }, context)).toMatchObject({ ok: false, error: 'UsageError', message: expect.stringContaining('is not an ISO week') });
    expect(await run({ source: 'broadsheet.trigger', digestWeek: '2014-W19', dryRun: true }, context)).toMatchObject({ ok: false, error: 'UsageError', message: expect.stringContaining('dryRun') });
    expect(await hashBucket(client, bucket)).toEqual({});
    // A week before the archive's first (2014-W19) is refused once the publish, which writes what any publish does, is
    // recorded: the run's record says refused, not the publish's ok.
    expect(await run({ source: 'broadsheet.trigger', digestWeek: '2014-W17' }, lambdaContext('broadsheet-test-publish', 'req-d4'))).toMatchObject({ ok: false, error: 'UsageError', message: expect.stringMatching(/^"week": 2014-W17 has no entries/) });
    const site = new S3Store(client, bucket, '');
    const records = await Promise.all((await site.list('_broadsheet/runs/')).map(async ({ key }) => JSON.parse((await site.get(key))!.toString('utf8')) as { id: string; outcome: string }));
    expect(records.filter((record) => record.id === 'req-d4')).toMatchObject([{ outcome: 'refused' }]);
  });

  it('returns its outcome when its lock cannot be deleted, and logs a warning that names the lock', async () => {
    const bucket = await freshBucket(client, 'lock-undeleted');
    const proxy = await FaultProxy.start(endpoint);
    proxy.honourIfNoneMatch = true;
    try {
      proxy.decide = ({ method, url }) => (method === 'DELETE' && url.split('?')[0]!.endsWith(`/${LOCK_KEY}`) ? 'error500' : 'pass');
      const now = DateTime.fromISO('2014-05-12T09:00:00+09:00');
      const run = createPublishHandler(() => ({ config: { ...readPublishConfig(process.env), siteBucket: bucket }, s3: testS3Client(proxy.endpoint), logger: createLogger('broadsheet-publish'), clock: () => now }));
      const outcome = published(await run(scheduledEvent(), lambdaContext('broadsheet-test-publish', 'req-unreleased')));
      expect(outcome.changed).toEqual(expect.arrayContaining([{ key: 'rss.xml', status: 'new' }]));
      expect(proxy.seen.some(({ method, url }) => method === 'DELETE' && url.includes(LOCK_KEY))).toBe(true);
      // Its record before the lock's release: a run that died between the two leaves its lock, never no trace.
      const recordPut = proxy.seen.findIndex(({ method, url }) => method === 'PUT' && url.includes('/_broadsheet/runs/'));
      const release = proxy.seen.findIndex(({ method, url }) => method === 'DELETE' && url.includes(LOCK_KEY));
      expect(recordPut).toBeGreaterThanOrEqual(0);
      expect(recordPut).toBeLessThan(release);
    } finally {
      await proxy.close();
    }
    expect(Object.keys(await hashBucket(client, bucket))).toContain(LOCK_KEY);
    expect(logs.lines().find((line) => line.message === 'publish lock not released')).toMatchObject({
      level: 'WARN',
      detail: expect.stringContaining(`the publish is complete, but its lock s3://${bucket}/${LOCK_KEY} could not be deleted`),
    });
  });

  it('leaves a lock taken late in a run stale at the run’s deadline, so the retry after its timeout takes it over', async () => {
    const bucket = await freshBucket(client, 'lock-deadline');
    await pushContent({ from: new LocalStore(await contentFolder({ entries: ENTRIES })), to: new S3Store(client, contentBucket, 'lock-deadline/') });
    const started = DateTime.fromISO('2014-05-12T09:00:00+09:00');
    const context = lambdaContext('broadsheet-test-publish', 'req-late-1');
    const deadline = started.toMillis() + context.getRemainingTimeInMillis();
    // The build takes 40 s of the run's time before the lock is taken.
    const BUILD_MS = 40_000;
    let now = started;
    let cut = false;
    const proxy = await FaultProxy.start(endpoint);
    proxy.honourIfNoneMatch = true;
    try {
      proxy.decide = ({ method, url }) => {
        const path = url.split('?')[0]!;
        if (method === 'GET' && path.startsWith(`/${contentBucket}/lock-deadline/entries/`)) now = started.plus({ milliseconds: BUILD_MS });
        if (cut) return 'error500';
        // Past its lock the run is as good as ended by its timeout: S3 answers none of its requests, so the lock stays.
        if (method === 'PUT' && path.endsWith(`/${LOCK_KEY}`)) cut = true;
        return 'pass';
      };
      const run = createPublishHandler(() => ({ config: { ...readPublishConfig(process.env), contentPrefix: 'lock-deadline/', siteBucket: bucket }, s3: testS3Client(proxy.endpoint), logger: createLogger('broadsheet-publish'), clock: () => now }));
      await expect(run(scheduledEvent(), context)).rejects.toThrow();
      const staleAt = new Date(deadline + LOCK_DEADLINE_MARGIN_MS).toISOString();
      const since = new Date(started.toMillis() + BUILD_MS).toISOString();
      expect(JSON.parse(await objectText(client, bucket, LOCK_KEY))).toMatchObject({ owner: 'the publish function, request req-late-1', since, staleAt });

      // Lambda's retry, once the lock is stale: the first moment after the deadline's margin.
      cut = false;
      proxy.decide = () => 'pass';
      now = DateTime.fromMillis(deadline + LOCK_DEADLINE_MARGIN_MS, { zone: started.zone });
      const retried = published(await run(scheduledEvent(), lambdaContext('broadsheet-test-publish', 'req-late-2')));
      expect(retried.changed).toEqual(expect.arrayContaining([{ key: 'rss.xml', status: 'new' }]));
      expect(logs.lines().find((line) => line.message === 'publish lock taken over')).toMatchObject({
        function_request_id: 'req-late-2',
        detail: expect.stringContaining(`left by the publish function, request req-late-1, since ${since}: it was stale since ${staleAt}`),
      });
    } finally {
      await proxy.close();
    }
    expect(Object.keys(await hashBucket(client, bucket))).not.toContain(LOCK_KEY);
  });

  it('fails with a ConfigError naming the missing variable, and logs it', async () => {
    const run = createPublishHandler(() => ({ config: readPublishConfig({ SITE_BUCKET: 'site' }), s3: client, logger: createLogger('x'), clock: () => DateTime.now() }));
    const error = await run(scheduledEvent(), lambdaContext('broadsheet-test-publish', 'req-cfg')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/^CONTENT_BUCKET is not set/);
    expect(logs.lines()[0]).toMatchObject({ level: 'ERROR', message: 'configuration error', function_request_id: 'req-cfg' });
  });
});

describe('the digest send ledger, beside the published files', () => {
  it('is never written or deleted by a publish, even one that deletes files; deletions are only of keys its manifest lists', async () => {
    const bucket = await freshBucket(client, 'ledger-site');
    const id = '0123456789abcdef0123456789abcdef';
    for (const kind of ['claim', 'sent']) await new S3Store(client, bucket, '').put(`${LEDGER_PREFIX}2014-W19/${id}/1.${kind}.json`, '{"run":"r1"}', { contentType: 'application/json' });
    const ledgerBefore = await hashBucket(client, bucket, LEDGER_PREFIX);
    expect(Object.keys(ledgerBefore)).toHaveLength(2);

    // A client that answers as the deployed publish role would (serverless.yml, DenySendLedgerWrites), and records every write.
    const writes: { command: string; key: string }[] = [];
    const guarded = testS3Client(endpoint);
    guarded.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { Key?: string; Delete?: { Objects?: { Key?: string }[] } };
        const command = String((context as { commandName?: string }).commandName);
        if (/^(PutObject|DeleteObject|DeleteObjects|CopyObject|CreateMultipartUpload)Command$/.test(command)) {
          for (const key of input.Key !== undefined ? [input.Key] : (input.Delete?.Objects ?? []).map((o) => o.Key ?? '')) {
            writes.push({ command, key });
            if (key.startsWith(LEDGER_PREFIX)) throw Object.assign(new Error('Access Denied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
          }
        }
        return next(args);
      },
      { step: 'initialize', name: 'publishRoleLedgerDeny' },
    );
    const ledgerContent = new S3Store(client, contentBucket, 'ledger-guard/');
    await pushContent({ from: new LocalStore(await contentFolder({ entries: ENTRIES })), to: ledgerContent });
    const now = DateTime.fromISO('2014-05-12T09:00:00+09:00');
    const run = createPublishHandler(() => ({ config: { ...readPublishConfig(process.env), contentPrefix: 'ledger-guard/', siteBucket: bucket }, s3: guarded, logger: createLogger('broadsheet-publish'), clock: () => now }));

    published(await run(scheduledEvent(), lambdaContext('broadsheet-test-publish', 'req-l1')));
    published(await run({ source: 'broadsheet.trigger', requestedBy: 'digest-l', digestWeek: '2014-W19' }, lambdaContext('broadsheet-test-publish', 'req-l2')));
    // Deleting the only entry tagged Rail deletes that tag's files.
    const manifestBefore = JSON.parse(await objectText(client, bucket, MANIFEST_KEY)) as { objects: Record<string, unknown> };
    await ledgerContent.delete('entries/2014/a.md');
    const after = published(await run(scheduledEvent(), lambdaContext('broadsheet-test-publish', 'req-l3')));
    const deleted = after.changed.filter((c) => c.status === 'deleted').map((c) => c.key);
    expect(deleted).toEqual(expect.arrayContaining(['tags/rail/rss.xml', 'tags/rail/index.html']));
    for (const key of deleted) expect(manifestBefore.objects, key).toHaveProperty([key]);
    // The files it deleted are the ones it reported; any other delete can only be of its own state (a lock, say).
    const deletes = writes.filter((w) => w.command !== 'PutObjectCommand').map((w) => w.key);
    expect(deletes.filter((key) => !key.startsWith('_broadsheet/')).sort()).toEqual([...deleted].sort());

    expect(writes.length).toBeGreaterThan(0);
    expect(writes.filter((w) => w.key.startsWith(LEDGER_PREFIX) || w.key.includes('digest-ledger'))).toEqual([]);
    expect(await hashBucket(client, bucket, LEDGER_PREFIX)).toEqual(ledgerBefore);
  });
});
