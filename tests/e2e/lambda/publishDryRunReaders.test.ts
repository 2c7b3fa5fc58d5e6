import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { createPublishHandler } from '../../../functions/publish.js';
import { createLogger } from '../../../functions/logger.js';
import { MAX_LISTED, type PublishOutcome } from '../../../functions/publishEvents.js';
import { pushContent } from '../../../cli/pushContent.js';
import { readerReportLines } from '../../../cli/readerReport.js';
import { publish } from '../../../lib/publish/publish.js';
import { READER_ITEMS_LISTED } from '../../../lib/publish/listedImpact.js';
import { S3Store } from '../../../lib/store/s3Store.js';
import { entry, entryText, memoryContent } from '../../support/content.js';
import { captureLogs, lambdaContext } from '../../support/lambda.js';
import { freshBucket, testS3Client } from '../../support/s3.js';

// A dry run on a site of 300 tag feeds, every one of them changed: the publish function's answer lists its readers as it
// lists `changed`, the first MAX_LISTED with the total, so that it stays far within Lambda's 6 MB; a local dry run lists all.
const endpoint = inject('s3Endpoint');
const s3 = testS3Client(endpoint);
const NOW = DateTime.fromISO('2014-06-01T00:00:00Z');
// 15 entries of 20 tags each (the most an entry may have): 300 tag feeds, each with one new item; the site feed has 15.
const ENTRIES = 15;
const TAGS_EACH = 20;
const TAG_FEEDS = ENTRIES * TAGS_EACH;
let logs: ReturnType<typeof captureLogs>;
beforeEach(() => {
  logs = captureLogs();
});
afterEach(() => logs.restore());

describe('a dry run through the publish function that changes 300 tag feeds', () => {
  it('answers the first MAX_LISTED feeds with readersTotal, each feed with its first items and their count', { timeout: 60_000 }, async () => {
    const contentBucket = await freshBucket(s3, 'readers-content');
    const siteBucket = await freshBucket(s3, 'readers-site');
    const entries = Object.fromEntries(
      Array.from({ length: ENTRIES }, (_, e) => [
        `2014/e${e}.md`,
        entryText(entry({ title: `Story ${e}`, url: `https://news.example.com/${e}`, date: `2014-05-${String(e + 1).padStart(2, '0')}`, tags: Array.from({ length: TAGS_EACH }, (_, t) => `t${String(e * TAGS_EACH + t).padStart(3, '0')}`) })),
      ]),
    );
    await pushContent({ from: memoryContent({ entries }), to: new S3Store(s3, contentBucket, 'content/'), concurrency: 16 });
    const run = createPublishHandler(() => ({
      config: { contentBucket, contentPrefix: 'content/', siteBucket, sitePrefix: '', skipInvalid: false, s3: { maxAttempts: 2, requestTimeoutMs: 10_000 } },
      s3,
      logger: createLogger('broadsheet-publish'),
      clock: () => NOW,
    }));

    const answer = (await run({ source: 'broadsheet.trigger', dryRun: true }, lambdaContext('broadsheet-test-publish', 'req-readers'))) as Extract<PublishOutcome, { counts: unknown }>;

    // What publish --dry-run prints locally: every feed, from the result itself.
    const local = await publish({ content: new S3Store(s3, contentBucket, 'content/'), output: new S3Store(s3, siteBucket, ''), now: NOW, dryRun: true });
    const tagFeeds = local.readers!.filter((impact) => impact.feed.startsWith('tags/'));
    expect(tagFeeds).toHaveLength(TAG_FEEDS);
    expect(answer.readersTotal).toBe(local.readers!.length);
    expect(answer.readers).toHaveLength(MAX_LISTED);
    expect(answer.readers!.map((impact) => impact.feed)).toEqual(local.readers!.slice(0, MAX_LISTED).map((impact) => impact.feed));
    const site = answer.readers!.find((impact) => impact.feed === '')!;
    expect(site.new).toHaveLength(READER_ITEMS_LISTED);
    expect(site.newTotal).toBe(ENTRIES);
    // trigger --dry-run prints the site feed's count, and says how many feeds were left out.
    const lines = readerReportLines(answer.readers!, answer.readersTotal);
    expect(lines).toContain(`readers of the site feed: ${ENTRIES} new, 0 updated, 0 removed`);
    expect(lines.at(-1)).toBe(`readers of ${local.readers!.length - MAX_LISTED} more feeds: not listed (the publish function answers the first ${MAX_LISTED} of ${local.readers!.length}); publish --dry-run --bucket SITE_BUCKET lists them all`);
    // The log line counts them, within CloudWatch's 256 KB a line: the items go only into the answer.
    const logged = logs.lines().find((line) => line.message === 'dry run')!.outcome as Record<string, unknown>;
    expect(logged).toMatchObject({ readersTotal: local.readers!.length });
    expect('readers' in logged).toBe(false);
  });
});
