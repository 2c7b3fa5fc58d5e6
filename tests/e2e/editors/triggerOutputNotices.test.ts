import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { pushContent } from '../../../cli/pushContent.js';
import { S3Store } from '../../../lib/store/s3Store.js';
import { runCli } from '../../support/cli.js';
import { entry, entryText, memoryContent } from '../../support/content.js';
import { captureLogs } from '../../support/lambda.js';
import type { LoopbackServer } from '../../support/loopbackLambda.js';
import { serveTriggerWithPublish } from '../../support/triggerWithPublish.js';
import { freshBucket, hashBucket, objectText, s3rverEnv, testS3Client } from '../../support/s3.js';

// `broadsheet trigger` says what the publish function found of the site bucket as `publish` says it: a bucket another
// tool wrote (refused, with the CLI's first publish to run), then, after that first publish from the CLI as of a later
// moment and a feed deleted by someone else, the clock turned back and the feed written again, in a dry run and a run.
// The real CLI, trigger and publish handlers; only Lambda's and SSM's HTTP front doors are stand-ins.
const TOKEN = 'pQ4-vX8m_Rb2KzT7nL5wY3hJ';
const NOW = DateTime.fromISO('2014-06-01T00:00:00Z');
const LATER = '2014-06-05T00:00:00Z';
const endpoint = inject('s3Endpoint');
const s3 = testS3Client(endpoint);
const OLD_INDEX = '<p>the old tool index</p>';

let trigger: LoopbackServer;
let close: (() => Promise<void>) | undefined;
let contentBucket: string;
let siteBucket: string;
let logs: ReturnType<typeof captureLogs>;

beforeAll(async () => {
  logs = captureLogs();
  contentBucket = await freshBucket(s3, 'notice-content');
  siteBucket = await freshBucket(s3, 'notice-site');
  // An entry due 2014-06-03 (in the site's zone): the CLI's publish as of LATER carries it; the function's clock (NOW) is before it.
  const entries = { '2014/a.md': entryText(entry({ title: 'Rail link opens', date: '2014-05-08' })), '2014/d.md': entryText(entry({ title: 'Port reopens', url: 'https://news.example.com/d', date: '2014-06-03' })) };
  await pushContent({ from: memoryContent({ entries }), to: new S3Store(s3, contentBucket, 'content/') });
  await s3.send(new PutObjectCommand({ Bucket: siteBucket, Key: 'index.html', Body: OLD_INDEX, ContentType: 'text/html' }));
  ({ trigger, close } = await serveTriggerWithPublish({ s3, contentBucket, siteBucket, token: TOKEN, now: NOW }));
});
afterAll(async () => {
  await close?.();
  logs?.restore();
});

const run = (args: string[]) => runCli(['trigger', '--interval', '0.1', '--timeout', '30', ...args], { env: { ...s3rverEnv(endpoint), BROADSHEET_TRIGGER_URL: trigger.url, BROADSHEET_TRIGGER_TOKEN: TOKEN } });

describe('broadsheet trigger: what the publish function found of the site bucket', () => {
  it('refuses a bucket another tool wrote, naming the CLI command of the first publish; then says what publish says of the output', async () => {
    const command = `broadsheet publish --content s3://${contentBucket}/content/ --bucket ${siteBucket} --replace-unclaimed`;
    const found = `s3://${siteBucket}/ holds 1 file that no publish wrote and this one would overwrite (index.html)`;
    const dry = await run(['--dry-run']);
    expect(dry.stderr).toContain(`broadsheet trigger: the trigger answered 409: the site bucket refused the publish; nothing would be published: ${found}: the publish function never overwrites files no publish wrote: do this first publish with the CLI`);
    expect(dry.stderr).toContain(`: ${command}; or move them out of s3://${siteBucket}/ first\n`);
    expect(dry.code).toBe(2);
    // --json: the refusal on stdout in publish --json's shape, for a script reading stdout alone.
    const dryJson = JSON.parse((await run(['--dry-run', '--json'])).stdout) as Record<string, unknown>;
    expect(dryJson).toMatchObject({ ok: false, command: 'trigger', status: 409, error: 'UsageError' });
    expect(dryJson.message).toContain(`${found}: the publish function never overwrites files no publish wrote`);
    const refused = await run([]);
    // As publish's refusal of the output: exit 2, not 1 (the content is not at fault).
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(new RegExp(`was refused: the output holds files no publish wrote: ${found.replace(/[.()/]/g, '\\$&')}: the publish function never overwrites`));
    expect(refused.stderr).toContain(`: ${command}; or move them out of s3://${siteBucket}/ first; nothing was written\n`);
    expect(await objectText(s3, siteBucket, 'index.html')).toBe(OLD_INDEX);

    // The first publish from the CLI, as its message says (with the endpoint of this s3rver), as of a later moment.
    const first = await runCli([...command.split(' ').slice(1), '--endpoint', endpoint, '--now', LATER], { env: s3rverEnv(endpoint) });
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('overwrote 1 file in');
    await s3.send(new DeleteObjectCommand({ Bucket: siteBucket, Key: 'feed.json' }));

    // Port reopens (due 2014-06-03 in the site's zone, Asia/Seoul) comes down as of the function's NOW; feed.json,
    // deleted, is written again.
    const due = DateTime.fromISO('2014-06-03', { zone: 'Asia/Seoul' }).toUTC().toISO({ suppressMilliseconds: true });
    // Said in the site's zone, which the function's answer and record name (turnedBackZone); --json keeps it in UTC.
    const dueInSite = DateTime.fromISO('2014-06-03', { zone: 'Asia/Seoul' }).toISO({ suppressMilliseconds: true });
    const turnedBack = (would: string) => `warning: the last publish put on the site an entry, a correction or a digest week that came due ${dueInSite}, after this run's now: ${would} down what came due since`;
    const before = await hashBucket(s3, siteBucket);
    const again = await run(['--dry-run']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`${turnedBack('a publish would take')}\nwarning: 1 file deleted or changed in s3://${siteBucket}/ by someone else would be written again: feed.json\n`);
    expect(again.stdout).toContain('readers of the site feed: not compared: the feed.json the last publish wrote is gone from the output (deleted by someone else)');
    const json = JSON.parse((await run(['--dry-run', '--json'])).stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ output: `s3://${siteBucket}/`, turnedBackFrom: due, turnedBackZone: 'Asia/Seoul', repaired: ['feed.json'], repairedTotal: 1 });
    expect(await hashBucket(s3, siteBucket)).toEqual(before);

    const ran = await run([]);
    expect(ran.code).toBe(0);
    expect(ran.stderr).toContain(`${turnedBack('this publish took')}\nwarning: 1 file deleted or changed in s3://${siteBucket}/ by someone else was written again: feed.json\n`);
    expect(await objectText(s3, siteBucket, 'feed.json')).not.toContain('Port reopens');
  });
});
