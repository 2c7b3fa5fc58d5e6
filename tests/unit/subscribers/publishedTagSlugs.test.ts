import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { publishedTagSlugs } from '../../../lib/subscribers/publishedTagSlugs.js';

describe('publishedTagSlugs', () => {
  it('gives the slugs of the published tag list, and none known where the list holds none (missing, damaged, empty)', async () => {
    const output = new MemoryStore();
    const json = { contentType: 'application/json' };
    // Missing: a chosen tag cannot be told gone from this.
    expect(await publishedTagSlugs(output)).toBeUndefined();
    await output.put('tags/tags.json', '{"tags": [{"slug": "trade"', json);
    expect(await publishedTagSlugs(output)).toBeUndefined();
    await output.put('tags/tags.json', '{"tags": []}', json);
    expect(await publishedTagSlugs(output)).toBeUndefined();
    await output.put('tags/tags.json', '{"tags": [{"slug": "trade", "name": "Trade"}, {"slug": "north-korea", "name": "North Korea"}]}', json);
    expect(await publishedTagSlugs(output)).toEqual(['trade', 'north-korea']);
  });
});
