import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entry, entryText } from '../../support/content.js';
import { servedSite, type ServedSite } from '../../support/servedSite.js';
import { readWithUniversalFeedParser } from '../../support/universalFeedParser.js';

// An editor types a tag with a line break and a tab in it (YAML escapes in a quoted string). RSS carries a tag as
// <category> text, which keeps them; Atom as the `term` attribute, where a parser reads each literal tab or line
// break as a space (XML 1.0 §3.3.3) unless it is written as a character reference. The Universal Feed Parser
// (Debian's python3-feedparser, the library behind rss2email and many readers) must read the tag as typed from
// both feeds, over HTTP, after a real publish.
const TAG = 'North\nKorea\tTrade';

describe('a tag with a tab and a line break reads back as typed from rss.xml and atom.xml', () => {
  let site: ServedSite;
  beforeAll(async () => {
    site = await servedSite({ '2014/rice.md': entryText(entry({ title: 'Rice prices', url: 'https://news.example.com/rice', date: '2014-05-08', tags: [TAG] })) });
  }, 60_000);
  afterAll(async () => {
    await site?.close();
  });

  for (const feed of ['rss.xml', 'atom.xml']) {
    it(`the Universal Feed Parser: ${feed}`, async () => {
      const read = readWithUniversalFeedParser(await (await fetch(site.server.url + feed)).text());
      expect(read.bozo, read.bozo_exception).toBe(false);
      expect(read.entries.map((item) => item.tags)).toEqual([[TAG]]);
    });
  }
});
