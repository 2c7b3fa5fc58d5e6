import { PutObjectCommand } from '@aws-sdk/client-s3';
import { dump } from 'js-yaml';
import { DateTime } from 'luxon';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { readPublishConfig } from '../../../functions/config.js';
import { createLogger } from '../../../functions/logger.js';
import { createPublishHandler } from '../../../functions/publish.js';
import { StoreError } from '../../../lib/shared/errors.js';
import { entry, entryText, SITE } from '../../support/content.js';
import { FaultProxy } from '../../support/faultProxy.js';
import { captureLogs, lambdaContext, scheduledEvent } from '../../support/lambda.js';
import { freshBucket, hashBucket, objectText, s3rverEnv, testS3Client } from '../../support/s3.js';

// The publish function reading an entry whose body stalls midway: the proxy in front of s3rver sends the headers and
// half the body, then nothing. Without an idle limit the run waited for the rest until Lambda's own timeout.
const endpoint = inject('s3Endpoint');
const direct = testS3Client(endpoint);
let proxy: FaultProxy;
let logs: ReturnType<typeof captureLogs>;

beforeAll(async () => {
  proxy = await FaultProxy.start(endpoint);
});
afterAll(() => proxy.close());
beforeEach(() => {
  proxy.decide = () => 'pass';
  proxy.seen.length = 0;
  logs = captureLogs();
});
afterEach(() => logs.restore());

/** A content bucket with two entries, a site bucket with the first published, and the handler reading through the proxy. */
async function site() {
  const contentBucket = await freshBucket(direct, 'stall-content');
  const siteBucket = await freshBucket(direct, 'stall-site');
  const put = (key: string, body: string) => direct.send(new PutObjectCommand({ Bucket: contentBucket, Key: `content/${key}`, Body: body }));
  await put('site.yml', dump(SITE));
  await put('entries/2014/a.md', entryText(entry({ title: 'Rail link opens', url: 'https://news.example.com/a' })));
  const config = readPublishConfig({ ...s3rverEnv(proxy.endpoint), CONTENT_BUCKET: contentBucket, CONTENT_PREFIX: 'content/', SITE_BUCKET: siteBucket });
  // A short timeout, so that a stall is cut off in a fraction of a second.
  const s3 = testS3Client(proxy.endpoint, { maxAttempts: 2, requestTimeoutMs: 400 });
  const handler = createPublishHandler(() => ({ config, s3, logger: createLogger('broadsheet-publish'), clock: () => DateTime.fromISO('2014-06-01T00:00:00Z') }));
  const run = (id: string) => handler(scheduledEvent(), lambdaContext('broadsheet-test-publish', id));
  expect(await run('stall-0')).toMatchObject({ ok: true });
  await put('entries/2014/b.md', entryText(entry({ title: 'Exports rise', url: 'https://news.example.com/b', date: '2014-05-10' })));
  return { siteBucket, run };
}

const stallsOf = (key: string) => proxy.seen.filter((r) => r.fault === 'stallMidBody' && r.url.split('?')[0]!.endsWith(key)).length;

describe('an S3 body that stalls midway', () => {
  it('every time: the publish fails within seconds naming the object, and the site is left as it was', async () => {
    const { siteBucket, run } = await site();
    const before = await hashBucket(direct, siteBucket);
    proxy.decide = ({ method, url }) => (method === 'GET' && url.split('?')[0]!.endsWith('/entries/2014/b.md') ? 'stallMidBody' : 'pass');
    const started = Date.now();
    const error = await run('stall-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toMatch(/^cannot read s3:\/\/stall-content-[0-9a-f]+\/content\/entries\/2014\/b\.md: TimeoutError: /);
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(stallsOf('/entries/2014/b.md')).toBe(3);
    const after = await hashBucket(direct, siteBucket);
    expect(Object.fromEntries(Object.entries(after).filter(([key]) => !key.startsWith('_broadsheet/runs/')))).toEqual(before);
  }, 15_000);

  it('once: the object is asked for again and the publish completes with it', async () => {
    const { siteBucket, run } = await site();
    let stalled = false;
    proxy.decide = ({ method, url }) => {
      if (stalled || method !== 'GET' || !url.split('?')[0]!.endsWith('/entries/2014/b.md')) return 'pass';
      stalled = true;
      return 'stallMidBody';
    };
    expect(await run('stall-2')).toMatchObject({ ok: true });
    expect(stallsOf('/entries/2014/b.md')).toBe(1);
    expect(await objectText(direct, siteBucket, 'rss.xml')).toContain('Exports rise');
  }, 15_000);
});
