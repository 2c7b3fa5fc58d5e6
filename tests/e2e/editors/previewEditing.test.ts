import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contentFolder, entry, entryText, SITE } from '../../support/content.js';
import { PreviewProcess } from '../../support/preview.js';

// An editor's session with `broadsheet preview` running: saves as editors' tools make them, renames, drafts.
let preview: PreviewProcess | undefined;
afterEach(async () => {
  await preview?.stop();
  preview = undefined;
});

const NOW = '2014-06-01T00:00:00+09:00';

describe('broadsheet preview while an editor works', () => {
  it('shows every save of an entry saved by writing a copy and renaming it over the file (vim, sed -i), and every save after it', async () => {
    const dir = await contentFolder({ site: SITE, entries: { '2014/a.md': entryText(entry({ title: 'First draft', url: 'https://news.example.com/a', date: '2014-05-01' })) } });
    preview = await new PreviewProcess(['--content', dir, '--now', NOW]).start();
    const file = join(dir, 'entries', '2014', 'a.md');
    // The editor's tool saves by renaming a copy over the file, then another writes the file in place, and so on.
    for (const [title, renamed] of [['Second draft', true], ['Third draft', false], ['Fourth draft', true], ['Final title', false]] as const) {
      const mark = preview.stdout.length;
      const text = entryText(entry({ title, url: 'https://news.example.com/a', date: '2014-05-01' }));
      if (renamed) {
        await writeFile(`${file}.swp`, text);
        await rename(`${file}.swp`, file);
      } else await writeFile(file, text);
      await preview.waitFor(/rebuilt in [\d.]+ s: \d+ files? changed/, 'stdout', 10_000, mark);
      expect(await (await fetch(`${preview.url}entries/2014/a/`)).text()).toContain(`<title>${title} · Test Watch`);
    }
  });

  it('shows a file renamed while it runs under its new path, and warns of the id a publish would refuse, with the id: line that keeps it', async () => {
    const dir = await contentFolder({ site: SITE, entries: { '2014/b.md': entryText(entry({ title: 'Bridge opens', url: 'https://news.example.com/b', date: '2014-05-01' })) } });
    preview = await new PreviewProcess(['--content', dir, '--now', NOW]).start();
    const [mark, errMark] = [preview.stdout.length, preview.stderr.length];
    await rename(join(dir, 'entries', '2014', 'b.md'), join(dir, 'entries', '2014', 'b-renamed.md'));
    await preview.waitFor(/rebuilt in [\d.]+ s: \d+ files? changed/, 'stdout', 10_000, mark);
    expect(await (await fetch(`${preview.url}entries/2014/b-renamed/`)).text()).toContain('<title>Bridge opens · Test Watch');
    expect((await fetch(`${preview.url}entries/2014/b/`)).status).toBe(404);
    const warning = preview.stderr.slice(errMark);
    expect(warning).toMatch(/^warning: entries\/2014\/b-renamed\.md: id: renamed from entries\/2014\/b\.md\b.*"2014\/b-renamed".*"2014\/b" is published, publish refuses it.*\(add `id: 2014\/b` to its front matter/m);
    expect(warning).not.toContain('build failed');
  });
});
