import { describe, expect, it } from 'vitest';
import { scanContent } from '../../../lib/content/contentScan.js';
import { loadContent } from '../../../lib/content/loadContent.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';

// `Kaesong Wages.markdown` was told to rename to `Kaesong Wages.md`, whose stem, spaces and all, becomes the
// entry's id and its page's address. The fix gives the name's slug, as broadsheet new names files.
async function fixesOf(entries: Record<string, string>): Promise<string[]> {
  // One entry read: a content folder with none is refused.
  const store = memoryContent({ site: SITE, entries: { '2014/ok.md': entryText(entry({ url: 'https://x.example/ok' })) } });
  for (const [path, body] of Object.entries(entries)) store.objects.set(`entries/${path}`, { body: Buffer.from(body), contentType: 'text/markdown' });
  const loaded = await loadContent(await scanContent(store), { retainEntries: true });
  expect(loaded.problems).toEqual([]);
  return loaded.warnings.map((warning) => `${warning.file}: ${warning.fix}`);
}

const SLUG_WHY = "; the name, less .md, is the entry's id and its page's address, so no spaces, as broadsheet new names files";

describe('a misnamed entry file whose name holds spaces', () => {
  it('is told to take the slug of its name', async () => {
    expect(await fixesOf({
      '2014/Kaesong Wages.markdown': entryText(entry({ url: 'https://x.example/a' })),
      '2014/Rason  Port Reopens.md.txt': entryText(entry({ url: 'https://x.example/b' })),
      '2014/Café Tumen.md ': entryText(entry({ url: 'https://x.example/c' })),
    })).toEqual([
      `entries/2014/Café Tumen.md : rename it to cafe-tumen.md${SLUG_WHY}`,
      `entries/2014/Kaesong Wages.markdown: rename it to kaesong-wages.md${SLUG_WHY}`,
      `entries/2014/Rason  Port Reopens.md.txt: rename it to rason-port-reopens.md${SLUG_WHY}`,
    ]);
  });

  it('a name with no white space keeps its own letters, case and all', async () => {
    expect(await fixesOf({ '2014/Kaesong-Wages.markdown': entryText(entry({ url: 'https://x.example/a' })), '2014/북한.MD': entryText(entry({ url: 'https://x.example/b' })) })).toEqual([
      'entries/2014/Kaesong-Wages.markdown: rename it to Kaesong-Wages.md',
      'entries/2014/북한.MD: rename it to 북한.md',
    ]);
  });
});

describe('an exported .html post whose name holds spaces', () => {
  it('is told the slug of its name; a name with none keeps its own', async () => {
    const post = (url: string) => `---\ntitle: My Post\nurl: ${url}\nsource: Example\ndate: 2014-05-08\n---\n<p>Hello.</p>\n`;
    expect(await fixesOf({ '2014/My Post.html': post('https://x.example/a'), '2014/Other-Post.html': post('https://x.example/b') })).toEqual([
      `entries/2014/My Post.html: rename it to my-post.md: its HTML is published as written${SLUG_WHY}`,
      'entries/2014/Other-Post.html: rename it to Other-Post.md: its HTML is published as written',
    ]);
  });
});
