import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { runMain } from '../../support/runMain.js';

// An output another tool wrote (a site moving to Broadsheet): its index.html is at a name a publish writes, its
// about.html at none. Refused by default (lib/publish/refuseUnclaimedFiles.ts); --replace-unclaimed overwrites the one
// and names it, and lets the other be. tests/e2e/cli/replaceUnclaimed.test.ts runs the real CLI on a bucket.
const NOW = '2014-06-01T00:00:00Z';
const OLD_INDEX = '<p>the old tool index</p>';
const OLD_ABOUT = '<p>the old tool about page</p>';
const temporary: string[] = [];
afterAll(async () => {
  await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function migrating(): Promise<{ content: string; out: string }> {
  const content = await contentFolder({ entries: { '2014/a.md': entryText(entry({ title: 'Rail link opens', url: 'https://news.example.com/a', date: '2014-05-08' })) } });
  const out = await mkdtemp(join(tmpdir(), 'broadsheet-unclaimed-'));
  temporary.push(content, out);
  await writeFile(join(out, 'index.html'), OLD_INDEX);
  await writeFile(join(out, 'about.html'), OLD_ABOUT);
  return { content, out };
}
const publishTo = ({ content, out }: { content: string; out: string }, ...extra: string[]) => runMain(['publish', '--content', content, '--out', out, '--now', NOW, ...extra]);

describe('publish --replace-unclaimed into an output another tool wrote', () => {
  it('is refused without the flag, naming the file and the flag, and writes nothing', async () => {
    const site = await migrating();
    const run = await publishTo(site);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('that no publish wrote and this one would overwrite (index.html)');
    expect(run.stderr).toContain('broadsheet publish --replace-unclaimed');
    expect((await readdir(site.out)).sort()).toEqual(['about.html', 'index.html']);
  });

  it('with --dry-run names the file it would overwrite and writes nothing', async () => {
    const site = await migrating();
    const run = await publishTo(site, '--dry-run', '--replace-unclaimed');
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`would overwrite 1 file in ${site.out}/ that no publish wrote (--replace-unclaimed):\n  index.html\n`);
    expect((await readdir(site.out)).sort()).toEqual(['about.html', 'index.html']);
    expect(await readFile(join(site.out, 'index.html'), 'utf8')).toBe(OLD_INDEX);
  });

  it('overwrites the file at a name it writes, names it (in --json too), and lets the other be', async () => {
    const site = await migrating();
    const run = await publishTo(site, '--replace-unclaimed', '--json');
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`overwrote 1 file in ${site.out}/ that no publish wrote (--replace-unclaimed):\n  index.html\n`);
    expect((JSON.parse(run.stdout) as { replaced: string[] }).replaced).toEqual(['index.html']);
    const index = await readFile(join(site.out, 'index.html'), 'utf8');
    expect(index).not.toBe(OLD_INDEX);
    expect(index).toContain('Rail link opens');
    expect(await readFile(join(site.out, 'about.html'), 'utf8')).toBe(OLD_ABOUT);
    // Now the publish's own: the next run neither refuses nor names it.
    const again = await publishTo(site);
    expect(again.code).toBe(0);
    expect(again.stderr).not.toContain('no publish wrote');
  });
});
