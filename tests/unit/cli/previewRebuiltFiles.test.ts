import { existsSync } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { PreviewServer, type BuildReport } from '../../../cli/previewServer.js';
import { rebuiltFilesWords } from '../../../cli/rebuiltFilesWords.js';
import { contentFolder, entry, entryText, SITE } from '../../support/content.js';

let server: PreviewServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

// a (Trade) and b (Rail, its only entry): deleting b deletes its page and Rail's tag feeds and page.
const A = entryText(entry({ title: 'A', url: 'https://news.example.com/a', date: '2014-05-01', tags: ['Trade'] }));
const B = entryText(entry({ title: 'B', url: 'https://news.example.com/b', date: '2014-05-02', tags: ['Rail'] }));

async function previewOf(dir: string): Promise<{ preview: PreviewServer; builds: BuildReport[] }> {
  const builds: BuildReport[] = [];
  const preview = new PreviewServer({ contentDir: dir, port: 0, now: () => DateTime.fromISO('2014-06-01T00:00:00+09:00'), onBuild: (build) => builds.push(build), debounceMs: 60_000 });
  server = preview;
  await preview.start();
  return { preview, builds };
}

describe('preview: what a rebuild did to the files', () => {
  it('tells the files deleted from those changed: an entry deleted takes its page and its only tag’s feeds', async () => {
    const dir = await contentFolder({ site: SITE, entries: { '2014/a.md': A, '2014/b.md': B } });
    const { preview, builds } = await previewOf(dir);
    await unlink(join(dir, 'entries', '2014', 'b.md'));
    await preview.rebuild();
    const build = builds.at(-1)!;
    if (!build.ok) throw new Error(build.message);
    // b's page, and the page and three feeds of Rail, whose only entry it was.
    const deleted = ['entries/2014/b/index.html', 'tags/rail/atom.xml', 'tags/rail/feed.json', 'tags/rail/index.html', 'tags/rail/rss.xml'];
    expect(build.deleted).toEqual(deleted);
    // Each one deleted is gone from the build served; each other one changed is there.
    for (const key of build.changed) expect(existsSync(join(build.dir, ...key.split('/'))), key).toBe(!build.deleted.includes(key));
    // The site feed lost b: changed, not deleted.
    expect(build.changed).toContain('rss.xml');
    expect(build.deleted).not.toContain('rss.xml');
    const written = build.changed.length - build.deleted.length;
    expect(rebuiltFilesWords(build.changed, build.deleted)).toMatch(new RegExp(`^${written} files changed \\([^)]*, and ${written - 5} more\\), 5 deleted \\(${deleted.join(', ').replaceAll('.', '\\.')}\\)$`));
  });

  it('words each kind apart, the first five named, and nothing when nothing changed', () => {
    expect(rebuiltFilesWords([], [])).toBe('nothing changed');
    expect(rebuiltFilesWords(['a', 'b'], [])).toBe('2 files changed (a, b)');
    expect(rebuiltFilesWords(['a', 'x'], ['x'])).toBe('1 file changed (a), 1 deleted (x)');
    expect(rebuiltFilesWords(['x'], ['x'])).toBe('1 file deleted (x)');
    expect(rebuiltFilesWords(['a', 'b', 'c', 'd', 'e', 'f', 'g'], ['b', 'c', 'd', 'e', 'f', 'g'])).toBe('1 file changed (a), 6 deleted (b, c, d, e, f, and 1 more)');
  });

  it('after entries/ is renamed, names the folder to rename back, and each file’s place under entries/', async () => {
    const dir = await contentFolder({ site: SITE, entries: { '2014/a.md': A, '2014/b.md': B } });
    const { preview, builds } = await previewOf(dir);
    await rename(join(dir, 'entries'), join(dir, 'entries2'));
    await preview.rebuild();
    const build = builds.at(-1)!;
    expect(build.ok).toBe(false);
    const fixes = build.ok ? [] : build.problems.filter((problem) => problem.file.startsWith('entries2/')).map(({ file, fix }) => [file, fix]);
    expect(fixes).toEqual([
      ['entries2/2014/a.md', 'move it to entries/2014/a.md: entries2/ reads as the entries folder renamed, so rename entries2/ back to entries/'],
      ['entries2/2014/b.md', 'move it to entries/2014/b.md: entries2/ reads as the entries folder renamed, so rename entries2/ back to entries/'],
    ]);
  });
});
