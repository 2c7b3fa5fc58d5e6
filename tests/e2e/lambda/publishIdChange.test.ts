import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { createPublishHandler } from '../../../functions/publish.js';
import { createLogger } from '../../../functions/logger.js';
import type { PublishOutcome } from '../../../functions/publishEvents.js';
import type { PublishConfig } from '../../../functions/config.js';
import { S3Store } from '../../../lib/store/s3Store.js';
import { entry, entryText, memoryContent } from '../../support/content.js';
import { captureLogs, lambdaContext, s3Event, scheduledEvent } from '../../support/lambda.js';
import { freshBucket, hashBucket, objectText, testS3Client } from '../../support/s3.js';
import { pushContent } from '../../../cli/pushContent.js';

// The publish handler against s3rver: a renamed entry file is refused on every kind of run unless the trigger allows it.
const endpoint = inject('s3Endpoint');
const client = testS3Client(endpoint);
const NOW = DateTime.fromISO('2014-06-01T00:00:00Z');
const idOf = (path: string) => `tag:watch.example.org,2014:${path}`;
const B = { title: 'Exports rise', url: 'https://news.example.com/b', date: '2014-05-10', tags: ['Trade'] };
let logs: ReturnType<typeof captureLogs>;
beforeEach(() => {
  logs = captureLogs();
});
afterEach(() => logs.restore());

async function renamedSite() {
  const contentBucket = await freshBucket(client, 'idc-content');
  const siteBucket = await freshBucket(client, 'idc-site');
  const content = new S3Store(client, contentBucket, 'content/');
  await pushContent({ from: memoryContent({ entries: { '2014/a.md': entryText(entry({ title: 'Rail link opens' })), '2014/b.md': entryText(entry(B)) } }), to: content });
  const config: PublishConfig = { contentBucket, contentPrefix: 'content/', siteBucket, sitePrefix: '', skipInvalid: false, s3: { maxAttempts: 2, requestTimeoutMs: 5_000 } };
  const run = createPublishHandler(() => ({ config, s3: client, logger: createLogger('broadsheet-publish'), clock: () => NOW }));
  expect((await run(scheduledEvent(), lambdaContext('broadsheet-test-publish', 'req-first'))).ok).toBe(true);
  await content.delete('entries/2014/b.md');
  await content.put('entries/2014/b-renamed.md', entryText(entry(B)), { contentType: 'text/markdown' });
  return { run, content, siteBucket, contentBucket };
}

const feedIds = async (bucket: string) => (JSON.parse(await objectText(client, bucket, 'feed.json')) as { items: { id: string }[] }).items.map((item) => item.id);

describe('the publish handler and a changed id', () => {
  it('refuses it on a schedule, an S3 event and a plain manual run, naming both paths and the fix, writing nothing', async () => {
    const { run, siteBucket, contentBucket } = await renamedSite();
    const before = await hashBucket(client, siteBucket);
    const events = [scheduledEvent(), s3Event(contentBucket, ['content/entries/2014/b-renamed.md']), { source: 'broadsheet.trigger' as const }, { source: 'broadsheet.trigger' as const, dryRun: true }];
    for (const event of events) {
      const outcome = await run(event, lambdaContext('broadsheet-test-publish', 'req-refused'));
      expect(outcome).toMatchObject({ ok: false, error: 'IdChangeError' });
      expect((outcome as Extract<PublishOutcome, { ok: false }>).problems).toEqual([
        'entries/2014/b-renamed.md: id: its url was published from entries/2014/b.md with the id "2014/b"; under the id "2014/b-renamed" every reader would show it again as a new item (add `id: 2014/b` to its front matter, or publish with --allow-id-change to give it the new id, as a new entry about the same article needs)',
      ]);
    }
    expect(await hashBucket(client, siteBucket)).toEqual(before);
    const refused = logs.lines().filter((line) => line.message === 'published ids would change: nothing was written');
    expect(refused).toHaveLength(events.length);
    // The publish-refused alarm's metric filter (serverless.yml) reads the trigger from each line.
    expect(refused.map((line) => (line.outcome as { trigger?: string } | undefined)?.trigger)).toEqual(['schedule', 's3', 'manual', 'manual']);
  });

  it('publishes once the file keeps its id, and the feeds keep their ids', async () => {
    const { run, content, siteBucket } = await renamedSite();
    const ids = await feedIds(siteBucket);
    await content.put('entries/2014/b-renamed.md', entryText(entry({ ...B, id: '2014/b' })), { contentType: 'text/markdown' });
    expect((await run(scheduledEvent(), lambdaContext('broadsheet-test-publish', 'req-kept'))).ok).toBe(true);
    expect(await feedIds(siteBucket)).toEqual(ids);
    expect(ids).toEqual([idOf('2014/b'), idOf('2014/a')]);
  });

  it('publishes the new id when the trigger asks with allowIdChange, and not otherwise', async () => {
    const { run, siteBucket } = await renamedSite();
    // Not from a schedule, whatever the event carries.
    expect(await run({ ...scheduledEvent(), allowIdChange: true } as never, lambdaContext('broadsheet-test-publish', 'req-sched'))).toMatchObject({ ok: false, error: 'IdChangeError' });
    const outcome = await run({ source: 'broadsheet.trigger', allowIdChange: true }, lambdaContext('broadsheet-test-publish', 'req-allowed'));
    expect(outcome).toMatchObject({ ok: true, idChanges: [{ oldKey: 'entries/2014/b.md', newKey: 'entries/2014/b-renamed.md', oldId: '2014/b', newId: '2014/b-renamed' }] });
    expect(await feedIds(siteBucket)).toEqual([idOf('2014/b-renamed'), idOf('2014/a')]);
  });
});
