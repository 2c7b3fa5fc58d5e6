import { PutObjectCommand } from '@aws-sdk/client-s3';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { pushContent } from '../../../cli/pushContent.js';
import { readPublishConfig } from '../../../functions/config.js';
import { createLogger } from '../../../functions/logger.js';
import { createPublishHandler } from '../../../functions/publish.js';
import { LocalStore } from '../../../lib/store/localStore.js';
import { S3Store } from '../../../lib/store/s3Store.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { captureLogs, lambdaContext, scheduledEvent } from '../../support/lambda.js';
import { metricFilterMatches, metricFilterPattern } from '../../support/metricFilterPattern.js';
import { freshBucket, s3rverEnv, testS3Client } from '../../support/s3.js';

// serverless.yml's PublishRefusedMetricFilter against the publish function's real lines: a refused scheduled run is no
// error to Lambda (it returns), so its line is all that reaches a person; an editor's own run is answered to them.
const endpoint = inject('s3Endpoint');
const client = testS3Client(endpoint);
const PATTERN = metricFilterPattern('PublishRefusedMetricFilter');
const GOOD = entryText(entry({ title: 'Rail link opens', url: 'https://news.example.com/a', date: '2014-05-08', tags: ['Trade'] }));
let logs: ReturnType<typeof captureLogs>;
beforeEach(() => {
  logs = captureLogs();
});
afterEach(() => logs.restore());

/** A publish function over fresh buckets holding `entries`, the site bucket holding `stray` files beforehand. */
async function publishFunction(entries: Record<string, string>, stray: string[] = []) {
  const contentBucket = await freshBucket(client, 'refused-content');
  const siteBucket = await freshBucket(client, 'refused-site');
  await pushContent({ from: new LocalStore(await contentFolder({ entries })), to: new S3Store(client, contentBucket, 'content/') });
  for (const key of stray) await client.send(new PutObjectCommand({ Bucket: siteBucket, Key: key, Body: 'not a publish' }));
  const config = readPublishConfig({ ...s3rverEnv(endpoint), CONTENT_BUCKET: contentBucket, CONTENT_PREFIX: 'content/', SITE_BUCKET: siteBucket });
  return createPublishHandler(() => ({ config, s3: client, logger: createLogger('broadsheet-publish'), clock: () => DateTime.fromISO('2014-05-20T00:00:00Z') }));
}
const errors = () => logs.lines().filter((line) => line.level === 'ERROR');

describe("serverless.yml's PublishRefused alarm, on the publish function's real log lines", () => {
  it('counts a scheduled run refusing invalid content, and not the same refusal asked for by hand', async () => {
    const publish = await publishFunction({ '2014/a.md': GOOD, '2014/bad.md': '---\ntitle: No url\n---\nBody.\n' });
    expect(await publish(scheduledEvent(), lambdaContext('broadsheet-test-publish', 'req-refused-1'))).toMatchObject({ ok: false, error: 'ContentError' });
    expect(await publish({ source: 'broadsheet.trigger' }, lambdaContext('broadsheet-test-publish', 'req-refused-2'))).toMatchObject({ ok: false, error: 'ContentError' });
    const [scheduled, manual] = errors();
    expect([scheduled?.message, manual?.message]).toEqual(['invalid content: nothing was written', 'invalid content: nothing was written']);
    expect(metricFilterMatches(PATTERN, scheduled!)).toBe(true);
    expect(metricFilterMatches(PATTERN, manual!)).toBe(false);
  });

  it('counts a scheduled run the site bucket refuses (files no publish wrote)', async () => {
    const publish = await publishFunction({ '2014/a.md': GOOD }, ['index.html']);
    expect(await publish(scheduledEvent(), lambdaContext('broadsheet-test-publish', 'req-refused-3'))).toMatchObject({ ok: false, error: 'UsageError' });
    const [refused] = errors();
    expect(refused?.message).toBe('publish refused');
    expect(metricFilterMatches(PATTERN, refused!)).toBe(true);
  });
});
