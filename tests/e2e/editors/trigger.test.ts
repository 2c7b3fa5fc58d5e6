import { LambdaClient } from '@aws-sdk/client-lambda';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDigestHandler } from '../../../functions/digest.js';
import { readDigestFunctionConfig } from '../../../functions/digestEnv.js';
import { createLogger } from '../../../functions/logger.js';
import { createPublishHandler } from '../../../functions/publish.js';
import { MAX_LISTED } from '../../../functions/publishEvents.js';
import { createSsmClient } from '../../../functions/ssmClient.js';
import { createTriggerHandler } from '../../../functions/trigger.js';
import { pushContent } from '../../../cli/pushContent.js';
import { latestRuns } from '../../../lib/publish/runHistory.js';
import type { RunRecord } from '../../../lib/publish/runRecord.js';
import { S3Store } from '../../../lib/store/s3Store.js';
import { runCli } from '../../support/cli.js';
import { entry, entryText, memoryContent } from '../../support/content.js';
import { captureLogs } from '../../support/lambda.js';
import { serveAws, serveFunctionUrl, type LoopbackAws, type LoopbackServer } from '../../support/loopbackLambda.js';
import { freshBucket, hashBucket, objectText, s3rverEnv, testS3Client } from '../../support/s3.js';

// `broadsheet trigger` end to end: the real CLI, over loopback HTTP, to the real trigger handler behind a Function
// URL; the trigger invokes the real publish handler through a loopback Lambda Invoke endpoint, which publishes
// from s3rver to s3rver. Only the HTTP front doors of Lambda and SSM are stand-ins.
const TOKEN = 'tR7-hQ2x_Vb9LmN4pK8wZ6yJ';
const PARAMETER = '/broadsheet/test/trigger-token';
const NOW = DateTime.fromISO('2014-06-01T00:00:00Z');
const endpoint = inject('s3Endpoint');
const s3 = testS3Client(endpoint);
const idOf = (path: string) => `tag:watch.example.org,2014:${path}`;
const B = { title: 'Exports rise', url: 'https://news.example.com/b', date: '2014-05-10', tags: ['Trade'] };

let aws: LoopbackAws;
let trigger: LoopbackServer;
let content: S3Store;
let siteBucket: string;
let logs: ReturnType<typeof captureLogs>;

beforeAll(async () => {
  logs = captureLogs();
  const contentBucket = await freshBucket(s3, 'trig-content');
  siteBucket = await freshBucket(s3, 'trig-site');
  content = new S3Store(s3, contentBucket, 'content/');
  await pushContent({ from: memoryContent({ entries: { '2014/a.md': entryText(entry({ title: 'Rail link opens', date: '2014-05-08' })), '2014/b.md': entryText(entry(B)) } }), to: content });
  const publish = createPublishHandler(() => ({
    config: { contentBucket, contentPrefix: 'content/', siteBucket, sitePrefix: '', skipInvalid: false, s3: { maxAttempts: 2, requestTimeoutMs: 5_000 } },
    s3,
    logger: createLogger('broadsheet-publish'),
    clock: () => NOW,
  }));
  const credentials = { accessKeyId: 'x', secretAccessKey: 'y' };
  // The digest function, which invokes the publish function through the same loopback; its site.yml has no digest.
  const digest = createDigestHandler(() => ({
    config: readDigestFunctionConfig({ ...s3rverEnv(endpoint), CONTENT_BUCKET: contentBucket, SITE_BUCKET: siteBucket, SUBSCRIBERS_PREFIX: '_subscribers/', PUBLISH_FUNCTION_NAME: 'broadsheet-test-publish' }),
    s3,
    ses: new SESv2Client({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9', credentials }),
    lambda: new LambdaClient({ region: 'us-east-1', endpoint: aws.url, credentials, maxAttempts: 1 }),
    logger: createLogger('broadsheet-digest'),
    clock: () => NOW,
  }));
  aws = await serveAws({ 'broadsheet-test-publish': publish as never, 'broadsheet-test-digest': digest as never }, { [PARAMETER]: TOKEN });
  const handler = createTriggerHandler(() => ({
    config: { publishFunctionName: 'broadsheet-test-publish', digestFunctionName: 'broadsheet-test-digest', tokenParameter: PARAMETER },
    lambda: new LambdaClient({ region: 'us-east-1', endpoint: aws.url, credentials, maxAttempts: 1 }),
    ssm: createSsmClient('us-east-1', { endpoint: aws.url, credentials }),
    logger: createLogger('broadsheet-trigger'),
    runs: new S3Store(s3, siteBucket, ''),
  }));
  trigger = await serveFunctionUrl('broadsheet-test-trigger', handler);
});
afterAll(async () => {
  await aws?.idle();
  await trigger?.close();
  await aws?.close();
  logs.restore();
});

const env = (token = TOKEN) => ({ ...s3rverEnv(endpoint), BROADSHEET_TRIGGER_URL: trigger.url, BROADSHEET_TRIGGER_TOKEN: token });
const run = (args: string[], token?: string) => runCli(['trigger', '--interval', '0.1', '--timeout', '30', ...args], { env: env(token) });
const feedIds = async () => (JSON.parse(await objectText(s3, siteBucket, 'feed.json')) as { items: { id: string }[] }).items.map((item) => item.id);

describe('broadsheet trigger', () => {
  it('prints the problems of a refused first publish, exit 1: its record is written though no site is published yet', async () => {
    await content.put('entries/2014/untitled.md', entryText(entry({ title: undefined, url: 'https://news.example.com/u' })), { contentType: 'text/markdown' });
    try {
      const refused = await run([]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/^entries\/2014\/untitled\.md(:\d+)?: title: [^\n]+\([^\n]+\)$/m);
      expect(refused.stderr).toMatch(/broadsheet trigger: run [0-9a-f-]{36} was refused: invalid content: 1 problem in the content; nothing was written\n$/);
      expect(await hashBucket(s3, siteBucket)).toEqual({});
    } finally {
      await content.delete('entries/2014/untitled.md');
    }
  });

  it('publishes, waits for the run and prints its outcome as publish does', async () => {
    const first = await run([]);
    expect(first.stderr).toMatch(/^waiting for run [0-9a-f-]{36} \.\.\.\n$/);
    expect(first.code).toBe(0);
    const lines = first.stdout.trim().split('\n');
    expect(lines).toContain('new       rss.xml');
    expect(lines).toContain('new       tags/trade/feed.json');
    expect(lines.at(-1)).toMatch(/^Published (\d+) files: \1 new, 0 changed, 0 unchanged, 0 deleted; run [0-9a-f-]{36} \(manual\) in \d+\.\d\d s$/);
    expect(await feedIds()).toEqual([idOf('2014/b'), idOf('2014/a')]);
  });

  it('--dry-run shows what readers would see and writes nothing', async () => {
    await content.put('entries/2014/c.md', entryText(entry({ title: 'Freight stalls', url: 'https://news.example.com/c', date: '2014-05-12', tags: ['Rail'] })), { contentType: 'text/markdown' });
    const before = await hashBucket(s3, siteBucket);
    const dry = await run(['--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('readers of the site feed: 1 new, 0 updated, 0 removed');
    expect(dry.stdout).toContain(`  new      ${idOf('2014/c')}  Freight stalls`);
    expect(dry.stdout).toContain('readers of the feed in tags/rail/: 1 new, 0 updated, 0 removed');
    expect(dry.stdout).not.toContain('tags/trade/:');
    expect(dry.stdout.trim().split('\n').at(-1)).toMatch(/^Dry run, nothing written: would publish \d+ files: \d+ new, \d+ changed, \d+ unchanged, 0 deleted; 3 of 3 entries, 2 tags; in /);
    expect(await hashBucket(s3, siteBucket)).toEqual(before);
  });

  it('refuses a renamed entry without id: as a dry run and as a run, exit 1, naming both paths and the fix', async () => {
    await content.delete('entries/2014/b.md');
    // With a field Broadsheet does not know: both refusals print its warning, as an answered run would.
    await content.put('entries/2014/b-renamed.md', entryText(entry({ ...B, layout: 'post' })), { contentType: 'text/markdown' });
    const before = await hashBucket(s3, siteBucket);
    const problem = 'entries/2014/b-renamed.md: id: its url was published from entries/2014/b.md with the id "2014/b"; under the id "2014/b-renamed" every reader would show it again as a new item (add `id: 2014/b` to its front matter, or publish with --allow-id-change to give it the new id, as a new entry about the same article needs)';
    const warning = 'warning: entries/2014/b-renamed.md:8: layout: is not a known field and is ignored (remove it: every entry is laid out by the site)';
    const dry = await run(['--dry-run']);
    expect(dry.code).toBe(1);
    expect(dry.stderr).toBe(`${warning}\n${problem}\nbroadsheet trigger: published ids would change; nothing would be published\n`);
    const refused = await run([]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${warning}\n${problem}\nbroadsheet trigger: run `);
    expect(refused.stderr).toMatch(/was refused: published entries would get new ids: 1 published entry would get a new id, and show again as new in every reader; nothing was written\n$/);
    expect(await hashBucket(s3, siteBucket)).toEqual(before);
    await content.put('entries/2014/b-renamed.md', entryText(entry(B)), { contentType: 'text/markdown' });

    const allowed = await run(['--allow-id-change']);
    expect(allowed.code).toBe(0);
    // Warned of from the run's record, as publish --allow-id-change warns of it.
    expect(allowed.stderr).toContain('warning: entries/2014/b-renamed.md: id: was "2014/b" (entries/2014/b.md), now "2014/b-renamed": readers show it again as new (--allow-id-change)\n');
    expect(await feedIds()).toEqual([idOf('2014/c'), idOf('2014/b-renamed'), idOf('2014/a')]);
  });

  it('prints the content warnings of a dry run and of a run, as publish does: a deleted tag feed and the line that keeps it', async () => {
    // The one entry tagged Rail is now tagged Freight: tags/rail/ is deleted, tags/freight/ is new.
    await content.put('entries/2014/c.md', entryText(entry({ title: 'Freight stalls', url: 'https://news.example.com/c', date: '2014-05-12', tags: ['Freight'] })), { contentType: 'text/markdown' });
    const warning = 'warning: site.yml: tagSlugs: the feeds of tags/rail/ are deleted: no published entry has that tag now, and their readers will find no feed (if the tag is now "Freight", add tagSlugs: {"Freight": rail} to keep its address)';
    const dry = await run(['--dry-run', '--quiet']);
    expect(dry.code).toBe(0);
    expect(dry.stderr).toBe(`${warning}\n`);
    const published = await run([]);
    expect(published.code).toBe(0);
    expect(published.stderr.trim().split('\n').slice(1)).toEqual([warning]);
  });

  it('--dry-run --json of invalid content gives its problems as objects, as check --json and publish --json do', async () => {
    await content.put('entries/2014/untitled.md', entryText(entry({ title: undefined, url: 'https://news.example.com/u' })), { contentType: 'text/markdown' });
    try {
      const dry = await run(['--dry-run', '--json']);
      expect(dry.code).toBe(1);
      const { problems } = JSON.parse(dry.stdout) as { problems: unknown[] };
      const checked = await runCli(['check', '--json', '--content', `s3://${content.bucket}/content/`, '--endpoint', endpoint], { env: env() });
      expect(checked.code).toBe(1);
      const expected = (JSON.parse(checked.stdout) as { problems: { file: string; field: string }[] }).problems;
      expect(expected.map(({ file, field }) => [file, field])).toEqual([['entries/2014/untitled.md', 'title']]);
      expect(problems).toEqual(expected);
    } finally {
      await content.delete('entries/2014/untitled.md');
    }
  });

  it('--no-wait answers with the run id at once; status reads the same records the trigger serves', async () => {
    const queued = await run(['--no-wait', '--json']);
    expect(queued.code).toBe(0);
    const { runId } = JSON.parse(queued.stdout) as { runId: string };
    await aws.idle();
    // Followed from its id alone, as after a timeout or Ctrl-C.
    const followed = await run(['--wait', runId, '--quiet']);
    expect(followed.code).toBe(0);
    expect(followed.stdout).toMatch(new RegExp(`^Published \\d+ files: 0 new, 0 changed, \\d+ unchanged, 0 deleted; run ${runId} \\(manual\\) in `));
    const status = await runCli(['status', '--bucket', siteBucket, '--endpoint', endpoint, '--json'], { env: env() });
    const runs = (JSON.parse(status.stdout) as { runs: RunRecord[] }).runs;
    expect(runs.find((record) => record.id === runId)).toMatchObject({ kind: 'publish', trigger: 'manual', outcome: 'ok', counts: { new: 0, changed: 0, deleted: 0 } });
    // The refused runs are there too, failures like any other, the first publish's included.
    expect(runs.filter((record) => record.outcome === 'refused').map((record) => record.error)).toEqual(['IdChangeError']);
    expect(runs.filter((record) => record.outcome === 'invalid').map((record) => record.problems[0])).toEqual([expect.stringMatching(/^entries\/2014\/untitled\.md(:\d+)?: title: /)]);
    expect(runs.every((record) => record.trigger === 'manual' && typeof record.requestedBy === 'string')).toBe(true);

    // GET /runs and GET /runs/<id>, behind the same token.
    const get = (path: string, token = TOKEN) => fetch(`${trigger.url}${path}`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(10_000) });
    const latest = await get('/runs?limit=2');
    expect(latest.status).toBe(200);
    expect(((await latest.json()) as { runs: RunRecord[] }).runs).toHaveLength(2);
    const one = await get(`/runs/${runId}`);
    expect(((await one.json()) as RunRecord).id).toBe(runId);
    expect((await get(`/runs/${runId}`, 'not-the-token-at-all')).status).toBe(401);
    expect((await get('/runs/..%2Fmanifest.json')).status).toBe(400);
    expect((await get('/runs/00000000-0000-0000-0000-000000000000')).status).toBe(404);
    expect((await get('/runs?limit=0')).status).toBe(400);
  });

  it('Ctrl-C while waiting stops the waiting, exit 130, and says the run goes on and how to follow it', async () => {
    const unended = '00000000-0000-0000-0000-000000000000';
    let signalled = false;
    const stopped = await runCli(['trigger', '--interval', '0.1', '--wait', unended], {
      env: env(),
      onStderr: (stderr, child) => {
        if (signalled || !stderr.includes('waiting for run')) return;
        signalled = true;
        child.kill('SIGINT');
      },
    });
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toBe(`waiting for run ${unended} ...\nbroadsheet trigger: stopped waiting; run ${unended} goes on; broadsheet trigger --wait ${unended} waits for it again\n`);
  });

  it('--dry-run of content with more problems than the trigger lists prints the first ones and how many more, exit 1', async () => {
    const ENTRIES = 60;
    // Each is missing its title and source, and has a url and a date that are not: four problems.
    const broken = entryText(entry({ title: undefined, source: undefined, url: 'not a url', date: 'someday' }));
    const keys = Array.from({ length: ENTRIES }, (_, i) => `entries/2014/broken-${i}.md`);
    await Promise.all(keys.map((key) => content.put(key, broken, { contentType: 'text/markdown' })));
    try {
      const dry = await run(['--dry-run']);
      expect(dry.code).toBe(1);
      const lines = dry.stderr.trim().split('\n');
      expect(lines.slice(0, MAX_LISTED).every((line) => /^entries\/2014\/broken-\d+\.md(:\d+)?: (title|source|url|date): /.test(line))).toBe(true);
      expect(lines.slice(MAX_LISTED)).toEqual([`... and ${ENTRIES * 4 - MAX_LISTED} more problems`, 'broadsheet trigger: the content is invalid; nothing would be published']);
    } finally {
      await Promise.all(keys.map((key) => content.delete(key)));
    }
  });

  it('--dry-run that changes more feeds than the function answers prints the first and counts the rest', async () => {
    // 11 entries of 20 new tags each: 220 new tag feeds, and the site feed, past the MAX_LISTED feeds the answer lists.
    const keys = Array.from({ length: 11 }, (_, e) => `entries/2014/tagged-${e}.md`);
    const tags = (e: number) => Array.from({ length: 20 }, (_, t) => `many-${e}-${t}`);
    await Promise.all(keys.map((key, e) => content.put(key, entryText(entry({ title: `Tagged ${e}`, url: `https://news.example.com/tagged-${e}`, tags: tags(e) })), { contentType: 'text/markdown' })));
    try {
      const dry = await run(['--dry-run']);
      expect(dry.code).toBe(0);
      const lines = dry.stdout.trim().split('\n');
      const listed = lines.filter((line) => /^readers of the (site feed|feed in [^ ]+): \d+ new/.test(line));
      expect(listed).toHaveLength(MAX_LISTED);
      const more = lines.filter((line) => line.startsWith('readers of ') && line.includes('more feed'));
      expect(more).toHaveLength(1);
      const [, left, total] = /^readers of (\d+) more feeds?: not listed \(the publish function answers the first 200 of (\d+)\); publish --dry-run --bucket SITE_BUCKET lists them all$/.exec(more[0]!)!;
      expect(Number(total)).toBeGreaterThanOrEqual(11 * 20 + 1);
      expect(Number(left)).toBe(Number(total) - MAX_LISTED);
    } finally {
      await Promise.all(keys.map((key) => content.delete(key)));
    }
  });

  it('--digest WEEK --send refused by the send\'s checks prints what to fix, exit 2, and queues no send', async () => {
    const refused = await run(['--digest', '2014-W19', '--send']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe('broadsheet trigger: the trigger answered 400: ConfigError: site.yml: digest.from is missing (write from: "Site Name <digest@example.org>")\n');
    // The check's refusal is the one digest run: no send was queued after it.
    await aws.idle();
    const digests = (await latestRuns(new S3Store(s3, siteBucket, ''), 100)).filter((record) => record.kind === 'digest');
    expect(digests.map((record) => [record.outcome, record.error, record.week])).toEqual([['refused', 'ConfigError', '2014-W19']]);
  });

  it('exits 2 on a wrong token, and says what is missing without a URL', async () => {
    const wrong = await run([], TOKEN.replace(/.$/, 'x'));
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toBe('broadsheet trigger: the trigger answered 401: missing or wrong bearer token (check BROADSHEET_TRIGGER_TOKEN)\n');
    const none = await runCli(['trigger'], { env: { ...env(), BROADSHEET_TRIGGER_URL: '' } });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("set BROADSHEET_TRIGGER_URL to the trigger's Function URL");
  });
});
