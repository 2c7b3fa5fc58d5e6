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
