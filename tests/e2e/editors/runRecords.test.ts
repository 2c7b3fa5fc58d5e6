import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { RunRecord } from '../../../lib/publish/runRecord.js';

// Local publishes and digests write the same run records as the functions; `status --out` reads them back.
const temporary: string[] = [];
afterAll(async () => {
  await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
});
const NOW = '2014-06-01T00:00:00Z';

describe('run records and broadsheet status', () => {
  it('records every run, and lists them newest first with the failure and its problem', async () => {
    const content = await contentFolder({ entries: { '2014/a.md': entryText(entry({ title: 'Rail link opens', date: '2014-05-08' })) } });
    const out = await mkdtemp(join(tmpdir(), 'broadsheet-runs-'));
    temporary.push(content, out);
    expect((await runCli(['status', '--out', out])).stdout.trim()).toBe(`no run recorded in ${out}/; a run queued or running has none until it ends (broadsheet trigger --wait RUN_ID follows one the trigger queued)`);
    // A mistyped folder is no folder without records.
    const typo = await runCli(['status', '--out', `${out}-typo`]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe(`broadsheet status: --out: ${out}-typo does not exist (the published output; check its name, or give --bucket)\n`);

    expect((await runCli(['publish', '--content', content, '--out', out, '--now', NOW])).code).toBe(0);
    await writeFile(join(content, 'entries/2014/b.md'), entryText(entry({ title: 'Exports rise', url: 'https://news.example.com/b', date: '2014-05-10' })));
    expect((await runCli(['publish', '--content', content, '--out', out, '--now', NOW])).code).toBe(0);
    // A dry run writes no record.
    expect((await runCli(['publish', '--content', content, '--out', out, '--now', NOW, '--dry-run'])).code).toBe(0);
    // With a warning too: the refused run's record keeps it for the editor who fixes the date later.
    await writeFile(join(content, 'entries/2014/c.md'), entryText(entry({ title: 'Bad date', url: 'https://news.example.com/c', date: '2014-13-01', layout: 'post' })));
    const refused = await runCli(['publish', '--content', content, '--out', out, '--now', NOW]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^warning: entries\/2014\/c\.md:\d+: layout: is not a known field [^\n]+\nentries\/2014\/c\.md:\d+: date: /);
    expect(await readdir(join(out, '_broadsheet/runs'))).toHaveLength(3);

    const json = await runCli(['status', '--out', out, '--json']);
    expect(json.code).toBe(2);
    const runs = (JSON.parse(json.stdout) as { runs: RunRecord[] }).runs;
    expect(runs.map((run) => run.outcome)).toEqual(['invalid', 'ok', 'ok']);
    expect(runs.every((run) => run.kind === 'publish' && run.trigger === 'cli' && /^cli-[0-9a-f-]{36}$/.test(run.id))).toBe(true);
    expect(runs[0]).toMatchObject({ error: 'ContentError', problemsTotal: 1, changedTotal: 0 });
    expect(runs[0]!.problems[0]).toMatch(/^entries\/2014\/c\.md:\d+: date: /);
    // The second publish added b: its page is the one new file, the feeds and pages that list it changed, nothing
    // was deleted.
    expect(runs[1]!.counts).toMatchObject({ new: 1, deleted: 0 });
    expect(runs[1]!.changed).toEqual(expect.arrayContaining([{ key: 'entries/2014/b/index.html', status: 'new' }, { key: 'rss.xml', status: 'changed' }, { key: 'feed.json', status: 'changed' }]));
    expect(runs[2]!.counts.new).toBe(runs[2]!.changedTotal);
    expect(runs[2]!.requests?.output.put).toBeGreaterThan(0);
    expect(Date.parse(runs[0]!.endedAt)).toBeGreaterThanOrEqual(Date.parse(runs[1]!.endedAt));

    const text = await runCli(['status', '--out', out, '--limit', '2']);
    expect(text.code).toBe(2);
    const lines = text.stdout.trim().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^\\S+  publish  cli       INVALID   1 warning  \\(run ${runs[0]!.id}\\)$`));
    expect(lines[1]).toBe('    invalid content: 1 problem in the content (fix the problems listed, then run it again; broadsheet check lists them all)');
    expect(lines[2]).toBe(`    ${runs[0]!.problems[0]}`);
    expect(lines[3]).toMatch(/^    warning: entries\/2014\/c\.md:\d+: layout: is not a known field /);
    expect(lines[4]).toMatch(/  publish  cli       ok        1 new, \d+ changed, 0 deleted  \(run cli-/);
    expect(lines.at(-1)).toBe(`2 latest runs in ${out}/; 1 did not succeed (the latest among them)`);
    // --quiet: the summary line alone, and the same exit status.
    const quiet = await runCli(['status', '--out', out, '--limit', '2', '--quiet']);
    expect(quiet.code).toBe(2);
    expect(quiet.stdout).toBe(`2 latest runs in ${out}/; 1 did not succeed (the latest among them)\n`);
  });
});
