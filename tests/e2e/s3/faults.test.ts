import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { RUNS_PREFIX } from '../../../lib/publish/runRecord.js';
import { StoreError } from '../../../lib/shared/errors.js';
import { LocalStore } from '../../../lib/store/localStore.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { publish } from '../../../lib/publish/publish.js';
import { pushContent } from '../../../cli/pushContent.js';
import { S3Store } from '../../../lib/store/s3Store.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { FaultProxy } from '../../support/faultProxy.js';
import { freshBucket, hashBucket, s3rverEnv, testS3Client } from '../../support/s3.js';
import { parseXml } from '../../support/xml.js';

// Faults partway through a publish, injected by a proxy in front of s3rver: S3 500s, connection resets,
// hangs cut off by the request timeout, and the process killed mid-write (a Lambda timeout).
// After each: every published file is still valid, and the next clean run converges.
const endpoint = inject('s3Endpoint');
const direct = testS3Client(endpoint);
const NOW = DateTime.fromISO('2014-06-01T00:00:00+09:00', { setZone: true });
let proxy: FaultProxy;

const ENTRIES_V1 = {
  '2014/a.md': entryText(entry({ title: 'Rail link opens', url: 'https://news.example.com/a', date: '2014-05-08', tags: ['Trade', 'Rail'] })),
  '2014/b.md': entryText(entry({ title: 'Exports rise', url: 'https://news.example.com/b', date: '2014-05-10', tags: ['Trade'] })),
  '2014/c.md': entryText(entry({ title: 'Power deal', url: 'https://news.example.com/c', date: '2014-05-12', tags: ['Energy'] })),
};
// v2: a new entry and tag, a changed title, a tag dropped (its feeds are deleted): every kind of write.
const ENTRIES_V2 = {
  '2014/a.md': entryText(entry({ title: 'Rail link opens', url: 'https://news.example.com/a', date: '2014-05-08', tags: ['Trade'] })),
  '2014/b.md': entryText(entry({ title: 'Exports rise sharply', url: 'https://news.example.com/b', date: '2014-05-10', tags: ['Trade'] })),
  '2014/c.md': entryText(entry({ title: 'Power deal', url: 'https://news.example.com/c', date: '2014-05-12', tags: ['Energy'] })),
  '2014/d.md': entryText(entry({ title: 'Port expands', url: 'https://news.example.com/d', date: '2014-05-14', tags: ['Shipping', 'Trade'] })),
};

interface Site {
  contentBucket: string;
  siteBucket: string;
}

/** A content bucket holding v1, a site bucket with v1 published cleanly, then v2 pushed (not yet published). */
async function siteWithPendingChange(): Promise<Site> {
  const site = { contentBucket: await freshBucket(direct, 'fault-content'), siteBucket: await freshBucket(direct, 'fault-site') };
  const contentStore = new S3Store(direct, site.contentBucket, 'content/');
  await pushContent({ from: new LocalStore(await contentFolder({ entries: ENTRIES_V1 })), to: contentStore });
  await publish({ content: contentStore, output: new S3Store(direct, site.siteBucket), now: NOW });
  await pushContent({ from: new LocalStore(await contentFolder({ entries: ENTRIES_V2 })), to: contentStore });
  return site;
}

/**
 * Publishes through the proxy, with few attempts and a short timeout so faults surface quickly. The
 * timeout is short for a test, yet long enough that a loaded CI machine does not trip it on healthy requests.
 */
function publishThroughProxy(site: Site, requestTimeoutMs = 2000, maxAttempts = 2) {
  const client = testS3Client(proxy.endpoint, { maxAttempts, requestTimeoutMs });
  return publish({ content: new S3Store(client, site.contentBucket, 'content/'), output: new S3Store(client, site.siteBucket), now: NOW, concurrency: 4 });
}

/**
 * Every published file parses (XML or JSON), and every file the manifest lists exists, but those a publish that
 * died was about to write (recorded with unknown bytes: lib/publish/publishIntent.ts). Answers the bucket as
 * hashBucket does, from the bytes read here.
 */
async function assertSiteValid(site: Site): Promise<Record<string, string>> {
  const store = new S3Store(direct, site.siteBucket);
  const listed = await store.list('');
  const manifest = JSON.parse((await store.get('_broadsheet/manifest.json'))!.toString('utf8')) as { objects: Record<string, { sha256: string }> };
  const keys = new Set(listed.map((o) => o.key));
  for (const [key, record] of Object.entries(manifest.objects)) if (record.sha256 !== 'unknown') expect(keys, `manifest lists ${key}`).toContain(key);
  const hashes: Record<string, string> = {};
  for (const { key } of listed) {
    const body = (await store.get(key))!;
    if (!key.startsWith(RUNS_PREFIX)) hashes[key] = createHash('sha256').update(body).digest('hex');
    const text = body.toString('utf8');
    if (key.endsWith('.xml') || key.endsWith('.xsl')) expect(() => parseXml(text), key).not.toThrow();
    if (key.endsWith('.json')) expect(() => JSON.parse(text), key).not.toThrow();
    if (key.endsWith('feed.json')) expect((JSON.parse(text) as { version: string }).version).toBe('https://jsonfeed.org/version/1.1');
  }
  return hashes;
}

/** What a clean publish of v2 produces, into memory: the state every run must converge to, worked out once. */
let cleanV2: Promise<Record<string, string>> | undefined;
function expectedV2(): Promise<Record<string, string>> {
  cleanV2 ??= publishedV2();
  return cleanV2;
}
async function publishedV2(): Promise<Record<string, string>> {
  const memory = new MemoryStore();
  await publish({ content: new LocalStore(await contentFolder({ entries: ENTRIES_V2 })), output: memory, now: NOW });
  return Object.fromEntries(
    [...memory.objects].filter(([key]) => !key.startsWith('_broadsheet/')).map(([key, o]) => [key, createHash('sha256').update(o.body).digest('hex')]),
  );
}

/** A clean run converges to v2, and the run after it changes nothing. */
async function assertConverges(site: Site): Promise<void> {
  const client = testS3Client(endpoint);
  const run = () => publish({ content: new S3Store(client, site.contentBucket, 'content/'), output: new S3Store(client, site.siteBucket), now: NOW });
  await run();
  const files = await assertSiteValid(site);
  const published = Object.fromEntries(Object.entries(files).filter(([key]) => !key.startsWith('_broadsheet/')));
  expect(published).toEqual(await expectedV2());
  const again = await run();
  expect(again.requests.output.put).toBe(0);
  expect(again.requests.output.delete).toBe(0);
}

const isFeedPut = (method: string, url: string) => method === 'PUT' && !url.includes('_broadsheet');

beforeAll(async () => {
  proxy = await FaultProxy.start(endpoint);
});
afterAll(async () => {
  await proxy.close();
});
beforeEach(() => {
  proxy.decide = () => 'pass';
  proxy.seen.length = 0;
});

describe('a publish that fails partway', () => {
  it('S3 500s on writes: fails with a StoreError, the old site stays valid, the manifest holds the intent, the next run converges', async () => {
    const site = await siteWithPendingChange();
    const before = await hashBucket(direct, site.siteBucket);
    let feedPuts = 0;
    // The first two writes succeed, then S3 fails every write (both attempts of each).
    proxy.decide = ({ method, url }) => (isFeedPut(method, url) && ++feedPuts > 2 ? 'error500' : 'pass');
    await expect(publishThroughProxy(site)).rejects.toThrow(StoreError);
    expect(proxy.seen.filter((r) => r.fault === 'error500').length).toBeGreaterThan(0);
    // The intent, before the first file, then its checkpoint once the writes stopped: no settled record, the two
    // files S3 took recorded with their bytes, every other file being written still of unknown bytes.
    expect(proxy.count('PUT', '_broadsheet/manifest.json')).toBe(2);
    const after = await assertSiteValid(site);
    const intent = JSON.parse((await new S3Store(direct, site.siteBucket).get('_broadsheet/manifest.json'))!.toString('utf8')) as { objects: Record<string, { sha256: string }>; settled?: unknown };
    expect(intent.settled).toBeUndefined();
    const took = proxy.seen.filter((r) => isFeedPut(r.method, r.url) && r.fault === 'pass').map((r) => decodeURIComponent(r.url.split('?')[0]!.slice(`/${site.siteBucket}/`.length)));
    expect(took).toHaveLength(2);
    const output = new S3Store(direct, site.siteBucket);
    for (const key of took) expect(intent.objects[key]?.sha256, key).toBe(createHash('sha256').update((await output.get(key))!).digest('hex'));
    // v2 adds the Shipping tag's feeds: new files the intent records before writing them.
    const shipping = Object.keys(intent.objects).filter((key) => key.startsWith('tags/shipping/'));
    expect(shipping.length).toBeGreaterThan(0);
    for (const key of shipping.filter((key) => !took.includes(key))) expect(intent.objects[key]?.sha256, key).toBe('unknown');
    expect(shipping.filter((key) => !took.includes(key)).length).toBeGreaterThan(0);
    // No deletions happen before every write succeeded.
    for (const key of Object.keys(before)) expect(after, key).toHaveProperty([key]);
    await assertConverges(site);
  });

  it('a single 500 or a single connection reset is retried by the SDK and the publish succeeds', async () => {
    const site = await siteWithPendingChange();
    let faults = 0;
    // Each on a PUT of its own (the test client tries each request twice): the retry of a faulted one passes.
    const faulted = new Set<string>();
    proxy.decide = ({ method, url }) => {
      if (!isFeedPut(method, url) || faults >= 2 || faulted.has(url)) return 'pass';
      faulted.add(url);
      return faults++ === 0 ? 'error500' : 'reset';
    };
    // No hang here: a long timeout, so that only the two faults cause retries, however loaded the machine.
    const result = await publishThroughProxy(site, 30_000);
    expect(faults).toBe(2);
    expect(proxy.seen.map((r) => r.fault)).toEqual(expect.arrayContaining(['error500', 'reset']));
    // Every write the publish made reached S3: one more PUT attempt per fault than the publish counted.
    expect(proxy.count('PUT')).toBe(result.requests.output.put + 2);
    await assertConverges(site);
  });

  it('connection resets on every write: fails, the site stays valid, the next run converges', async () => {
    const site = await siteWithPendingChange();
    let feedPuts = 0;
    proxy.decide = ({ method, url }) => (isFeedPut(method, url) && ++feedPuts > 3 ? 'reset' : 'pass');
    await expect(publishThroughProxy(site)).rejects.toThrow(StoreError);
    expect(proxy.seen.some((r) => r.fault === 'reset')).toBe(true);
    await assertSiteValid(site);
    await assertConverges(site);
  });

  it('requests that hang are cut off by the request timeout: fails, the site stays valid, the next run converges', async () => {
    const site = await siteWithPendingChange();
    let feedPuts = 0;
    proxy.decide = ({ method, url }) => (isFeedPut(method, url) && ++feedPuts > 1 ? 'hang' : 'pass');
    // One attempt each: a hung request is cut off once, not twice (the retries of other faults are the test above's).
    const error = await publishThroughProxy(site, 2000, 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(String((error as Error).message)).toMatch(/timeout|timed out|socket hang up/i);
    expect(proxy.seen.some((r) => r.fault === 'hang')).toBe(true);
    await assertSiteValid(site);
    await assertConverges(site);
  });

  it('the process killed mid-publish (a Lambda timeout): the site stays valid, the next run converges', async () => {
    const site = await siteWithPendingChange();
    const bin = fileURLToPath(new URL('../../../bin/broadsheet.js', import.meta.url));
    let feedPuts = 0;
    let killed = false;
    // Hang the fourth write, and kill the CLI as it waits on it.
    const child = spawn(process.execPath, [bin, 'publish', '--content', `s3://${site.contentBucket}/content`, '--bucket', site.siteBucket, '--endpoint', proxy.endpoint, '--now', NOW.toISO()!], {
      env: { ...process.env, ...s3rverEnv(proxy.endpoint) },
      stdio: 'ignore',
    });
    proxy.decide = ({ method, url }) => {
      if (!isFeedPut(method, url) || ++feedPuts < 4) return 'pass';
      if (!killed) {
        killed = true;
        child.kill('SIGKILL');
      }
      return 'hang';
    };
    const code = await new Promise<string | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    expect(code).toBe('SIGKILL');
    // Three writes landed before the kill: the site is a mix of old and new files.
    expect(proxy.seen.filter((r) => isFeedPut(r.method, r.url) && r.fault === 'pass').length).toBe(3);
    // The intent went first, then three files; not the final manifest.
    expect(proxy.count('PUT', '_broadsheet/manifest.json')).toBe(1);
    await assertSiteValid(site);
    await assertConverges(site);
  });
});
