import { mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dump } from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../../lib/publish/runRecord.js';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText, SITE } from '../../support/content.js';
import { linkedCopy } from '../../support/linkedCopy.js';

// README, Commands: every command takes --json, a machine-readable summary. A script reads a refusal there too:
// one JSON document on stdout, whatever the command, besides the lines on stderr for a person.

const NOW = '2014-06-01T00:00:00Z';
const temporary: string[] = [];
afterAll(async () => {
  for (const dir of temporary) await rm(dir, { recursive: true, force: true });
});
async function folder(entries: Record<string, string>): Promise<string> {
  const dir = await contentFolder({ entries });
  temporary.push(dir);
  return dir;
}
async function out(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-json-'));
  temporary.push(dir);
  return dir;
}
const good = entryText(entry({ title: 'Rail link opens', url: 'https://news.example.com/a', date: '2014-05-08' }));
// With a field Broadsheet does not know: its warning is in the refusal's JSON too.
const badDate = entryText(entry({ title: 'Bad date', url: 'https://news.example.com/b', date: '2014-02-30', layout: 'post' }));

/**
 * An output folder holding what publishing `good` alone there from scratch leaves: hard links (linkedCopy) to one
 * such publish, run once, which a publish replaces but never writes into.
 */
let goodPublished: Promise<string> | undefined;
async function publishedGood(): Promise<string> {
  goodPublished ??= (async () => {
    const target = await out();
    expect((await runCli(['publish', '--content', await folder({ '2014/a.md': good }), '--out', target, '--now', NOW, '--quiet'])).code).toBe(0);
    return target;
  })();
  const target = await out();
  await linkedCopy(await goodPublished, target);
  return target;
}

describe('--json when a command is refused', () => {
  it('publish, invalid content: exit 1, the problems on stdout as JSON, nothing written', async () => {
    const content = await folder({ '2014/a.md': good, '2014/b.md': badDate });
    const run = await runCli(['publish', '--content', content, '--out', await out(), '--now', NOW, '--json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { ok: boolean; command: string; error: string; message: string; problems: { file: string; field: string }[]; warnings: { file: string; field: string }[] };
    expect(report).toMatchObject({ ok: false, command: 'publish', error: 'ContentError', message: '1 problem in the content; nothing was written' });
    expect(report.problems).toMatchObject([{ file: 'entries/2014/b.md', field: 'date' }]);
    expect(report.warnings).toMatchObject([{ file: 'entries/2014/b.md', field: 'layout', message: 'is not a known field and is ignored' }]);
    expect(run.stderr).toMatch(/^entries\/2014\/b\.md:\d+: date: /m);
  });

  it('publish, a refused id change: its problem, under its own error', async () => {
    const content = await folder({ '2014/a.md': good });
    const target = await publishedGood();
    await rename(join(content, 'entries/2014/a.md'), join(content, 'entries/2014/a-renamed.md'));
    const run = await runCli(['publish', '--content', content, '--out', target, '--now', NOW, '--json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, error: 'IdChangeError', problems: [{ file: 'entries/2014/a-renamed.md', field: 'id' }] });
  });

  it("publish, a site moved to another host: the content's warnings beside the refusal, in its JSON and its run record", async () => {
    const content = await folder({ '2014/a.md': good });
    const target = await publishedGood();
    await writeFile(join(content, 'site.yml'), dump({ ...SITE, url: 'https://news.example.net/' }));
    await writeFile(join(content, 'entries/2014/a.md'), entryText(entry({ title: 'Rail link opens', url: 'https://news.example.com/a', date: '2014-05-08', layout: 'post' })));
    const run = await runCli(['publish', '--content', content, '--out', target, '--now', NOW, '--json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, error: 'IdChangeError', problems: [{ file: 'site.yml', field: 'url' }], warnings: [{ file: 'entries/2014/a.md', field: 'layout' }] });
    expect(run.stderr).toMatch(/^warning: entries\/2014\/a\.md:\d+: layout: /m);
    // Run records are named newest first.
    const [refused] = (await readdir(join(target, '_broadsheet/runs'))).sort();
    const record = JSON.parse(await readFile(join(target, '_broadsheet/runs', refused!), 'utf8')) as RunRecord;
    expect(record).toMatchObject({ outcome: 'refused', error: 'IdChangeError', warningLines: [expect.stringMatching(/^entries\/2014\/a\.md:\d+: layout: /)] });
  });

  it('new, a usage error: exit 2, its message', async () => {
    const content = await folder({ '2014/a.md': good });
    const run = await runCli(['new', '--content', content, '--url', 'not a url', '--json']);
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout) as { ok: boolean; command: string; error: string; message: string };
    expect(report).toMatchObject({ ok: false, command: 'new', error: 'UsageError' });
    expect(run.stderr).toContain(report.message);
  });

  it('check prints its own report once, not a second one', async () => {
    const content = await folder({ '2014/a.md': good, '2014/b.md': badDate });
    const run = await runCli(['check', '--content', content, '--json']);
    expect(run.code).toBe(1);
    // With the fields every refusal has.
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, command: 'check', error: 'ContentError', message: `1 problem in ${content}/`, problems: [{ file: 'entries/2014/b.md' }] });
  });
});
