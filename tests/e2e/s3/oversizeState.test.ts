import { PutObjectCommand } from '@aws-sdk/client-s3';
import { dump } from 'js-yaml';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { runKey } from '../../../lib/publish/runRecord.js';
import { runCli } from '../../support/cli.js';
import { entry, entryText, SITE } from '../../support/content.js';
import { FaultProxy } from '../../support/faultProxy.js';
import { freshBucket, hashBucket, s3rverEnv, testS3Client } from '../../support/s3.js';

// Broadsheet's own state in `_broadsheet/` replaced by a 600,000,000-byte object (a junk upload): a manifest so large
// is a damaged manifest like any other (the publish writes every file, rewrites it, and says so), an entry index so
// large a damaged cache (the entries are read again), a publish lock so large no lock record (taken over), a run
// record so large no record (`status` lists the others). The proxy answers the object's GET as S3 would begin to (200,
// Content-Length 600000000) and never sends the body, so a publish that downloads it waits until its timeouts give
// up: read whole, a manifest stopped every publish with exit 2 ("Cannot create a string longer than ..."), an index
// with "cannot read …/index.json: Error: aborted".
const endpoint = inject('s3Endpoint');
const env = s3rverEnv(endpoint);
const client = testS3Client(endpoint);
const HUGE = 600_000_000;
let proxy: FaultProxy;
let contentBucket: string;
let siteBucket: string;
const put = (bucket: string, key: string, body: string) => client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));

beforeAll(async () => {
  contentBucket = await freshBucket(client, 'bigman');
  siteBucket = await freshBucket(client, 'bigman-site');
  await put(contentBucket, 'content/site.yml', dump(SITE));
  await put(contentBucket, 'content/entries/2014/a.md', entryText(entry()));
  await put(siteBucket, 'robots.txt', 'User-agent: *\n');
  proxy = await FaultProxy.start(endpoint);
});
afterAll(() => proxy.close());
afterEach(() => {
  proxy.decide = () => 'pass';
  proxy.honourIfNoneMatch = false;
});

const publish = (at: string) => ['publish', '--content', `s3://${contentBucket}/content`, '--bucket', siteBucket, '--endpoint', at, '--now', '2014-06-01T00:00:00Z', '--quiet'];

/**
 * Has the proxy answer the GETs of `key` in the site bucket with HUGE bytes that never come, until it is written again;
 * true once it is. A create-only PUT does not replace it (S3 refuses it: the key is taken).
 */
function hugeUntilRewritten(key: string): () => boolean {
  const target = `/${siteBucket}/${key}`;
  let rewritten = false;
  proxy.decide = ({ method, url, headers }) => {
    const path = url.split('?')[0];
    if (path === target && method === 'PUT' && headers['if-none-match'] !== '*') rewritten = true;
    if (path !== target || method !== 'GET' || rewritten) return 'pass';
    return { status: 200, headers: { 'content-type': 'application/json', 'content-length': String(HUGE), etag: '"0123456789abcdef0123456789abcdef-72"' }, body: '' };
  };
  return () => rewritten;
}

describe('a manifest made larger than any text can be', () => {
  it('is taken as absent: every file written, the manifest rewritten, one warning; the next publish trusts it', async () => {
    const first = await runCli(publish(endpoint), { env });
    expect(first.code, first.stderr).toBe(0);
    const published = await hashBucket(client, siteBucket);

    hugeUntilRewritten('_broadsheet/manifest.json');
    const second = await runCli(publish(proxy.endpoint), { env: s3rverEnv(proxy.endpoint) });
    expect(second.stderr.trim()).toBe('warning: the manifest _broadsheet/manifest.json was damaged (it is 600,000,000 bytes, too large to read): wrote every file and rewrote it');
    expect(second.code).toBe(0);
    // Every file the first publish wrote is new to it: the objects but robots.txt and Broadsheet's own state.
    const files = Object.keys(published).filter((key) => key !== 'robots.txt' && !key.startsWith('_broadsheet/')).length;
    expect(second.stdout).toContain(`Published ${files} files to s3://${siteBucket}/: ${files} new, 0 changed, 0 unchanged, 0 deleted`);
    // The same files as the first publish wrote, the foreign robots.txt left alone.
    expect(await hashBucket(client, siteBucket)).toEqual(published);

    const third = await runCli(publish(endpoint), { env });
    expect(third.code, third.stderr).toBe(0);
    expect(third.stderr).toBe('');
  }, 20_000);
});

describe('an entry index made larger than any text can be', () => {
  it('is taken as absent: the entries are read again, the index rewritten, and the publish goes on', async () => {
    // A new entry, so that the publish is not settled and loads the content through the index.
    await put(contentBucket, 'content/entries/2014/b.md', entryText(entry({ title: 'Second', url: 'https://news.example.com/b', date: '2014-05-09' })));
    const rewritten = hugeUntilRewritten('_broadsheet/index.json');
    const run = await runCli(publish(proxy.endpoint), { env: s3rverEnv(proxy.endpoint) });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/2 of 2 entries/);
    expect(rewritten()).toBe(true);

    const again = await runCli(publish(endpoint), { env });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/0 new, 0 changed, \d+ unchanged, 0 deleted/);
  }, 60_000);
});

describe('a publish lock made larger than any lock record', () => {
  it('is taken over as no lock record, unread; the publish goes on and releases the lock', async () => {
    await put(siteBucket, '_broadsheet/publish.lock', 'junk');
    // As S3 answers a create-only PUT: the lock's key is taken.
    proxy.honourIfNoneMatch = true;
    const rewritten = hugeUntilRewritten('_broadsheet/publish.lock');
    await put(contentBucket, 'content/entries/2014/c.md', entryText(entry({ title: 'Third', url: 'https://news.example.com/c', date: '2014-05-10' })));
    const run = await runCli(publish(proxy.endpoint), { env: s3rverEnv(proxy.endpoint) });
    expect(run.stderr.trim()).toBe(`warning: took over the lock s3://${siteBucket}/_broadsheet/publish.lock, which was not a lock record; this publish writes what a publish from scratch would`);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/3 of 3 entries/);
    expect(rewritten()).toBe(true);
    const left = await hashBucket(client, siteBucket);
    // Nor the takeover's marker (named after the lock's size, unread): it has served.
    expect(Object.keys(left).filter((k) => k.includes('lock'))).toEqual([]);
  }, 60_000);
});

describe('a run record made larger than any record', () => {
  it('is left out of `status`, unread; the other runs are listed', async () => {
    const recorded = await runCli(['status', '--bucket', siteBucket, '--endpoint', endpoint, '--json', '--limit', '100'], { env });
    expect(recorded.code, recorded.stderr).toBe(0);
    const runs = (JSON.parse(recorded.stdout) as { runs: { id: string }[] }).runs.map((record) => record.id);
    expect(runs.length).toBeGreaterThan(0);
    // Named as the newest record would be, so that any `status` reads it.
    const junkKey = runKey({ id: 'cli-junk', startedAt: '2099-01-01T00:00:00.000Z' });
    await put(siteBucket, junkKey, '{}');
    hugeUntilRewritten(junkKey);
    const status = await runCli(['status', '--bucket', siteBucket, '--endpoint', proxy.endpoint, '--json', '--limit', '100'], { env: s3rverEnv(proxy.endpoint) });
    expect(status.stderr).toBe('');
    expect(status.code).toBe(0);
    expect((JSON.parse(status.stdout) as { runs: { id: string }[] }).runs.map((record) => record.id)).toEqual(runs);
  }, 60_000);
});
