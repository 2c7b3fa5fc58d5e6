import { DateTime } from 'luxon';
import type { FeedDocument, FeedItem } from '../../lib/feeds/feedDocument.js';

export function feedItem(overrides: Partial<FeedItem> = {}): FeedItem {
  const published = DateTime.fromISO('2014-05-08T00:00:00+09:00', { setZone: true }).toMillis();
  return {
    id: 'tag:watch.example.org,2014:2014/a',
    title: 'An article',
    url: 'https://news.example.com/a',
    published,
    updated: published,
    summary: 'A summary.',
    contentHtml: '<p>Commentary.</p>',
    tags: [{ name: 'Trade', slug: 'trade' }],
    source: { name: 'Example News' },
    ...overrides,
  };
}

export function feedDoc(overrides: Partial<FeedDocument> = {}): FeedDocument {
  return {
    title: 'Test Watch',
    description: 'Curated test news.',
    language: 'en',
    homeUrl: 'https://watch.example.org/',
    urls: { rss: 'https://watch.example.org/rss.xml', atom: 'https://watch.example.org/atom.xml', json: 'https://watch.example.org/feed.json' },
    stylesheetHref: 'feed.xsl',
    author: { name: 'Editors', email: 'editors@watch.example.org' },
    updated: DateTime.fromISO('2014-05-08T00:00:00+09:00', { setZone: true }),
    items: [feedItem()],
    ...overrides,
  };
}
