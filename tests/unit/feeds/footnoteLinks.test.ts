import { describe, expect, it } from 'vitest';
import type { EntryMeta } from '../../../lib/content/entry.js';
import { footnoteIds } from '../../../lib/content/footnoteIds.js';
import { renderMarkdown } from '../../../lib/content/renderMarkdown.js';
import { entryContentHtml } from '../../../lib/feeds/entryContent.js';

describe('a footnote in a feed item', () => {
  it('links into the entry’s page, where the note is, since a reader has no base for a fragment', () => {
    const entry = { title: 'T', url: 'https://news.example.com/a', source: { name: 'S' }, related: [] } as unknown as EntryMeta;
    const page = 'https://watch.example.org/entries/a/';
    const html = entryContentHtml(entry, renderMarkdown('Exports fell[^1].\n\n[^1]: Customs data.\n', 'https://watch.example.org/', footnoteIds('a')).html, page);
    expect(html).toContain(`<a href="${page}#fn-a-1" id="fnref-a-1">[1]</a>`);
    expect(html).toContain(`<a href="${page}#fnref-a-1">`);
    expect(html).not.toContain('href="#');
  });
});
