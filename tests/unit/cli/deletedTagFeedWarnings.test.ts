import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { deletedTagFeedWarnings } from '../../../cli/deletedTagFeedWarnings.js';
import { scanContent } from '../../../lib/content/contentScan.js';
import { loadContent } from '../../../lib/content/loadContent.js';
import { publish } from '../../../lib/publish/publish.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent } from '../../support/content.js';

describe('check --out: a tag feed deleted because its only entry is invalid now', () => {
  it('says the entry is left out while invalid, as publish --skip-invalid does, not that the tag may have been renamed', async () => {
    const now = DateTime.fromISO('2014-06-01T00:00:00Z');
    const output = new MemoryStore();
    const valid = { '2014/a.md': entryText(entry({ tags: ['Trade'] })), '2014/b.md': entryText(entry({ url: 'https://news.example.com/b', tags: ['Trade', 'Energy'] })) };
    await publish({ content: memoryContent({ entries: valid }), output, now, websub: false });
    const broken = memoryContent({ entries: { ...valid, '2014/b.md': entryText(entry({ url: 'https://news.example.com/b', tags: ['Trade', 'Energy'], date: 'soon' })) } });
    const loaded = await loadContent(await scanContent(broken), { cacheStore: output, now: now.toMillis() });
    expect(await deletedTagFeedWarnings(loaded, output, now)).toMatchObject([{ file: 'entries/2014/b.md', field: 'tags', message: expect.stringContaining('its only entry, entries/2014/b.md, is left out while invalid') }]);
  });
});

describe('check --out: a tag feed deleted with its last entry while another entry is given a new tag', () => {
  it('guesses no rename to the unrelated tag, and guesses one when the entry that had the tag has the new one', async () => {
    const now = DateTime.fromISO('2014-06-01T00:00:00Z');
    const output = new MemoryStore();
    const a = (tags: string[]) => entryText(entry({ tags }));
    const b = (tags: string[]) => entryText(entry({ url: 'https://news.example.com/b', tags }));
    await publish({ content: memoryContent({ entries: { '2014/a.md': a(['Tourism']), '2014/b.md': b(['Trade']) } }), output, now, websub: false });
    const fixes = async (entries: Record<string, string>) => {
      const loaded = await loadContent(await scanContent(memoryContent({ entries })), { cacheStore: output, now: now.toMillis() });
      return (await deletedTagFeedWarnings(loaded, output, now)).map((warning) => warning.fix);
    };
    expect(await fixes({ '2014/b.md': b(['Trade', 'Energy']) })).toEqual(['if the tag was renamed, add tagSlugs: {"New name": tourism} to keep its address for the new name']);
    expect(await fixes({ '2014/a.md': a(['Travel']), '2014/b.md': b(['Trade']) })).toEqual(['if the tag is now "Travel", add tagSlugs: {"Travel": tourism} to keep its address']);
  });
});
