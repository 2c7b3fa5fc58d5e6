import { DateTime } from 'luxon';
import { afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../../../functions/logger.js';
import { createPublishHandler } from '../../../functions/publish.js';
import { MAX_LISTED, type PublishOutcome } from '../../../functions/publishEvents.js';
import { pushContent } from '../../../cli/pushContent.js';
import { findRun } from '../../../lib/publish/runHistory.js';
import { RUN_RECORD_LIST_LIMIT } from '../../../lib/publish/runRecord.js';
import { S3Store } from '../../../lib/store/s3Store.js';
import { formatProblem } from '../../../lib/shared/errors.js';
import { entry, entryText, memoryContent } from '../../support/content.js';
import { captureLogs, lambdaContext, scheduledEvent } from '../../support/lambda.js';
import { freshBucket, testS3Client } from '../../support/s3.js';

// A push of thousands of broken entries: the publish function's refusal must still be one JSON log line under
// CloudWatch's 256 KB, or the publish-refused alarm's metric filter (serverless.yml) never sees it.
const endpoint = inject('s3Endpoint');
const s3 = testS3Client(endpoint);
const LINE_LIMIT = 256 * 1024;
// Named as an import names posts, by their slugs, each entry with ten broken fields: enough that the whole list,
// about 1.9 KB an entry, would pass the limit (170 make about 320 KB).
const ENTRIES = 170;
const NAME = 'broken-post-whose-name-is-its-slug-as-an-import-from-another-cms-writes-it';
// One problem each: a title and a source that are lists, a url, a date and an updated that are none, tags that are
// no list, a summary that is no text, related that is no list, an image that is no URL, and a draft that is no flag.
const BROKEN_FIELDS = ['title', 'url', 'source', 'date', 'updated', 'tags', 'summary', 'related', 'image', 'draft'];
const PROBLEMS_EACH = BROKEN_FIELDS.length;
const broken = '---\ntitle: [1, 2]\nurl: not a url\nsource: [x]\ndate: someday\nupdated: never\ntags: {a: 1}\nsummary: [x]\nrelated: 5\nimage: not a url\ndraft: maybe\n---\nBody.\n';
let contentBucket: string;
let logs: ReturnType<typeof captureLogs>;

beforeAll(async () => {
  contentBucket = await freshBucket(s3, 'many-problems');
  const entries = Object.fromEntries(Array.from({ length: ENTRIES }, (_, i) => [`2014/${NAME}-${i}.md`, broken]));
  await pushContent({ from: memoryContent({ entries }), to: new S3Store(s3, contentBucket, 'content/'), concurrency: 32 });
});
beforeEach(() => {
  logs = captureLogs();
});
afterEach(() => logs.restore());

/** The raw log line whose message is `message`, as CloudWatch would receive it. */
function rawLine(message: string): string {
  const line = logs
    .raw()
    .split('\n')
    .find((text) => text.includes(`"message":${JSON.stringify(message)}`));
  expect(line, message).toBeDefined();
  return line!;
}

const handlerFor = (siteBucket: string, skipInvalid: boolean, contentPrefix = 'content/') =>
  createPublishHandler(() => ({
    config: { contentBucket, contentPrefix, siteBucket, sitePrefix: '', skipInvalid, s3: { maxAttempts: 2, requestTimeoutMs: 10_000 } },
    s3,
    logger: createLogger('broadsheet-publish'),
    clock: () => DateTime.fromISO('2014-06-01T00:00:00Z'),
  }));

describe('a publish with thousands of problems', () => {
  it('is refused in one JSON log line under 256 KB that the alarm matches, naming the total; the run record keeps its own capped list', { timeout: 90_000 }, async () => {
    // A site published already: a refused run is recorded only there.
    const siteBucket = await freshBucket(s3, 'many-problems-site');
    await pushContent({ from: memoryContent({ entries: { '2014/a.md': entryText(entry()) } }), to: new S3Store(s3, contentBucket, 'valid/') });
    expect(await handlerFor(siteBucket, false, 'valid/')(scheduledEvent(), lambdaContext('broadsheet-test-publish', 'req-many-0'))).toMatchObject({ ok: true });

    const outcome = await handlerFor(siteBucket, false)(scheduledEvent(), lambdaContext('broadsheet-test-publish', 'req-many-1'));

    const line = rawLine('invalid content: nothing was written');
    expect(Buffer.byteLength(line)).toBeLessThan(LINE_LIMIT);
    // What the metric filter reads: the message, and a trigger other than manual.
    const logged = JSON.parse(line) as { level: string; message: string; outcome: Extract<PublishOutcome, { ok: false }> };
    expect(logged).toMatchObject({ level: 'ERROR', message: 'invalid content: nothing was written', outcome: { ok: false, trigger: 'schedule', error: 'ContentError', problemsTotal: ENTRIES * PROBLEMS_EACH } });
    expect(logged.outcome.problems).toHaveLength(MAX_LISTED);
    expect(logged.outcome.problems.every((problem) => new RegExp(`^entries/2014/${NAME}-\\d+\\.md(:\\d+)?: (${BROKEN_FIELDS.join('|')}): `).test(problem))).toBe(true);
    // The response is the same outcome, with the same problems as objects too (problemDetails, for trigger --json),
    // each the line logged once formatted.
    const { problemDetails, ...answered } = outcome as Extract<PublishOutcome, { ok: false }>;
    expect(answered).toEqual(logged.outcome);
    expect(problemDetails!.map(formatProblem)).toEqual(logged.outcome.problems);

    const record = await findRun(new S3Store(s3, siteBucket, ''), 'req-many-1');
    expect(record).toMatchObject({ outcome: 'invalid', error: 'ContentError', problemsTotal: ENTRIES * PROBLEMS_EACH });
    expect(record!.problems).toEqual(logged.outcome.problems.slice(0, RUN_RECORD_LIST_LIMIT));
  });

  it('with skipInvalid, publishes the rest in a `published` line under 256 KB that lists the first skipped problems and their total', { timeout: 90_000 }, async () => {
    const siteBucket = await freshBucket(s3, 'many-skipped-site');
    const outcome = await handlerFor(siteBucket, true)(scheduledEvent(), lambdaContext('broadsheet-test-publish', 'req-many-2'));
    const line = rawLine('published');
    expect(Buffer.byteLength(line)).toBeLessThan(LINE_LIMIT);
    const logged = JSON.parse(line) as { outcome: Extract<PublishOutcome, { counts: unknown }> };
    expect(logged.outcome).toMatchObject({ ok: true, entries: { total: ENTRIES, published: 0, skipped: ENTRIES }, skippedTotal: ENTRIES * PROBLEMS_EACH });
    expect(logged.outcome.skipped).toHaveLength(MAX_LISTED);
    expect(outcome).toMatchObject({ skipped: logged.outcome.skipped, skippedTotal: ENTRIES * PROBLEMS_EACH });
  });
});
