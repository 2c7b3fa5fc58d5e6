import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentFolder, entry, entryText, SITE } from '../../support/content.js';
import { runMain } from '../../support/runMain.js';
import { temporaryFolders } from '../../support/temporaryFolders.js';

// publish --dry-run printed a line for every unchanged file (about 96 for the sample), burying the few that change.
// It counts them in one line instead; --verbose lists them, and --json keeps every one.
const folders = temporaryFolders();
const NOW = '2014-06-01T00:00:00Z';
const A = entryText(entry({ title: 'A', url: 'https://news.example.com/a', date: '2014-05-08', tags: ['trade'] }));
const FILE_LINE = /^(new|changed|unchanged|deleted) +\S+ \S+ {2}(.+)$/;

function fileLines(stdout: string): string[] {
  return stdout.split('\n').filter((line) => FILE_LINE.test(line));
}

describe('publish --dry-run and the unchanged files', () => {
  it('lists what would change and counts the unchanged in one line; --verbose lists every file; --json keeps them all', async () => {
    const content = folders.keep(await contentFolder({ site: SITE, entries: { '2014/a.md': A } }));
    const out = await folders.make('broadsheet-dry-run-unchanged-');
    const first = await runMain(['publish', '--content', content, '--out', out, '--now', NOW]);
    expect(first.code).toBe(0);
    // Every file the first publish wrote, by key: the next dry run, with nothing edited, finds each unchanged.
    const published = fileLines(first.stdout).map((line) => FILE_LINE.exec(line)![2]!);
    expect(published.length).toBeGreaterThan(5);

    const same = await runMain(['publish', '--content', content, '--out', out, '--now', NOW, '--dry-run']);
    expect(same.code).toBe(0);
    expect(fileLines(same.stdout)).toEqual([]);
    expect(same.stdout.split('\n')).toContain(`... and ${published.length} unchanged files, not listed (--verbose lists them)`);

    const verbose = await runMain(['publish', '--content', content, '--out', out, '--now', NOW, '--dry-run', '--verbose']);
    expect(fileLines(verbose.stdout).map((line) => FILE_LINE.exec(line)!.slice(1, 3).join(' '))).toEqual(published.map((key) => `unchanged ${key}`));
    expect(verbose.stdout).not.toContain('not listed');

    // A second entry, a new tag: its files listed, the rest counted.
    await writeFile(join(content, 'entries/2014/b.md'), entryText(entry({ title: 'B', url: 'https://news.example.com/b', date: '2014-05-09', tags: ['fish'] })));
    const edited = await runMain(['publish', '--content', content, '--out', out, '--now', NOW, '--dry-run']);
    const listed = fileLines(edited.stdout).map((line) => FILE_LINE.exec(line)!.slice(1, 3).join(' '));
    expect(listed).toContain('new tags/fish/rss.xml');
    expect(listed.every((line) => !line.startsWith('unchanged '))).toBe(true);
    const json = JSON.parse((await runMain(['publish', '--content', content, '--out', out, '--now', NOW, '--dry-run', '--json'])).stdout) as { changes: { key: string; status: string }[] };
    const unchanged = json.changes.filter((change) => change.status === 'unchanged');
    expect(json.changes.filter((change) => change.status !== 'unchanged').map((change) => `${change.status} ${change.key}`)).toEqual(listed);
    expect(unchanged.length).toBeGreaterThan(0);
    expect(edited.stdout.split('\n')).toContain(`... and ${unchanged.length} unchanged files, not listed (--verbose lists them)`);
  });

  it('--verbose goes with --dry-run only: a publish lists every file', async () => {
    const content = folders.keep(await contentFolder({ site: SITE, entries: { '2014/a.md': A } }));
    const out = await folders.make('broadsheet-dry-run-unchanged-');
    const run = await runMain(['publish', '--content', content, '--out', out, '--now', NOW, '--verbose']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--verbose only applies with --dry-run');
  });
});
