import { describe, expect, it } from 'vitest';
import { BuiltFiles } from '../../../lib/publish/builtFiles.js';
import { readerImpact } from '../../../lib/publish/readerImpact.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';

describe('readerImpact', () => {
  it('marks a feed the publish deletes as deleted, its items being the ones its readers keep', async () => {
    const output = new MemoryStore();
    const item = { id: 'tag:watch.example.org,2014:2014/kaesong', title: 'Kaesong wages' };
    await output.put('tags/kaesong/feed.json', JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', items: [item] }), { contentType: 'application/feed+json' });
    const impacts = await readerImpact(output, [{ key: 'tags/kaesong/feed.json', status: 'deleted', size: 0 }], new BuiltFiles(), new Set(['tags/kaesong/feed.json']), () => true);
    expect(impacts).toEqual([{ feed: 'tags/kaesong/', new: [], updated: [], removed: [item], deleted: true }]);
  });
});
