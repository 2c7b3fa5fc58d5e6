import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentFolder, entry, entryText, SITE } from '../../support/content.js';
import { runMain } from '../../support/runMain.js';
import { temporaryFolders } from '../../support/temporaryFolders.js';

// An output copied as `cp -a` does (times kept, every file a new inode): a local file's version is its size, mtime and
// inode, so every file read as changed by someone else, and was written again with a warning naming them all. A file
// at another version holding the bytes the manifest records (its SHA-256) is no one's change: read once, its version
// recorded anew.
const folders = temporaryFolders();
const NOW = '2014-06-01T00:00:00Z';
const A = entryText(entry({ title: 'A', url: 'https://news.example.com/a', date: '2014-05-08', tags: ['trade'] }));
const B = entryText(entry({ title: 'B', url: 'https://news.example.com/b', date: '2014-05-09', tags: ['fish'] }));

interface Published {
  counts: Record<string, number>;
  repaired: string[];
  requests: { output: { get: number; put: number } };
}

async function publishTo(content: string, out: string): Promise<Published> {
  const run = await runMain(['publish', '--content', content, '--out', out, '--now', NOW, '--json']);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Published;
}

describe('publish into an output copied with its times kept', () => {
  it('finds no file changed by someone else, records the new versions, and is settled the next time', async () => {
    const content = folders.keep(await contentFolder({ site: SITE, entries: { '2014/a.md': A, '2014/b.md': B } }));
    const original = await folders.make('broadsheet-copied-');
    const first = await publishTo(content, original);
    const files = first.counts.new!;
    const copy = join(await folders.make('broadsheet-copied-'), 'site');
    await cp(original, copy, { recursive: true, preserveTimestamps: true });

    const again = await publishTo(content, copy);
    expect(again.repaired).toEqual([]);
    expect(again.counts).toEqual({ new: 0, changed: 0, unchanged: files, deleted: 0 });
    // Nothing of the site written: only Broadsheet's own state (the manifest with the new versions, the run record).
    expect(again.requests.output.put).toBeLessThan(files);

    // Now settled: the manifest holds the copy's versions, so no file is read again.
    const settled = await publishTo(content, copy);
    expect(settled.counts).toEqual({ new: 0, changed: 0, unchanged: files, deleted: 0 });
    expect(settled.requests.output.get).toBeLessThan(files);
  });

  it('a copied file whose bytes someone changed, at the same size, is still written again and named', async () => {
    const content = folders.keep(await contentFolder({ site: SITE, entries: { '2014/a.md': A, '2014/b.md': B } }));
    const original = await folders.make('broadsheet-copied-');
    const files = (await publishTo(content, original)).counts.new!;
    const copy = join(await folders.make('broadsheet-copied-'), 'site');
    await cp(original, copy, { recursive: true, preserveTimestamps: true });
    const feed = join(copy, 'rss.xml');
    const text = await readFile(feed, 'utf8');
    // One letter for another: the size recorded, other bytes.
    await writeFile(feed, text.replace('<title>A</title>', '<title>Z</title>'));
    const again = await publishTo(content, copy);
    expect(again.repaired).toEqual(['rss.xml']);
    expect(again.counts).toEqual({ new: 0, changed: 1, unchanged: files - 1, deleted: 0 });
    expect(await readFile(feed, 'utf8')).toBe(text);
  });
});
