import { describe, expect, it } from 'vitest';
import { invalidationPaths, MAX_INVALIDATION_PATHS } from '../../../lib/publish/cdnInvalidation.js';
import type { Change, ChangeStatus } from '../../../lib/publish/manifest.js';

const change = (key: string, status: ChangeStatus): Change => ({ key, status, size: 1 });

describe('invalidationPaths', () => {
  it('lists the viewer paths of the files written or deleted, a page also under its folder, never _broadsheet/', () => {
    const paths = invalidationPaths([
      change('rss.xml', 'changed'),
      change('index.html', 'changed'),
      change('tags/trade/index.html', 'new'),
      change('tags/old/feed.json', 'deleted'),
      change('atom.xml', 'unchanged'),
      change('_broadsheet/manifest.json', 'changed'),
    ]);
    expect(paths).toEqual(['/', '/index.html', '/rss.xml', '/tags/old/feed.json', '/tags/trade/', '/tags/trade/index.html']);
  });

  it('percent-encodes each segment', () => {
    expect(invalidationPaths([change('tags/a b/rss.xml', 'new')])).toEqual(['/tags/a%20b/rss.xml']);
  });

  it(`invalidates /* past ${MAX_INVALIDATION_PATHS} paths, and nothing when nothing changed`, () => {
    const many = Array.from({ length: MAX_INVALIDATION_PATHS + 1 }, (_, i) => change(`tags/t${i}/rss.xml`, 'changed'));
    expect(invalidationPaths(many)).toEqual(['/*']);
    expect(invalidationPaths(many.slice(1))).toHaveLength(MAX_INVALIDATION_PATHS);
    expect(invalidationPaths([change('rss.xml', 'unchanged')])).toEqual([]);
  });
});
