import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { offeredTags } from '../../../lib/subscribers/offeredTags.js';

describe('offeredTags', () => {
  it('gives the tags of the published tag list, slug and name, and none known where the list holds none (missing, damaged, empty)', async () => {
    const output = new MemoryStore();
    const json = { contentType: 'application/json' };
    // Missing: a chosen tag cannot be told gone from this.
    expect(await offeredTags(output)).toBeUndefined();
    await output.put('tags/tags.json', '{"tags": [{"slug": "trade"', json);
    expect(await offeredTags(output)).toBeUndefined();
    await output.put('tags/tags.json', '{"tags": []}', json);
    expect(await offeredTags(output)).toBeUndefined();
    await output.put('tags/tags.json', '{"tags": [{"slug": "trade", "name": "Trade"}, {"slug": "north-korea", "name": "North Korea"}]}', json);
    expect(await offeredTags(output)).toEqual([
      { slug: 'trade', name: 'Trade' },
      { slug: 'north-korea', name: 'North Korea' },
    ]);
  });
});
