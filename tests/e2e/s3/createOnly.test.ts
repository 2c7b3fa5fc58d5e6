import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { SendLedger } from '../../../lib/delivery/sendLedger.js';
import { publish } from '../../../lib/publish/publish.js';
import { LOCK_KEY } from '../../../lib/publish/publishLock.js';
import { PublishLockedError } from '../../../lib/shared/errors.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { S3Store } from '../../../lib/store/s3Store.js';
import { entry, entryText, memoryContent } from '../../support/content.js';
import { FaultProxy } from '../../support/faultProxy.js';
import { freshBucket, hashBucket, testS3Client } from '../../support/s3.js';

// S3's create-only write (PutObject with If-None-Match: *) over real HTTP. s3rver ignores the header, so a proxy
// in front of it answers 412 PreconditionFailed as S3 does when the key exists. The send ledger's claims and the
// publish lock rest on it.
const endpoint = inject('s3Endpoint');
const direct = testS3Client(endpoint);
const NOW = DateTime.fromISO('2014-06-10T12:00', { zone: 'Asia/Seoul' });
const T0 = Date.parse('2026-12-04T10:00:00Z');
const V1 = { '2014/a.md': entryText(entry({ title: 'Rail link opens', url: 'https://news.example.com/a', date: '2014-05-08', tags: ['trade'] })) };
const V2 = { ...V1, '2014/b.md': entryText(entry({ title: 'Exports rise', url: 'https://news.example.com/b', date: '2014-05-09', tags: ['energy'] })) };
let proxy: FaultProxy;

beforeAll(async () => {
  proxy = await FaultProxy.start(endpoint);
  proxy.honourIfNoneMatch = true;
});
afterAll(async () => {
  await proxy.close();
});
beforeEach(() => {
  proxy.seen.length = 0;
});

const throughProxy = (bucket: string) => new S3Store(testS3Client(proxy.endpoint), bucket);
const PUT = { contentType: 'text/plain' };

async function text(bucket: string, key: string): Promise<string> {
  const object = await direct.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return object.Body!.transformToString();
}

describe('S3 create-only writes over HTTP', () => {
  it('putIfAbsent creates a free key, and is refused (412) on a taken one, which keeps its bytes', async () => {
    const bucket = await freshBucket(direct, 'create-only');
    const store = throughProxy(bucket);
    expect(await store.putIfAbsent('claims/one', 'first', PUT)).toBe(true);
    expect(await store.putIfAbsent('claims/one', 'second', PUT)).toBe(false);
    expect(await text(bucket, 'claims/one')).toBe('first');
    // The header went out on both; the server refused the second.
    expect(proxy.seen.filter((r) => r.method === 'PUT').length).toBe(2);
    // s3rver itself would have overwritten: the proxy is what makes this test S3's behaviour.
    await direct.send(new PutObjectCommand({ Bucket: bucket, Key: 'claims/one', Body: 'third', IfNoneMatch: '*' }));
    expect(await text(bucket, 'claims/one')).toBe('third');
  });

  it('the send ledger gives an attempt to exactly one of many racing claims', async () => {
    const bucket = await freshBucket(direct, 'ledger');
    const ledger = new SendLedger(throughProxy(bucket), '2014-W23');
    const id = 'a'.repeat(32);
    const won = await Promise.all(Array.from({ length: 6 }, (_, run) => ledger.claim(id, 1, { run })));
    expect(won.filter(Boolean)).toHaveLength(1);
    // Claimed, not yet handed over: nothing went out.
    expect((await ledger.load()).get(id)).toEqual({ attempt: 1, status: 'unhanded' });
    // The claimant's handover and another run's withdrawal race for one create-only key: exactly one wins.
    const [handed, withdrawn] = await Promise.all([ledger.handOver(id, 1, { run: 'claimant' }), ledger.withdraw(id, 1, { run: 'other' })]);
    expect([handed, withdrawn].filter(Boolean)).toHaveLength(1);
    expect((await ledger.load()).get(id)).toEqual({ attempt: 1, status: handed ? 'unknown' : 'released' });
    expect(await ledger.claim(id, 1, { run: 'late' })).toBe(false);
    expect(await ledger.claim(id, 2, { run: 'next attempt' })).toBe(true);
  });
});

describe('the publish lock on S3', () => {
  const served = (all: Record<string, string>) => Object.fromEntries(Object.entries(all).filter(([key]) => !key.startsWith('_broadsheet/')));

  it('refuses a second publisher into the bucket while the lock is held, naming the owner, and writes nothing', async () => {
    const bucket = await freshBucket(direct, 'locked');
    await publish({ content: memoryContent({ entries: V1 }), output: new S3Store(direct, bucket), now: NOW, websub: false });
    const held = { owner: 'the publish function, request r-1', token: 'r1', since: new Date(T0).toISOString(), staleAt: new Date(T0 + 900_000).toISOString() };
    await direct.send(new PutObjectCommand({ Bucket: bucket, Key: LOCK_KEY, Body: JSON.stringify(held) }));
    const before = await hashBucket(direct, bucket);
    const run = publish({ content: memoryContent({ entries: V2 }), output: throughProxy(bucket), now: NOW, websub: false, lock: { owner: 'cli', clock: () => T0 + 60_000 } });
    await expect(run).rejects.toThrow(PublishLockedError);
    await expect(run).rejects.toThrow(/the publish function, request r-1/);
    expect(await hashBucket(direct, bucket)).toEqual(before);
  });

  it('of two publishes at once, one publishes whole and the other refuses', async () => {
    const bucket = await freshBucket(direct, 'racing');
    await publish({ content: memoryContent({ entries: V1 }), output: new S3Store(direct, bucket), now: NOW, websub: false });
    const runs = await Promise.allSettled(
      ['cli', 'lambda'].map((owner) => publish({ content: memoryContent({ entries: V2 }), output: throughProxy(bucket), now: NOW, websub: false, lock: { owner, clock: () => T0 } })),
    );
    expect(runs.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((runs.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(PublishLockedError);
    const scratch = new MemoryStore();
    await publish({ content: memoryContent({ entries: V2 }), output: scratch, now: NOW, websub: false });
    const expected: Record<string, string> = {};
    const { createHash } = await import('node:crypto');
    for (const [key, object] of scratch.objects) expected[key] = createHash('sha256').update(object.body).digest('hex');
    const after = await hashBucket(direct, bucket);
    expect(served(after)).toEqual(served(expected));
    expect(after[LOCK_KEY]).toBeUndefined();
  });
});

describe('drift repair on S3', () => {
  it('puts back an object deleted and one overwritten by someone else, with one LIST and no GET per file', async () => {
    const bucket = await freshBucket(direct, 'drift');
    const content = memoryContent({ entries: V2 });
    await publish({ content, output: new S3Store(direct, bucket), now: NOW, websub: false });
    const expected = await hashBucket(direct, bucket);

    const { DeleteObjectCommand } = await import('@aws-sdk/client-s3');
    await direct.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'tags/energy/feed.json' }));
    await direct.send(new PutObjectCommand({ Bucket: bucket, Key: 'rss.xml', Body: '<rss version="2.0"><channel/></rss>', ContentType: 'application/rss+xml' }));
    const output = new S3Store(direct, bucket);
    const repair = await publish({ content, output, now: NOW, websub: false });
    expect(repair.repaired.sort()).toEqual(['rss.xml', 'tags/energy/feed.json']);
    expect(served(await hashBucket(direct, bucket))).toEqual(served(expected));
    // The two files, then the intent and the manifest: no other PUT. GETs: the manifest and the entry index only.
    expect(output.requests.put).toBe(4);
    expect(output.requests.get).toBeLessThanOrEqual(2);
    // One LIST, for drift: each PUT answers with the ETag it left, so none after the writes for their versions.
    expect(output.requests.list).toBe(1);

    const quiet = new S3Store(direct, bucket);
    const again = await publish({ content, output: quiet, now: NOW, websub: false });
    expect(again.settled).toBe(true);
    expect(quiet.requests).toEqual({ list: 1, get: 1, put: 0, delete: 0 });
  });

  const served = (all: Record<string, string>) => Object.fromEntries(Object.entries(all).filter(([key]) => !key.startsWith('_broadsheet/')));
});
