import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { DateTime } from 'luxon';
import { afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { readPublishConfig } from '../../../functions/config.js';
import { createLogger } from '../../../functions/logger.js';
import { createPublishHandler } from '../../../functions/publish.js';
import { pushContent } from '../../../cli/pushContent.js';
import { LocalStore } from '../../../lib/store/localStore.js';
import { S3Store } from '../../../lib/store/s3Store.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { captureLogs, lambdaContext } from '../../support/lambda.js';
import { freshBucket, s3rverEnv, testS3Client } from '../../support/s3.js';

// When a deploy puts the content bucket's notification configuration, S3 sends the function its test message
// (S3 User Guide, "Event message structure"), not an event with Records. The real handler against s3rver.
const endpoint = inject('s3Endpoint');
const client = testS3Client(endpoint);
let contentBucket: string;
let siteBucket: string;
let logs: ReturnType<typeof captureLogs>;

beforeAll(async () => {
  contentBucket = await freshBucket(client, 'testevent-content');
  siteBucket = await freshBucket(client, 'testevent-site');
  const entries = { '2014/a.md': entryText(entry({ title: 'Rail link opens', url: 'https://news.example.com/a', date: '2014-05-08', tags: ['Trade'] })) };
  await pushContent({ from: new LocalStore(await contentFolder({ entries })), to: new S3Store(client, contentBucket, 'content/') });
});
beforeEach(() => {
  logs = captureLogs();
});
afterEach(() => logs.restore());

describe('the publish function, given S3’s test message', () => {
  it('answers it as ignored, without an error to retry or alarm on, and writes nothing', async () => {
    const handler = createPublishHandler(() => ({
      config: readPublishConfig({ ...s3rverEnv(endpoint), CONTENT_BUCKET: contentBucket, SITE_BUCKET: siteBucket }),
      s3: client,
      logger: createLogger('broadsheet-publish'),
      clock: () => DateTime.fromISO('2014-05-20T00:00:00Z'),
    }));
    const message = { Service: 'Amazon S3', Event: 's3:TestEvent', Time: '2014-10-13T15:57:02.089Z', Bucket: contentBucket, RequestId: '5582815E1AEA5ADF', HostId: '8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+YstdA6Knx4Ip8EXAMPLE' };
    const outcome = await handler(message as never, lambdaContext('broadsheet-test-publish', 'req-test-event'));
    expect(outcome).toMatchObject({ ok: true, trigger: 's3', ignored: true });
    expect((await client.send(new ListObjectsV2Command({ Bucket: siteBucket }))).KeyCount).toBe(0);
    expect(logs.lines().map((line) => [line.level, line.message])).toEqual([['INFO', 'ignored']]);
  });
});
