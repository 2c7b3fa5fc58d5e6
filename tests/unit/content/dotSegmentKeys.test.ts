import { describe, expect, it } from 'vitest';
import { scanContent } from '../../../lib/content/contentScan.js';
import { loadContent } from '../../../lib/content/loadContent.js';
import { entry, entryText, memoryContent } from '../../support/content.js';

// S3 keys may hold `.` and `..` segments, which no folder can: `entries/./a.md` is an upload under entries/ ending
// in .md, so it is a problem for that file (as a backslash is), never skipped as if it were a hidden file.
const NOT_A_PATH = { field: 'file', message: 'the file name is not a plain path', fix: 'rename the file with letters, digits and hyphens, and / between folders' };

function content(keys: string[]) {
  const store = memoryContent({ entries: { 'good.md': entryText(entry({ url: 'https://news.example.com/good' })) } });
  // Set directly: the store's put refuses such keys, as S3's listing does not.
  keys.forEach((key, index) => store.objects.set(key, { body: Buffer.from(entryText(entry({ url: `https://news.example.com/${index}` }))), contentType: 'text/markdown' }));
  return store;
}

describe('entry keys with `.` or `..` segments', () => {
  const dotted = ['entries/../b.md', 'entries/./a.md', 'entries/x/../d.md', 'entries/x/./e.md'];

  it('are each one problem on file, in check and publish alike, and the good entry loads', async () => {
    for (const retainEntries of [true, false]) {
      const loaded = await loadContent(await scanContent(content(dotted)), { retainEntries });
      expect(loaded.problems).toEqual(dotted.map((file) => ({ file, ...NOT_A_PATH })));
      expect([...loaded.invalidKeys].sort()).toEqual([...dotted].sort());
      expect(loaded.keys).toEqual([...dotted, 'entries/good.md'].sort());
    }
    expect((await loadContent(await scanContent(content(dotted)))).entries.map((e) => e.key)).toEqual(['entries/good.md']);
  });

  it('leaves hidden files and folders skipped, a `..` beside them included', async () => {
    const loaded = await loadContent(await scanContent(content(['entries/.hidden.md', 'entries/.git/x.md', 'entries/../.hidden.md', 'entries/.drafts/../y.md'])));
    expect(loaded.problems).toEqual([]);
    expect(loaded.keys).toEqual(['entries/good.md']);
  });

  it('warns about a Markdown-like name under a `..` segment, as anywhere else', async () => {
    const loaded = await loadContent(await scanContent(content(['entries/../notes.markdown'])));
    expect(loaded.warnings).toEqual([{ file: 'entries/../notes.markdown', field: 'file', message: 'is not published: only files ending in .md (lowercase) are entries', fix: 'rename it to notes.md' }]);
  });
});
