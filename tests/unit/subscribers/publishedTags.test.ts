import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { pageArtifacts } from '../../../lib/pages/pageArtifacts.js';
import { publish } from '../../../lib/publish/publish.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { publishedTags } from '../../../lib/subscribers/publishedTags.js';
import { entry, entryText, memoryContent } from '../../support/content.js';

describe('publishedTags', () => {
  it('reads the tags a publish offers, by the names editors gave them (tags/tags.json)', async () => {
    const content = memoryContent({
      entries: {
        '2014/a.md': entryText(entry({ title: 'A', date: '2014-05-08', tags: ['North Korea', 'Trade'] })),
        '2014/b.md': entryText(entry({ title: 'B', url: 'https://news.example.com/b', date: '2014-05-09', tags: ['Trade'] })),
      },
    });
    const output = new MemoryStore();
    await publish({ content, output, now: DateTime.fromISO('2014-06-01T00:00:00Z'), builders: [pageArtifacts] });
    expect(await publishedTags(output)).toEqual([
      { slug: 'north-korea', name: 'North Korea' },
      { slug: 'trade', name: 'Trade' },
    ]);
    expect(JSON.parse(output.text('tags/tags.json')!).tags).toEqual([
      { slug: 'north-korea', name: 'North Korea', entries: 1 },
      { slug: 'trade', name: 'Trade', entries: 2 },
    ]);
  });

  it('offers no tag before the first publish, or when the list is damaged', async () => {
    const output = new MemoryStore();
    expect(await publishedTags(output)).toEqual([]);
    await output.put('tags/tags.json', '{"tags": [{"slug": "trade"', { contentType: 'application/json' });
    expect(await publishedTags(output)).toEqual([]);
    await output.put('tags/tags.json', '{"tags": [{"slug": "trade", "name": "Trade"}, {"slug": 3}, null]}', { contentType: 'application/json' });
    expect(await publishedTags(output)).toEqual([{ slug: 'trade', name: 'Trade' }]);
  });
});
