import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentFolder, entry, entryText, SITE } from '../../support/content.js';
import { runMain } from '../../support/runMain.js';

// entries/ renamed to any name (`mv entries posts`): check named each file's move to entries/ one by one, as if the
// editor had scattered them, where renaming the one folder back is the fix. The folder that holds every entry-like
// file (a `.md` opening with front matter) reads as entries/ renamed, whatever its name.
const A = entryText(entry({ title: 'A', url: 'https://news.example.com/a' }));
const B = entryText(entry({ title: 'B', url: 'https://news.example.com/b' }));
const renamedFix = (folder: string, path: string) => `move it to entries/${path}: ${folder}/ reads as the entries folder renamed, so rename ${folder}/ back to entries/`;

async function checkLines(dir: string): Promise<string[]> {
  const run = await runMain(['check', '--content', dir, '--json']);
  expect(run.code).toBe(1);
  const { problems } = JSON.parse(run.stdout) as { problems: { file: string; fix: string }[] };
  return problems.filter((problem) => problem.file !== 'entries/').map(({ file, fix }) => `${file}: ${fix}`);
}

describe('check after the entries folder is renamed', () => {
  it('names the one folder holding the entries, whatever its name, as the one to rename back', async () => {
    const dir = await contentFolder({ site: SITE, entries: { '2014/a.md': A, '2014/b.md': B } });
    await rename(join(dir, 'entries'), join(dir, 'posts'));
    expect(await checkLines(dir)).toEqual([`posts/2014/a.md: ${renamedFix('posts', '2014/a.md')}`, `posts/2014/b.md: ${renamedFix('posts', '2014/b.md')}`]);
  });

  it('with entries in two folders of other names, moves each file, as neither is the whole of entries/', async () => {
    const dir = await contentFolder({ site: SITE, entries: { '2014/a.md': A } });
    await rename(join(dir, 'entries'), join(dir, 'posts'));
    await mkdir(join(dir, 'drafts'));
    await writeFile(join(dir, 'drafts/b.md'), B);
    // A note without front matter is no entry, so it makes no folder an entries folder.
    await mkdir(join(dir, 'notes'));
    await writeFile(join(dir, 'notes/todo.md'), '# To do\n');
    expect(await checkLines(dir)).toEqual(['drafts/b.md: move it to entries/drafts/b.md', 'posts/2014/a.md: move it to entries/posts/2014/a.md']);
  });

  it("a year's folder put beside site.yml is one of entries/'s own: moved into entries/", async () => {
    const dir = await contentFolder({ site: SITE, entries: { '2014/a.md': A } });
    await rename(join(dir, 'entries/2014'), join(dir, '2014'));
    expect(await checkLines(dir)).toEqual(['2014/a.md: move it to entries/2014/a.md']);
  });

  it('with one folder of entries and a file beside site.yml, renames the folder and moves the file', async () => {
    const dir = await contentFolder({ site: SITE, entries: { '2014/a.md': A } });
    await rename(join(dir, 'entries'), join(dir, 'articles'));
    await writeFile(join(dir, 'b.md'), B);
    expect(await checkLines(dir)).toEqual([`articles/2014/a.md: ${renamedFix('articles', '2014/a.md')}`, 'b.md: move it to entries/b.md']);
  });
});
