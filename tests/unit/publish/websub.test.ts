import { describe, expect, it } from 'vitest';
import type { Change } from '../../../lib/publish/manifest.js';
import { changedFeedUrls } from '../../../lib/publish/websub.js';

// Pinging a hub over HTTP, and a publish that pings one: tests/e2e/readers/websub.test.ts.

describe('changedFeedUrls', () => {
  it('keeps only new or changed feeds, in every format, as public URLs', () => {
    const changes: Change[] = [
      { key: 'rss.xml', status: 'changed', size: 1 },
      { key: 'atom.xml', status: 'unchanged', size: 1 },
      { key: 'tags/trade/feed.json', status: 'new', size: 1 },
      { key: 'tags/old/rss.xml', status: 'deleted', size: 1 },
      { key: 'index.html', status: 'changed', size: 1 },
      { key: 'feed.xsl', status: 'new', size: 1 },
    ];
    expect(changedFeedUrls('https://watch.example.org/', changes)).toEqual(['https://watch.example.org/rss.xml', 'https://watch.example.org/tags/trade/feed.json']);
  });
});
