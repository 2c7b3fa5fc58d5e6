import { describe, expect, it } from 'vitest';
import { tagFeedChanges } from '../../../lib/publish/tagFeedChanges.js';
import type { TagSummary } from '../../../lib/plan/sitePlan.js';

const summary = (name: string, slug: string): TagSummary => ({ tag: { name, slug }, count: 1, newest: 0 });

describe('tagFeedChanges: the tag feeds a publish makes and deletes, from the tags the output offers', () => {
  it('names each tag feed new and each deleted by its RSS file, in key order as a publish lists its changes', () => {
    const published = [
      { name: 'Trade', slug: 'trade' },
      { name: 'Kaesong', slug: 'kaesong' },
      { name: 'China', slug: 'china' },
    ];
    expect(tagFeedChanges(published, [summary('Trade', 'trade'), summary('Kaesong Complex', 'kaesong-complex')])).toEqual([
      { key: 'tags/kaesong-complex/rss.xml', status: 'new' },
      { key: 'tags/china/rss.xml', status: 'deleted' },
      { key: 'tags/kaesong/rss.xml', status: 'deleted' },
    ]);
  });

  it('names nothing when the slugs are those published, whatever their names', () => {
    expect(tagFeedChanges([{ name: 'Trade', slug: 'trade' }], [summary('trade', 'trade')])).toEqual([]);
  });

  it('names every tag feed new before a first publish (no tag list): none deleted', () => {
    expect(tagFeedChanges([], [summary('Trade', 'trade')])).toEqual([{ key: 'tags/trade/rss.xml', status: 'new' }]);
  });
});
