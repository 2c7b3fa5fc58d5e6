import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { runMain } from '../../support/runMain.js';

// An output another tool wrote, with two files at names a publish writes (index.html, rss.xml) and one at none: the run
// record of the publish --replace-unclaimed that overwrites them keeps how many, and status says so.
const NOW = '2014-06-01T00:00:00Z';
const temporary: string[] = [];
afterAll(async () => {
  await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('status after publish --replace-unclaimed', () => {
  it('counts the new files that overwrote files no publish wrote, in the record and its line', async () => {
    const content = await contentFolder({ entries: { '2014/a.md': entryText(entry({ title: 'Rail link opens', url: 'https://news.example.com/a', date: '2014-05-08' })) } });
    const out = await mkdtemp(join(tmpdir(), 'broadsheet-replaced-'));
    temporary.push(content, out);
    await writeFile(join(out, 'index.html'), '<p>old index</p>');
    await writeFile(join(out, 'rss.xml'), '<rss/>');
    await writeFile(join(out, 'about.html'), '<p>old about</p>');
    const run = await runMain(['publish', '--content', content, '--out', out, '--now', NOW, '--replace-unclaimed', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const published = JSON.parse(run.stdout) as { counts: { new: number }; replaced: string[] };
    expect(published.replaced).toEqual(['index.html', 'rss.xml']);

    const json = await runMain(['status', '--out', out, '--json']);
    const [record] = (JSON.parse(json.stdout) as { runs: { counts: Record<string, number> }[] }).runs;
    expect(record!.counts).toMatchObject({ new: published.counts.new, replaced: 2 });
    const text = await runMain(['status', '--out', out]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`  ok        ${published.counts.new} new (2 over files no publish wrote, --replace-unclaimed), 0 changed, 0 deleted  (run cli-`);

    // The next publish overwrites nothing: its record counts none.
    await writeFile(join(content, 'entries', '2014', 'b.md'), entryText(entry({ title: 'Exports rise', url: 'https://news.example.com/b', date: '2014-05-10' })));
    expect((await runMain(['publish', '--content', content, '--out', out, '--now', NOW])).code).toBe(0);
    const [latest] = (JSON.parse((await runMain(['status', '--out', out, '--json'])).stdout) as { runs: { counts: Record<string, number> }[] }).runs;
    expect(latest!.counts.replaced).toBeUndefined();
    expect((await runMain(['status', '--out', out])).stdout.split('\n')[0]).not.toContain('over files');
  });
});
