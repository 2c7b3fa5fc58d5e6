import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contentFolder, entry, entryText, SITE } from '../../support/content.js';
import { PreviewProcess } from '../../support/preview.js';

// README, "For editors": a file renamed while the preview runs is warned of, with the id: line that keeps its id;
// "once that line is added, the next build says nothing more of it" -- and until then, every build says it.
let preview: PreviewProcess | undefined;
afterEach(async () => {
  await preview?.stop();
  preview = undefined;
});

const NOW = '2014-06-01T00:00:00+09:00';
const REBUILT = /rebuilt in [\d.]+ s: [^\n]*\n/;

describe('broadsheet preview, a file renamed while it runs', () => {
  it('is warned of at every build after the rename until the id: line is added, then no more', async () => {
    const b = entry({ title: 'Bridge opens', url: 'https://news.example.com/b', date: '2014-05-01' });
    const a = entry({ title: 'Rail link', url: 'https://news.example.com/a', date: '2014-05-02' });
    const dir = await contentFolder({ site: SITE, entries: { '2014/b.md': entryText(b), '2014/a.md': entryText(a) } });
    preview = await new PreviewProcess(['--content', dir, '--now', NOW]).start();
    const warning = /^warning: entries\/2014\/b-renamed\.md: id: renamed from entries\/2014\/b\.md while previewing\b.*\(add `id: 2014\/b` to its front matter/m;
    // Each step's stderr from its save on, once its build has ended (and the warning is there, when one is awaited:
    // stderr and stdout are two pipes, read in either order).
    const step = async (save: () => Promise<void>, awaited?: RegExp) => {
      const [mark, errMark] = [preview!.stdout.length, preview!.stderr.length];
      await save();
      await preview!.waitFor(REBUILT, 'stdout', 10_000, mark);
      if (awaited) await preview!.waitFor(awaited, 'stderr', 10_000, errMark);
      return preview!.stderr.slice(errMark);
    };

    const renamedFile = join(dir, 'entries', '2014', 'b-renamed.md');
    await step(() => rename(join(dir, 'entries', '2014', 'b.md'), renamedFile), warning);
    // Another entry saved: the rename is still to mend, and said again.
    await step(() => writeFile(join(dir, 'entries', '2014', 'a.md'), entryText({ ...a, title: 'Rail link opens' })), warning);
    // The fix it asks for: the build after it says nothing of it, nor does the one after that.
    const withId = (await readFile(renamedFile, 'utf8')).replace(/^---\n/, '---\nid: 2014/b\n');
    expect(await step(() => writeFile(renamedFile, withId))).not.toContain('b-renamed.md: id:');
    expect(await step(() => writeFile(join(dir, 'entries', '2014', 'a.md'), entryText({ ...a, title: 'Rail link opens at last' })))).not.toContain('b-renamed.md: id:');
  });
});
