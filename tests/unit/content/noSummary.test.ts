import { describe, expect, it } from 'vitest';
import { scanContent } from '../../../lib/content/contentScan.js';
import { loadContent } from '../../../lib/content/loadContent.js';
import { firstParagraphOf } from '../../../lib/content/firstParagraph.js';
import { INDEX_KEY } from '../../../lib/content/entryIndex.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';

// A feed item with no summary has no RSS <description>, Atom <summary> or JSON Feed `summary`: the W3C validator
// warns, and a reader's list shows the title alone. An entry whose body has no paragraph of text says so.
const TABLE = '| Year | Trade |\n| --- | --- |\n| 2013 | 6.5 |\n';
const CODE = '```\n6.5\n```\n';

const files = {
  '2014/table.md': entryText(entry({ url: 'https://x.example/table' }), TABLE),
  '2014/code.md': entryText(entry({ url: 'https://x.example/code' }), CODE),
  '2014/given.md': entryText(entry({ url: 'https://x.example/given', summary: 'Trade rose to 6.5 billion dollars.' }), TABLE),
  '2014/heading.md': entryText(entry({ url: 'https://x.example/heading' }), `## Trade in 2013\n\n${TABLE}`),
  '2014/prose.md': entryText(entry({ url: 'https://x.example/prose' }), `Trade rose.\n\n${TABLE}`),
  '2014/draft.md': entryText(entry({ url: 'https://x.example/draft', draft: true }), TABLE),
  // A link with no commentary: its item is a title and a link, with no content to summarise.
  '2014/bare.md': entryText(entry({ url: 'https://x.example/bare' }), '\n'),
};

const NO_SUMMARY = (file: string) => ({
  file,
  field: 'summary',
  message: 'is not given, and the body has no paragraph of text to stand in for it, so feed readers and the digest show this entry without one',
  fix: 'write summary: with one or two plain sentences',
});

describe('an entry with neither a summary: nor a paragraph of text', () => {
  it('is warned about, a table alone and code alone; not with a summary:, a heading, a paragraph, as a draft or with no body', async () => {
    const loaded = await loadContent(await scanContent(memoryContent({ site: SITE, entries: files })), { summarize: firstParagraphOf });
    expect(loaded.problems).toEqual([]);
    expect(loaded.warnings).toEqual([NO_SUMMARY('entries/2014/code.md'), NO_SUMMARY('entries/2014/table.md')]);
  });

  it('the same in check (entries not retained)', async () => {
    const loaded = await loadContent(await scanContent(memoryContent({ site: SITE, entries: files })), { retainEntries: false, summarize: firstParagraphOf });
    expect(loaded.warnings).toEqual([NO_SUMMARY('entries/2014/code.md'), NO_SUMMARY('entries/2014/table.md')]);
  });

  it('still when the entry comes from the index, unread', async () => {
    const content = memoryContent({ site: SITE, entries: { '2014/table.md': files['2014/table.md'] } });
    const output = new MemoryStore();
    const first = await loadContent(await scanContent(content), { cacheStore: output, summarize: firstParagraphOf });
    await output.put(INDEX_KEY, Buffer.concat(first.index.serialize(first.keys, new Set(), new Set(first.keys))), { contentType: 'application/json' });
    const again = await loadContent(await scanContent(content), { cacheStore: output, summarize: firstParagraphOf });
    expect(again.index.madeForThisContext).toBe(true);
    expect(again.before.reread.size).toBe(0);
    expect(again.warnings).toEqual([NO_SUMMARY('entries/2014/table.md')]);
  });
});
