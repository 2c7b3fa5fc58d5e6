import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { PublishConfig } from '../../../functions/config.js';
import { createLogger } from '../../../functions/logger.js';
import { createPublishHandler } from '../../../functions/publish.js';
import { pushContent } from '../../../cli/pushContent.js';
import type { CdnInvalidator } from '../../../lib/publish/cdnInvalidation.js';
import { S3Store } from '../../../lib/store/s3Store.js';
import { entry, entryText, memoryContent } from '../../support/content.js';
import { captureLogs, lambdaContext, scheduledEvent } from '../../support/lambda.js';
import { freshBucket, testS3Client } from '../../support/s3.js';

// The publish handler against s3rver with an injected CDN port (no CloudFront server runs here): after a publish
// that changed files it asks for exactly those paths, and a failing CDN never fails the publish.
const client = testS3Client(inject('s3Endpoint'));
const NOW = DateTime.fromISO('2014-06-01T00:00:00Z');
let logs: ReturnType<typeof captureLogs>;
beforeEach(() => {
  logs = captureLogs();
});
afterEach(() => logs.restore());

async function site(cdn: CdnInvalidator) {
  const contentBucket = await freshBucket(client, 'cdn-content');
  const siteBucket = await freshBucket(client, 'cdn-site');
  const content = new S3Store(client, contentBucket, 'content/');
  await pushContent({ from: memoryContent({ entries: { '2014/a.md': entryText(entry({ title: 'Rail link opens', tags: ['Trade'] })) } }), to: content });
  const config: PublishConfig = { contentBucket, contentPrefix: 'content/', siteBucket, sitePrefix: '', skipInvalid: false, s3: { maxAttempts: 2, requestTimeoutMs: 5_000 } };
  return { content, run: createPublishHandler(() => ({ config, s3: client, logger: createLogger('broadsheet-publish'), clock: () => NOW, cdn })) };
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
    // A first publish writes every file (one entry, one tag: within the limit), each page also under its folder.
    const first = await run(scheduledEvent(), lambdaContext('broadsheet-test-publish', 'req-first'));
    expect(calls).toEqual([{ paths: pathsOf(first), reference: 'req-first' }]);
    expect(calls[0]!.paths).toEqual(expect.arrayContaining(['/', '/index.html', '/tags/trade/', '/digests/', '/feed.xsl', '/feeds.opml']));
    expect(first).toMatchObject({ ok: true, invalidated: calls[0]!.paths });
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

  it('logs a failed invalidation and still answers the publish as done', async () => {
    const { run } = await site({ invalidate: async () => Promise.reject(Object.assign(new Error('Rate exceeded'), { name: 'TooManyInvalidationsInProgress' })) });
    const outcome = await run(scheduledEvent(), lambdaContext('broadsheet-test-publish', 'req-fail'));
    expect(outcome).toMatchObject({ ok: true });
    expect(outcome).not.toHaveProperty('invalidated');
    expect(logs.lines().find((line) => line.message === 'cdn invalidation failed; readers see the change once max-age runs out')).toMatchObject({ error: { name: 'TooManyInvalidationsInProgress' } });
  });
});
