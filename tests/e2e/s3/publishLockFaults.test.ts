import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LOCK_KEY } from '../../../lib/publish/publishLock.js';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { FaultProxy } from '../../support/faultProxy.js';
import { freshBucket, hashBucket, objectText, s3rverEnv, testS3Client } from '../../support/s3.js';

// The real CLI publishing to s3rver through a proxy that answers create-only writes as S3 does, and fails the lock's
// requests: loses the answer to its PutObject after S3 made the object (the SDK's retry then meets 412 on the lock
// this publish holds), or answers every DeleteObject of it with 500 (the files and the manifest all written).

const endpoint = inject('s3Endpoint');
const direct = testS3Client(endpoint);
const NOW = '2014-06-01T00:00:00Z';
const V1 = { '2014/a.md': entryText(entry({ title: 'Rail link opens', url: 'https://news.example.com/a', date: '2014-05-08', tags: ['trade'] })) };
const V2 = { ...V1, '2014/b.md': entryText(entry({ title: 'Exports rise', url: 'https://news.example.com/b', date: '2014-05-09', tags: ['energy'] })) };
let proxy: FaultProxy;
let content: { v1: string; v2: string };
/** V2 published from scratch into a bucket of its own, once: what each faulted V1 → V2 publish must leave served. */
let scratchV2: Record<string, string>;
beforeAll(async () => {
  proxy = await FaultProxy.start(endpoint);
  proxy.honourIfNoneMatch = true;
  content = { v1: await contentFolder({ entries: V1 }), v2: await contentFolder({ entries: V2 }) };
  const scratch = await freshBucket(direct, 'scratch-v2');
  expect((await publishTo(scratch, content.v2)).code).toBe(0);
  scratchV2 = served(await hashBucket(direct, scratch));
});
afterAll(async () => {
  await proxy.close();
});

const publishTo = (bucket: string, from: string) =>
  runCli(['publish', '--content', from, '--bucket', bucket, '--endpoint', proxy.endpoint, '--now', NOW, '--quiet'], { env: s3rverEnv(proxy.endpoint) });
const served = (all: Record<string, string>) => Object.fromEntries(Object.entries(all).filter(([key]) => !key.startsWith('_broadsheet/')));

describe('broadsheet publish to S3 whose lock PUT is answered by a lost connection', () => {
  it('holds the lock it made, publishes, and releases it', async () => {
    const bucket = await freshBucket(direct, 'lost-lock');
    expect((await publishTo(bucket, content.v1)).code).toBe(0);

    let lockPuts = 0;
    proxy.decide = ({ method, url }) => (method === 'PUT' && url.split('?')[0]!.endsWith(`/${LOCK_KEY}`) && lockPuts++ === 0 ? 'lostAnswer' : 'pass');
    const run = await publishTo(bucket, content.v2);
    proxy.decide = () => 'pass';
    expect(lockPuts).toBeGreaterThan(1);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const objects = await hashBucket(direct, bucket);
    expect(Object.keys(objects)).not.toContain(LOCK_KEY);
    expect(served(objects)).toEqual(scratchV2);
  });
});

describe('broadsheet publish to S3 whose lock cannot be deleted', () => {
  it('succeeds with a warning naming the lock; the next publish from this machine takes it over', async () => {
    const bucket = await freshBucket(direct, 'unreleased');
    expect((await publishTo(bucket, content.v1)).code).toBe(0);
    // V1 published from scratch: what the takeover's publish of V1 below must leave served.
    const scratchV1 = served(await hashBucket(direct, bucket));

    const isLockDelete = (method: string, url: string) => method === 'DELETE' && url.split('?')[0]!.endsWith(`/${LOCK_KEY}`);
    proxy.decide = ({ method, url }) => (isLockDelete(method, url) ? 'error500' : 'pass');
    const run = await publishTo(bucket, content.v2);
    proxy.decide = () => 'pass';
    expect(proxy.seen.filter(({ method, url }) => isLockDelete(method, url)).length).toBeGreaterThan(0);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`warning: the publish is complete, but its lock s3://${bucket}/${LOCK_KEY} could not be deleted`);
    expect(run.stderr).toContain('or at once by a publish from this machine once this process has ended');
    const objects = await hashBucket(direct, bucket);
    expect(Object.keys(objects)).toContain(LOCK_KEY);
    expect(served(objects)).toEqual(scratchV2);
    // The lock left behind is a CLI's lease: from another machine it holds ten minutes past its last renewal, not an hour.
    const left = JSON.parse(await objectText(direct, bucket, LOCK_KEY)) as { since: string; staleAt: string };
    expect(Date.parse(left.staleAt) - Date.parse(left.since)).toBe(10 * 60 * 1000);

    // That CLI has exited: the next publish with something to write takes its lock over at once, and releases it.
    const next = await publishTo(bucket, content.v1);
    expect(next.code).toBe(0);
    expect(next.stderr).toContain(`warning: took over the lock s3://${bucket}/${LOCK_KEY}`);
    expect(next.stderr).toContain('that process is no longer running');
    const after = await hashBucket(direct, bucket);
    expect(Object.keys(after)).not.toContain(LOCK_KEY);
    expect(served(after)).toEqual(scratchV1);
  });
});
