import { describe, expect, it } from 'vitest';
import { byId, EXPECTED_ITEMS, publishTitles, SITE_TITLE } from '../../support/feedTitles.js';
import { readFeed } from '../../support/feedReader.js';

// The same feeds through the Universal Feed Parser (Debian's python3-feedparser): tests/e2e/readers/feedReaders.test.ts.

describe('round trip through node feedparser', () => {
  for (const format of ['rss.xml', 'atom.xml']) {
    it(`${format}: links, ids and dates read back exactly`, async () => {
      const feed = await readFeed((await publishTitles()).text(format)!);
      const read = feed.items.map((item) => ({ link: item.link, id: item.guid, date: item.date?.getTime() }));
      expect(byId(read)).toEqual(EXPECTED_ITEMS.map(({ link, id, date }) => ({ link, id, date })));
    });
  }
});

describe('round trip through JSON', () => {
  it('feed.json: title, external_url, id, date and tags read back exactly', async () => {
    const json = JSON.parse((await publishTitles()).text('feed.json')!) as { title: string; items: { title: string; external_url: string; id: string; date_published: string; tags: string[] }[] };
    expect(json.title).toBe(SITE_TITLE);
    // The article is external_url (JSON Feed 1.1's link-blog model); url is the entry's page.
    const read = json.items.map((item) => ({ title: item.title, link: item.external_url, id: item.id, date: Date.parse(item.date_published), tags: item.tags }));
    expect(byId(read)).toEqual(EXPECTED_ITEMS);
  });
});
