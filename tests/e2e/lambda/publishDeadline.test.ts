import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import { DateTime } from 'luxon';
import { describe, expect, inject, it } from 'vitest';
import type { PublishConfig, S3Settings } from '../../../functions/config.js';
import { createLogger } from '../../../functions/logger.js';
import { createPublishHandler, DRY_RUN_STOPPED_LINE } from '../../../functions/publish.js';
import { afterRecordMs, DRY_RUN_STOPPED, PUBLISH_RETRIED, publishNeedsMs } from '../../../functions/publishDeadline.js';
import { pushContent } from '../../../cli/pushContent.js';
import { LOCK_KEY } from '../../../lib/publish/publishLock.js';
import { findRun } from '../../../lib/publish/runHistory.js';
import { RUNS_PREFIX } from '../../../lib/publish/runRecord.js';
import { STATE_DIR } from '../../../lib/shared/outputLayout.js';
import { DeadlineError, StoreError } from '../../../lib/shared/errors.js';
import { S3Store } from '../../../lib/store/s3Store.js';
import { entry, entryText, memoryContent } from '../../support/content.js';
import { captureLogs, lambdaContext, scheduledEvent } from '../../support/lambda.js';
import { freshBucket, hashBucket, testS3Client } from '../../support/s3.js';

// The publish function's S3 requests, each checked against its time left: one that could outlast the run with what
// must follow it (the writes in flight, the record, the lock's release) is not made, and the run stops, recorded and
// unlocked. The time running short is the context's (a server made slow would take the worst case's minutes).
const endpoint = inject('s3Endpoint');
const admin = testS3Client(endpoint);
const NOW = DateTime.fromISO('2014-05-12T09:00:00+09:00');
const S3_SETTINGS: S3Settings = { maxAttempts: 2, requestTimeoutMs: 5_000 };
const needs = publishNeedsMs(S3_SETTINGS);
const ENTRIES = {
  '2014/a.md': entryText(entry({ title: 'Rail link opens', url: 'https://news.example.com/a', date: '2014-05-08', tags: ['Trade', 'Rail'] })),
  '2014/b.md': entryText(entry({ title: 'Exports rise', url: 'https://news.example.com/b', date: '2014-05-10', tags: ['Trade'] })),
  '2014/c.md': entryText(entry({ title: 'Port expands', url: 'https://news.example.com/c', date: '2014-05-11', tags: ['Shipping'] })),
};

/** What the client has done in the site bucket, counted once S3 has answered. */
interface Done {
  siteFiles: number;
  lockTaken: boolean;
  /** Each site file written (S3 answered), in order. */
  keys: string[];
  /**
   * Set as a site file's write is asked for once this many are written: a test's time left that drops then drops in
   * the tick that request is checked, so the run's once-a-second cut-off cannot fall between and cut off the writes
   * under way before the request is refused.
   */
  shortAfter: number;
  short: boolean;
}

/** A client of its own (the deadline is put on the client), counting what it has done in `siteBucket`. */
function countingClient(siteBucket: string, done: Done): S3Client {
  const client = testS3Client(endpoint);
  const isSiteFile = (name: string | undefined, args: unknown) => {
    const { Bucket, Key = '' } = (args as { input: { Bucket?: string; Key?: string } }).input;
    return name === 'PutObjectCommand' && Bucket === siteBucket && Key !== LOCK_KEY && !Key.startsWith(STATE_DIR);
  };
  // Before the deadline's check (publishDeadline puts it on the client at the first run, in this step).
  client.middlewareStack.add(
    (next, context) => (args) => {
      if (isSiteFile(context.commandName, args) && done.siteFiles >= done.shortAfter) done.short = true;
      return next(args);
    },
    { step: 'initialize', priority: 'high', name: 'shortAfter' },
  );
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const answer = await next(args);
      const { Bucket, Key = '' } = args.input as { Bucket?: string; Key?: string };
      if (context.commandName === 'PutObjectCommand' && Bucket === siteBucket) {
        if (Key === LOCK_KEY) done.lockTaken = true;
        else if (!Key.startsWith(STATE_DIR)) {
          done.siteFiles++;
          done.keys.push(Key);
        }
      }
      return answer;
    },
    { step: 'initialize', name: 'countDone' },
  );
  return client;
}

async function site(label: string) {
  const contentBucket = await freshBucket(admin, `${label}-content`);
  const siteBucket = await freshBucket(admin, `${label}-site`);
  await pushContent({ from: memoryContent({ entries: ENTRIES }), to: new S3Store(admin, contentBucket, 'content/') });
  const config: PublishConfig = { contentBucket, contentPrefix: 'content/', siteBucket, sitePrefix: '', skipInvalid: false, s3: S3_SETTINGS };
  const done: Done = { siteFiles: 0, lockTaken: false, keys: [], shortAfter: Number.POSITIVE_INFINITY, short: false };
  const run = createPublishHandler(() => ({ config, s3: countingClient(siteBucket, done), logger: createLogger('broadsheet-test-publish'), clock: () => NOW }));
  return { siteBucket, config, done, run };
}

/** The output of a publish of the same content at the same moment into an empty bucket, with all the time it needs. */
async function fromScratch(config: PublishConfig): Promise<Record<string, string>> {
  const siteBucket = await freshBucket(admin, 'deadline-scratch');
  const run = createPublishHandler(() => ({ config: { ...config, siteBucket }, s3: testS3Client(endpoint), logger: createLogger('broadsheet-test-publish'), clock: () => NOW }));
  expect(await run(scheduledEvent(), lambdaContext('broadsheet-test-publish', 'req-scratch'))).toMatchObject({ ok: true });
  return hashBucket(admin, siteBucket);
}

const KEPT = "kept for the checkpoint, the run record and the lock's release";
const refusal = `${needs - 1} ms of the function's time left, under the ${needs} ms ${KEPT}; ${PUBLISH_RETRIED}`;

describe('the publish function, its time running short', () => {
  it('stops writing, records the run as failed and releases its lock; the next publish completes it as a publish from scratch would', async () => {
    const { siteBucket, config, done, run } = await site('deadline-write');
    // Time for everything until three of the site's files are written; then, as the next is asked for, a millisecond
    // short of one more request.
    done.shortAfter = 3;
    const context: Context = { ...lambdaContext('broadsheet-test-publish', 'req-cut'), getRemainingTimeInMillis: () => (done.short ? needs - 1 : 900_000) };
    const error = await run(scheduledEvent(), context).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).cause).toBeInstanceOf(DeadlineError);
    expect((error as Error).message).toMatch(new RegExp(`^cannot write s3://${siteBucket}/[^ ]+: DeadlineError: `));
    expect((error as Error).message).toContain(refusal);
    const output = new S3Store(admin, siteBucket, '');
    expect(await findRun(output, 'req-cut')).toMatchObject({ kind: 'publish', outcome: 'failed', error: 'StoreError', message: expect.stringContaining(refusal) });
    const left = await hashBucket(admin, siteBucket);
    expect(Object.keys(left)).not.toContain(LOCK_KEY);
    const scratch = await fromScratch(config);
    // It stopped partway: some of the site's files are not written.
    expect(Object.keys(scratch).filter((key) => !(key in left)).length).toBeGreaterThan(0);

    expect(await run(scheduledEvent(), lambdaContext('broadsheet-test-publish', 'req-next'))).toMatchObject({ ok: true });
    expect(await hashBucket(admin, siteBucket)).toEqual(scratch);
  });

  it('keeps what each stopped run wrote: each retry writes only the files not yet written, and the last completes it as a publish from scratch would', async () => {
    const { siteBucket, config, done, run } = await site('deadline-resume');
    const stoppedAfter = async (files: number, runId: string) => {
      const context: Context = { ...lambdaContext('broadsheet-test-publish', runId), getRemainingTimeInMillis: () => (done.siteFiles < files ? 900_000 : needs - 1) };
      expect(((await run(scheduledEvent(), context).catch((e: unknown) => e)) as Error).cause).toBeInstanceOf(DeadlineError);
      const keys = done.keys.splice(0);
      done.siteFiles = 0;
      return keys;
    };
    const first = await stoppedAfter(3, 'req-first');
    const second = await stoppedAfter(3, 'req-second');
    expect(await run(scheduledEvent(), lambdaContext('broadsheet-test-publish', 'req-third'))).toMatchObject({ ok: true });
    const third = done.keys.splice(0);
    const scratch = await fromScratch(config);
    const siteFiles = Object.keys(scratch).filter((key) => !key.startsWith(STATE_DIR)).sort();
    // Each run wrote some of the files (at least the three it was given time for), none written by a run before it.
    for (const keys of [first, second, third]) expect(keys.length).toBeGreaterThanOrEqual(3);
    expect([...first, ...second, ...third].sort()).toEqual(siteFiles);
    expect(await hashBucket(admin, siteBucket)).toEqual(scratch);
  });

  it('answers a dry run refused so as stopped, not thrown (Lambda would retry it), one that wrote nothing, with no record or lock to speak of', async () => {
    const { siteBucket, run } = await site('deadline-dry');
    const context: Context = { ...lambdaContext('broadsheet-test-publish', 'req-dry'), getRemainingTimeInMillis: () => needs - 1 };
    const logs = captureLogs();
    const outcome = await run({ source: 'broadsheet.trigger', dryRun: true } as never, context).finally(() => logs.restore());
    expect(logs.lines().filter((line) => line.level === 'ERROR').map((line) => line.message)).toEqual([DRY_RUN_STOPPED_LINE]);
    expect(outcome).toEqual({ ok: false, trigger: 'manual', error: 'DeadlineError', problems: [], problemsTotal: 0, message: expect.stringMatching(/^cannot (read|list) s3:\/\//) });
    expect((outcome as { message: string }).message).toContain(`: DeadlineError: ${needs - 1} ms of the function's time left, under the ${needs} ms ${KEPT}; ${DRY_RUN_STOPPED}`);
    expect(Object.keys(await hashBucket(admin, siteBucket))).toEqual([]);
  });

  it('releases its lock when the request refused comes after the lock and before the writes (the manifest read again)', async () => {
    const { siteBucket, done, run } = await site('deadline-lock');
    const context: Context = { ...lambdaContext('broadsheet-test-publish', 'req-locked'), getRemainingTimeInMillis: () => (done.lockTaken ? needs - 1 : 900_000) };
    const error = await run(scheduledEvent(), context).catch((e: unknown) => e);
    expect((error as Error).message).toBe(`cannot read s3://${siteBucket}/${STATE_DIR}manifest.json: DeadlineError: ${refusal}`);
    expect(done.siteFiles).toBe(0);
    expect(Object.keys(await hashBucket(admin, siteBucket))).toEqual([]);
    expect(await findRun(new S3Store(admin, siteBucket, ''), 'req-locked')).toMatchObject({ outcome: 'failed', error: 'StoreError', message: expect.stringContaining(refusal) });
  });
});

/**
 * A slowed S3 on loopback: a proxy to s3rver that passes every request but the PUTs of the site's files after its
 * first `passed`, which it answers with headers and then a body of 10 MiB trickling out a byte every 50 ms: the socket
 * is never idle, and the client gives such a body 40 s (at the slowest download's 256 KiB/s) an attempt.
 */
async function tricklingS3(siteBucket: string, passed: number) {
  const target = new URL(endpoint);
  const seen = { passed: [] as string[], stalled: [] as string[], firstStalledAt: undefined as number | undefined };
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://proxy').pathname);
    const key = path.startsWith(`/${siteBucket}/`) ? path.slice(siteBucket.length + 2) : undefined;
    const siteFile = request.method === 'PUT' && key !== undefined && !key.startsWith(STATE_DIR);
    if (siteFile && seen.passed.length >= passed) {
      seen.stalled.push(key);
      seen.firstStalledAt ??= Date.now();
      request.resume();
      response.writeHead(200, { etag: '"0"', 'content-length': String(10 * 2 ** 20) });
      const trickle = setInterval(() => response.write(' '), 50);
      response.on('close', () => clearInterval(trickle));
      return;
    }
    if (siteFile) seen.passed.push(key);
    const forwarded = httpRequest({ host: target.hostname, port: target.port, method: request.method, path: request.url, headers: request.headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    forwarded.on('error', () => response.destroy());
    request.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = () => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, close };
}

describe('the publish function, S3 trickling its answers', () => {
  it('cuts the writes under way off when its time is up, and stops checkpointed, recorded and unlocked; the next publish writes only the rest', async () => {
    const contentBucket = await freshBucket(admin, 'cutoff-content');
    const siteBucket = await freshBucket(admin, 'cutoff-site');
    await pushContent({ from: memoryContent({ entries: ENTRIES }), to: new S3Store(admin, contentBucket, 'content/') });
    const config: PublishConfig = { contentBucket, contentPrefix: 'content/', siteBucket, sitePrefix: '', skipInvalid: false, s3: S3_SETTINGS };
    const slow = await tricklingS3(siteBucket, 3);
    try {
      const s3 = testS3Client(slow.endpoint, { maxAttempts: S3_SETTINGS.maxAttempts, requestTimeoutMs: S3_SETTINGS.requestTimeoutMs });
      const run = createPublishHandler(() => ({ config, s3, logger: createLogger('broadsheet-test-publish'), clock: () => NOW }));
      // All the time it needs until S3 first trickles; then its time is up 300 ms later, as Lambda's runs down.
      const context: Context = { ...lambdaContext('broadsheet-test-publish', 'req-trickled'), getRemainingTimeInMillis: () => (slow.seen.firstStalledAt === undefined ? 900_000 : slow.seen.firstStalledAt + needs + 300 - Date.now()) };
      const error = await run(scheduledEvent(), context).catch((e: unknown) => e);
      const stoppedAt = Date.now();
      expect(error).toBeInstanceOf(StoreError);
      const cutOff = `DeadlineError: cut off with ${needs} ms of the function's time left, ${KEPT}; ${PUBLISH_RETRIED}`;
      expect((error as Error).message).toMatch(new RegExp(`^cannot write s3://${siteBucket}/[^ ]+: `));
      expect((error as Error).message).toContain(cutOff);
      // Stopped at its cut-off (looked at every second at most), long before the trickles would have ended (40 s).
      expect(stoppedAt - slow.seen.firstStalledAt!).toBeLessThan(10_000);
      expect(slow.seen.stalled.length).toBeGreaterThan(0);

      const output = new S3Store(admin, siteBucket, '');
      expect(await findRun(output, 'req-trickled')).toMatchObject({ outcome: 'failed', error: 'StoreError', message: expect.stringContaining(cutOff) });
      const left = await hashBucket(admin, siteBucket);
      expect(Object.keys(left)).not.toContain(LOCK_KEY);
      // The checkpoint: the files S3 answered recorded with their bytes' hash, the ones cut off of unknown bytes.
      const checkpoint = (JSON.parse((await output.get(`${STATE_DIR}manifest.json`))!.toString('utf8')) as { objects: Record<string, { sha256: string }> }).objects;
      for (const key of slow.seen.passed) expect(checkpoint[key]?.sha256, key).toBe(left[key]);
      for (const key of slow.seen.stalled) expect(checkpoint[key]?.sha256, key).toBe('unknown');

      const done: Done = { siteFiles: 0, lockTaken: false, keys: [], shortAfter: Number.POSITIVE_INFINITY, short: false };
      const next = createPublishHandler(() => ({ config, s3: countingClient(siteBucket, done), logger: createLogger('broadsheet-test-publish'), clock: () => NOW }));
      expect(await next(scheduledEvent(), lambdaContext('broadsheet-test-publish', 'req-after'))).toMatchObject({ ok: true });
      const scratch = await fromScratch(config);
      const siteFiles = Object.keys(scratch).filter((key) => !key.startsWith(STATE_DIR));
      expect(done.keys.sort()).toEqual(siteFiles.filter((key) => !slow.seen.passed.includes(key)).sort());
      expect(await hashBucket(admin, siteBucket)).toEqual(scratch);
    } finally {
      await slow.close();
    }
  }, 20_000);
});

describe('the publish function, its run record slow to write', () => {
  // A record whose write outlasts its own time is cut off, and the lock's release still has the time of its two
  // attempts: the lock is released rather than left to go stale.
  it('cuts the record off at what the lock\'s release needs, and releases the lock in that time', async () => {
    const { siteBucket, config } = await site('deadline-record');
    const s3 = testS3Client(endpoint);
    let recordSent = false;
    // The record's PUT held back 1.5 s before it is sent: the cut-off looks at the time left every second.
    s3.middlewareStack.add(
      (next, context) => async (args) => {
        const { Bucket, Key = '' } = args.input as { Bucket?: string; Key?: string };
        if (context.commandName === 'PutObjectCommand' && Bucket === siteBucket && Key.startsWith(RUNS_PREFIX)) {
          recordSent = true;
          await new Promise((resolve) => setTimeout(resolve, 1_500));
        }
        return next(args);
      },
      { step: 'build', name: 'slowRecord' },
    );
    const slowRecord = createPublishHandler(() => ({ config, s3, logger: createLogger('broadsheet-test-publish'), clock: () => NOW }));
    // All the time it needs until the record is sent; then a millisecond under what the release keeps, well over the margin.
    const context: Context = { ...lambdaContext('broadsheet-test-publish', 'req-slow-record'), getRemainingTimeInMillis: () => (recordSent ? afterRecordMs(S3_SETTINGS) - 1 : 900_000) };
    const logs = captureLogs();
    const outcome = await slowRecord(scheduledEvent(), context).finally(() => logs.restore());
    expect(outcome).toMatchObject({ ok: true });
    const warned = logs.lines().filter((line) => line.message === 'the run record was not written');
    expect(warned.map((line) => (line.error as { message: string }).message)).toEqual([
      expect.stringContaining(`DeadlineError: cut off with ${afterRecordMs(S3_SETTINGS)} ms of the function's time left, kept for the lock's release`),
    ]);
    expect(logs.lines().filter((line) => line.message === 'publish lock not released')).toEqual([]);
    const left = await hashBucket(admin, siteBucket);
    expect(Object.keys(left)).not.toContain(LOCK_KEY);
    expect(await findRun(new S3Store(admin, siteBucket, ''), 'req-slow-record')).toBeUndefined();
  });
});

