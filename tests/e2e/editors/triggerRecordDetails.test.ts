import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { pushContent } from '../../../cli/pushContent.js';
import { runKey, type RunRecord } from '../../../lib/publish/runRecord.js';
import { S3Store } from '../../../lib/store/s3Store.js';
import { runCli } from '../../support/cli.js';
import { entry, entryText, memoryContent } from '../../support/content.js';
import { captureLogs } from '../../support/lambda.js';
import type { LoopbackServer } from '../../support/loopbackLambda.js';
import { serveTriggerWithPublish } from '../../support/triggerWithPublish.js';
import { freshBucket, s3rverEnv, testS3Client } from '../../support/s3.js';

// A run the trigger queued, refused for its content: `trigger` waits for its record and gives its problems and warnings
// as objects under --json, as check --json gives them, and as check prints them without; GET /runs serves the same
// objects. A record an older function wrote (lines alone) is read too. The real CLI, trigger and publish handlers;
// only Lambda's and SSM's HTTP front doors are stand-ins.
const TOKEN = 'kD3-wQ9n_Tz6RbL2xV8mP5hY';
const NOW = DateTime.fromISO('2014-06-01T00:00:00Z');
const endpoint = inject('s3Endpoint');
const s3 = testS3Client(endpoint);

let trigger: LoopbackServer;
let close: (() => Promise<void>) | undefined;
let contentBucket: string;
let siteBucket: string;
let logs: ReturnType<typeof captureLogs>;

beforeAll(async () => {
  logs = captureLogs();
  contentBucket = await freshBucket(s3, 'details-content');
  siteBucket = await freshBucket(s3, 'details-site');
  // Two problems (a title missing, a date that is no date) and a warning (a field Broadsheet does not know).
  const entries = {
    '2014/a.md': entryText(entry({ title: 'Rail link opens', date: '2014-05-08', layout: 'post' })),
    '2014/b.md': entryText(entry({ title: undefined, url: 'https://news.example.com/b', date: '2014-05-09' })),
    '2014/c.md': entryText(entry({ title: 'Bad date', url: 'https://news.example.com/c', date: '2014-13-01' })),
  };
  await pushContent({ from: memoryContent({ entries }), to: new S3Store(s3, contentBucket, 'content/') });
  ({ trigger, close } = await serveTriggerWithPublish({ s3, contentBucket, siteBucket, token: TOKEN, now: NOW }));
});
afterAll(async () => {
  await close?.();
  logs?.restore();
});

const run = (args: string[]) => runCli(['trigger', '--interval', '0.1', '--timeout', '30', ...args], { env: { ...s3rverEnv(endpoint), BROADSHEET_TRIGGER_URL: trigger.url, BROADSHEET_TRIGGER_TOKEN: TOKEN } });
const check = (args: string[]) => runCli(['check', '--content', `s3://${contentBucket}/content/`, '--endpoint', endpoint, '--now', NOW.toISO()!, ...args], { env: s3rverEnv(endpoint) });

describe("a run record's problems and warnings, through trigger and GET /runs", () => {
  it('as objects under --json and from GET /runs, as check prints them without; a record with lines alone as it is', async () => {
    const checked = JSON.parse((await check(['--json'])).stdout) as { problems: unknown[]; warnings: unknown[] };
    expect((checked.problems as { file: string; field: string }[]).map(({ file, field }) => [file, field])).toEqual([['entries/2014/b.md', 'title'], ['entries/2014/c.md', 'date']]);
    expect((checked.warnings as { file: string; field: string }[]).map(({ file, field }) => [file, field])).toEqual([['entries/2014/a.md', 'layout']]);

    const queued = await run(['--json']);
    expect(queued.code).toBe(1);
    const record = JSON.parse(queued.stdout) as Record<string, unknown>;
    expect(record).toMatchObject({ kind: 'publish', trigger: 'manual', outcome: 'invalid', problems: checked.problems, problemsTotal: 2, warnings: checked.warnings, warningsTotal: 1, warningLinesTotal: 1 });

    // Without --json, the lines check prints: the warning, then the problems.
    const text = await run(['--wait', String(record.id)]);
    expect(text.code).toBe(1);
    const printed = (await check([])).stderr.split('\n').filter((line) => line.startsWith('warning: ') || line.startsWith('entries/'));
    expect(printed).toHaveLength(3);
    expect(text.stderr.split('\n').slice(1, 4)).toEqual(printed);

    // GET /runs: the stored record, its lines for older readers and its objects beside.
    const got = await fetch(`${trigger.url}/runs?limit=1`, { headers: { authorization: `Bearer ${TOKEN}` }, signal: AbortSignal.timeout(10_000) });
    const [stored] = ((await got.json()) as { runs: RunRecord[] }).runs;
    expect(stored).toMatchObject({ id: record.id, problemDetails: checked.problems, warningDetails: checked.warnings, warningsTotal: 1, problemsTotal: 2 });
    expect(stored!.problems).toEqual(printed.slice(1));
    expect(stored!.warningLines).toEqual([printed[0]!.slice('warning: '.length)]);

    // A record an older function wrote, with lines alone (written before the latest, so it is not the latest run).
    const { problemDetails: _p, warningDetails: _w, warningsTotal: _t, ...old } = { ...stored!, id: 'old-function-run', startedAt: '2014-05-01T00:00:00.000Z', endedAt: '2014-05-01T00:00:01.000Z' };
    await new S3Store(s3, siteBucket, '').put(runKey(old), `${JSON.stringify(old, null, 1)}\n`, { contentType: 'application/json; charset=utf-8' });
    const oldJson = await run(['--wait', 'old-function-run', '--json']);
    expect(oldJson.code).toBe(1);
    expect(JSON.parse(oldJson.stdout)).toEqual(old);
    const oldText = await run(['--wait', 'old-function-run']);
    expect(oldText.stderr.split('\n').slice(1, 4)).toEqual(printed);
  });
});
