import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { StoreError } from '../../../lib/shared/errors.js';
import { S3Store } from '../../../lib/store/s3Store.js';
import { freshBucket, headObject, objectText, testS3Client } from '../../support/s3.js';

const endpoint = inject('s3Endpoint');
const client = testS3Client(endpoint);
let bucket: string;

beforeAll(async () => {
  bucket = await freshBucket(client, 'store');
});

describe('S3Store against s3rver', () => {
  it('puts bytes with the Content-Type and Cache-Control given, and gets them back', async () => {
    const store = new S3Store(client, bucket, 'site');
    const body = Buffer.from('<rss version="2.0">é</rss>', 'utf8');
    await store.put('tags/trade/rss.xml', body, { contentType: 'application/rss+xml; charset=utf-8', cacheControl: 'public, max-age=300' });
    expect(await store.get('tags/trade/rss.xml')).toEqual(body);
    const head = await headObject(client, bucket, 'site/tags/trade/rss.xml');
    expect(head.ContentType).toBe('application/rss+xml; charset=utf-8');
    expect(head.CacheControl).toBe('public, max-age=300');
    expect(store.description).toBe(`s3://${bucket}/site/`);
  });

  it('writes a string body as UTF-8', async () => {
    const store = new S3Store(client, bucket, 'strings/');
    await store.put('a.txt', 'naïve', { contentType: 'text/plain; charset=utf-8' });
    expect(await objectText(client, bucket, 'strings/a.txt')).toBe('naïve');
  });

  it('writes a body in chunks as their bytes one after another, answering with their MD5', async () => {
    const store = new S3Store(client, bucket, 'chunks/');
    const parts = ['{"records":{', '"a":"naïve"', '}}'];
    const version = await store.put('index.json', parts.map((part) => Buffer.from(part, 'utf8')), { contentType: 'application/json' });
    expect(await objectText(client, bucket, 'chunks/index.json')).toBe(parts.join(''));
    expect(version).toBe(createHash('md5').update(parts.join(''), 'utf8').digest('hex'));
  });

  it('returns undefined for a missing key', async () => {
    const store = new S3Store(client, bucket, 'nothing/');
    expect(await store.get('here.json')).toBeUndefined();
    expect(store.requests.get).toBe(1);
  });

  it('reports a missing bucket as a StoreError, not as a missing key', async () => {
    const store = new S3Store(client, 'no-such-bucket-here');
    const error = await store.get('site.yml').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).message).toContain('s3://no-such-bucket-here/site.yml');
    expect((error as StoreError).message).toContain('NoSuchBucket');
    expect((error as StoreError).cause).toBeDefined();
  });

  it('lists every page, keys relative to the prefix, in key order, with the ETag as version', async () => {
    const store = new S3Store(client, bucket, 'paged', { pageSize: 2 });
    const keys = ['entries/e.md', 'entries/a.md', 'entries/c/d.md', 'entries/b.md', 'entries/c/a.md'];
    for (const key of keys) await store.put(key, key, { contentType: 'text/markdown' });
    await store.put('other/x.md', 'x', { contentType: 'text/markdown' });
    const before = store.requests.list;
    const listed = await store.list('entries/');
    expect(listed.map((o) => o.key)).toEqual([...keys].sort());
    // 5 keys at 2 a page: 3 pages, each one LIST request.
    expect(store.requests.list - before).toBe(3);
    for (const object of listed) {
      expect(object.version).toMatch(/^[0-9a-f]{32}$/);
      expect(object.size).toBe(Buffer.byteLength(object.key));
    }
  });

  it('lists the folders under a prefix from their common prefixes, and the objects a page at a time, one LIST each', async () => {
    const store = new S3Store(client, bucket, 'folders', { pageSize: 2 });
    // One level of folders: s3rver's walk finds no common prefix of a key two folders down.
    for (const key of ['weeks/b/y.json', 'weeks/a/x.json', 'weeks/b/z.json', 'weeks/c.json', 'other/d/e.json']) await store.put(key, key, { contentType: 'application/json' });
    let before = store.requests.list;
    expect(await store.listFolders('weeks/')).toEqual(['weeks/a/', 'weeks/b/']);
    expect(store.requests.list - before).toBe(1);
    before = store.requests.list;
    const pages: string[][] = [];
    for await (const page of store.listPages('weeks/')) pages.push(page.map((object) => object.key));
    expect(pages).toEqual([
      ['weeks/a/x.json', 'weeks/b/y.json'],
      ['weeks/b/z.json', 'weeks/c.json'],
    ]);
    expect(store.requests.list - before).toBe(2);
    // A reader that stops after the first page makes no second request.
    before = store.requests.list;
    for await (const page of store.listPages('weeks/')) if (page.length > 0) break;
    expect(store.requests.list - before).toBe(1);
  });

  it('gives a rewritten object a new version, and the same bytes the same version', async () => {
    const store = new S3Store(client, bucket, 'versions/');
    await store.put('x.md', 'one', { contentType: 'text/markdown' });
    const [first] = await store.list('');
    await store.put('x.md', 'two', { contentType: 'text/markdown' });
    const [second] = await store.list('');
    await store.put('x.md', 'two', { contentType: 'text/markdown' });
    const [third] = await store.list('');
    expect(second!.version).not.toBe(first!.version);
    expect(third!.version).toBe(second!.version);
  });

  it('answers a PUT with the version a listing then gives: the ETag, the MD5 of the bytes of a single-part upload', async () => {
    const store = new S3Store(client, bucket, 'put-versions/');
    const body = '<feed xmlns="http://www.w3.org/2005/Atom"/>';
    const version = await store.put('atom.xml', body, { contentType: 'application/atom+xml' });
    expect(version).toBe(createHash('md5').update(body).digest('hex'));
    const [listed] = await store.list('');
    expect(listed!.version).toBe(version);
  });

  it('deletes a key, and deleting a missing key is not an error', async () => {
    const store = new S3Store(client, bucket, 'deleting/');
    await store.put('gone.xml', 'x', { contentType: 'application/xml' });
    await store.delete('gone.xml');
    await store.delete('never-was.xml');
    expect(await store.get('gone.xml')).toBeUndefined();
    expect(store.requests).toEqual({ list: 0, get: 1, put: 1, delete: 2 });
  });

  it('refuses keys that could alias another key', async () => {
    const store = new S3Store(client, bucket, 'safe/');
    await expect(store.put('../escape.xml', 'x', { contentType: 'application/xml' })).rejects.toThrow(StoreError);
    await expect(store.get('a//b')).rejects.toThrow(StoreError);
    expect(() => new S3Store(client, bucket, '../up')).toThrow(StoreError);
  });

  it('creates a free key with putIfAbsent (s3rver ignores If-None-Match, so only creation is checked here)', async () => {
    const store = new S3Store(client, bucket, 'ledger/');
    expect(await store.putIfAbsent('2014-W20.json', '{}', { contentType: 'application/json' })).toBe(true);
    expect(await objectText(client, bucket, 'ledger/2014-W20.json')).toBe('{}');
    expect((await headObject(client, bucket, 'ledger/2014-W20.json')).ContentType).toBe('application/json');
  });
});
