import type { S3Client } from '@aws-sdk/client-s3';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { readPublishConfig } from '../../../functions/config.js';
import { createLogger } from '../../../functions/logger.js';
import { createPublishHandler } from '../../../functions/publish.js';
import type { PublishOutcome } from '../../../functions/publishEvents.js';
import { pushContent } from '../../../cli/pushContent.js';
import { LocalStore } from '../../../lib/store/localStore.js';
import { S3Store } from '../../../lib/store/s3Store.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { captureLogs, lambdaContext, s3Event } from '../../support/lambda.js';
import { freshBucket, hashBucket, s3rverEnv, testS3Client } from '../../support/s3.js';

// A push of N files fires N S3 events, and with reserved concurrency 1 they wait in Lambda's queue behind one
// another for up to the maximum event age (an hour), after which each goes to the failed-runs queue and its alarm.
// The real handler against s3rver: an event whose changes a completed publish of this instance already read
// (the publish started after S3 stored them) is answered at once, without a request to S3.
const endpoint = inject('s3Endpoint');
const NOW = DateTime.fromISO('2014-06-01T00:00:00Z');
const MINUTE_AGO = () => new Date(Date.now() - 60_000).toISOString();
let logs: ReturnType<typeof captureLogs>;
beforeEach(() => (logs = captureLogs()));
afterEach(() => logs.restore());

/** Every request the client makes, by command name. */
function countRequests(client: S3Client): string[] {
  const sent: string[] = [];
  client.middlewareStack.add((next, context) => async (args) => {
    sent.push(context.commandName ?? '?');
    return next(args);
  }, { step: 'initialize', name: 'countRequests' });
  return sent;
}

async function site() {
  const client = testS3Client(endpoint);
  const contentBucket = await freshBucket(client, 'burst-content');
  const siteBucket = await freshBucket(client, 'burst-site');
  const files = { '2014/a.md': entryText(entry({ title: 'Rail link opens', url: 'https://news.example.com/a', date: '2014-05-08', tags: ['Rail'] })), '2014/b.md': entryText(entry({ title: 'Exports rise', url: 'https://news.example.com/b', date: '2014-05-10', tags: ['Trade'] })), '2014/c.md': entryText(entry({ title: 'Port expands', url: 'https://news.example.com/c', date: '2014-05-12', tags: ['Trade'] })) };
  await pushContent({ from: new LocalStore(await contentFolder({ entries: files })), to: new S3Store(client, contentBucket, 'content/') });
  const requests = countRequests(client);
  const handler = () => createPublishHandler(() => ({ config: readPublishConfig({ ...s3rverEnv(endpoint), CONTENT_BUCKET: contentBucket, SITE_BUCKET: siteBucket }), s3: client, logger: createLogger('broadsheet-test-publish'), clock: () => NOW }));
  const event = (name: string, eventTime: string) => s3Event(contentBucket, [`content/entries/2014/${name}`], 'ObjectCreated:Put', eventTime);
  return { client, contentBucket, siteBucket, requests, handler, event };
}

describe('the publish function on a burst of S3 events', () => {
  it('publishes on the first event, and answers the ones queued behind it for changes it already read at once, with no request to S3', async () => {
    const { client, siteBucket, requests, handler, event } = await site();
    const run = handler();
    // The push a minute ago: three events in Lambda's queue.
    const [first, second, third] = ['a.md', 'b.md', 'c.md'].map((name) => event(name, MINUTE_AGO()));
    const outcome = await run(first!, lambdaContext('broadsheet-test-publish', 'req-burst-1'));
    expect(outcome).toMatchObject({ ok: true, trigger: 's3', dryRun: false, entries: { total: 3, published: 3, skipped: 0 } });
    const before = await hashBucket(client, siteBucket);
    requests.length = 0;
    for (const [queued, id] of [[second!, 'req-burst-2'], [third!, 'req-burst-3']] as const) {
      expect(await run(queued, lambdaContext('broadsheet-test-publish', id))).toEqual({ ok: true, trigger: 's3', ignored: true, reason: 'already read by publish req-burst-1, which started after every change in this event' });
    }
    expect(requests).toEqual([]);
    expect(await hashBucket(client, siteBucket)).toEqual(before);
    const ignored = logs.lines().filter((line) => line.message === 'ignored');
    expect(ignored.map((line) => line.function_request_id)).toEqual(['req-burst-2', 'req-burst-3']);
  });

  it('publishes an event for a change made after that publish started', async () => {
    const { client, contentBucket, handler, event } = await site();
    const run = handler();
    await run(event('a.md', MINUTE_AGO()), lambdaContext('broadsheet-test-publish', 'req-later-1'));
    await new S3Store(client, contentBucket, 'content/').put('entries/2014/d.md', entryText(entry({ title: 'Bridge reopens', url: 'https://news.example.com/d', date: '2014-05-13', tags: ['Rail'] })), { contentType: 'text/markdown' });
    const outcome = (await run(event('d.md', new Date().toISOString()), lambdaContext('broadsheet-test-publish', 'req-later-2'))) as Extract<PublishOutcome, { counts: unknown }>;
    expect(outcome).toMatchObject({ ok: true, trigger: 's3', entries: { total: 4, published: 4, skipped: 0 } });
    expect(outcome.changed).toEqual(expect.arrayContaining([{ key: 'rss.xml', status: 'changed' }]));
  });

  it('runs when it has not itself completed a publish since: a cold start, or only a dry run', async () => {
    const { handler, event } = await site();
    const old = event('b.md', MINUTE_AGO());
    const cold = handler();
    expect(await cold(old, lambdaContext('broadsheet-test-publish', 'req-cold-1'))).toMatchObject({ ok: true, trigger: 's3', dryRun: false });
    const afterDryRun = handler();
    expect(await afterDryRun({ source: 'broadsheet.trigger', dryRun: true }, lambdaContext('broadsheet-test-publish', 'req-dry-1'))).toMatchObject({ ok: true, dryRun: true });
    expect(await afterDryRun(old, lambdaContext('broadsheet-test-publish', 'req-dry-2'))).toMatchObject({ ok: true, trigger: 's3', dryRun: false });
  });
});
