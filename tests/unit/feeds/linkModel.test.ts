import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { feedArtifacts } from '../../../lib/feeds/feedArtifacts.js';
import { publish } from '../../../lib/publish/publish.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent } from '../../support/content.js';
import { childrenNamed, findAll, parseXml } from '../../support/xml.js';

// The link-blog model: the article is the one link every format states the same way (RSS <link>, Atom's alternate
// link, JSON Feed external_url), so readers that merge duplicate link posts have one key; the entry's page is
// RSS <comments>, Atom rel="related" and JSON Feed url.
const NOW = DateTime.fromISO('2014-06-01T00:00:00+09:00');
const written = 'https://News.Example.com/a?x=1&y=2#part';
// As the WHATWG URL parser writes it back: the host in lowercase.
const article = 'https://news.example.com/a?x=1&y=2#part';

async function feeds() {
  const output = new MemoryStore();
  const content = memoryContent({
    entries: {
      '2014/alpha.md': entryText(entry({ title: 'Alpha', url: written, tags: ['Trade'] })),
      '2014/bravo.md': entryText(entry({ id: 'Bravo Ünïcode', title: 'Bravo', url: 'https://news.example.com/b', date: '2014-05-01', tags: [] })),
    },
  });
  await publish({ content, output, now: NOW, builders: [feedArtifacts] });
  return output;
}

describe('an entry in the three formats', () => {
  it('states the article the same way in RSS <link>, Atom rel=alternate and JSON Feed external_url', async () => {
    const output = await feeds();
    for (const dir of ['', 'tags/trade/']) {
      const rss = findAll(parseXml(output.text(`${dir}rss.xml`)!), 'item');
      const atom = findAll(parseXml(output.text(`${dir}atom.xml`)!), 'entry');
      const json = JSON.parse(output.text(`${dir}feed.json`)!) as { items: { title: string; url: string; external_url: string }[] };
      const alpha = (titles: { title: string }[]) => titles.findIndex((x) => x.title === 'Alpha');
      const rssAlpha = rss.find((item) => childrenNamed(item, 'title')[0]!.text === 'Alpha')!;
      const atomAlpha = atom.find((item) => childrenNamed(item, 'title')[0]!.text === 'Alpha')!;
      expect(childrenNamed(rssAlpha, 'link')[0]!.text).toBe(article);
      const alternate = childrenNamed(atomAlpha, 'link').filter((link) => (link.attributes.rel ?? 'alternate') === 'alternate');
      expect(alternate.map((link) => link.attributes.href)).toEqual([article]);
      expect(json.items[alpha(json.items)]!.external_url).toBe(article);
    }
  });

  it('carries the entry page as RSS <comments>, Atom rel="related" and JSON Feed url', async () => {
    const output = await feeds();
    const pages = { Alpha: 'https://watch.example.org/entries/2014/alpha/' } as Record<string, string>;
    const rss = findAll(parseXml(output.text('rss.xml')!), 'item');
    const atom = findAll(parseXml(output.text('atom.xml')!), 'entry');
    const json = JSON.parse(output.text('feed.json')!) as { items: { title: string; url: string }[] };
    const bravoPage = json.items.find((item) => item.title === 'Bravo')!.url;
    // Not a plain id: slugged, with a hash of the id, under entries/.
    expect(bravoPage).toMatch(/^https:\/\/watch\.example\.org\/entries\/bravo-unicode-[0-9a-f]{10}\/$/);
    pages.Bravo = bravoPage;
    for (const [title, page] of Object.entries(pages)) {
      const item = rss.find((x) => childrenNamed(x, 'title')[0]!.text === title)!;
      expect(childrenNamed(item, 'comments')[0]!.text).toBe(page);
      const atomEntry = atom.find((x) => childrenNamed(x, 'title')[0]!.text === title)!;
      expect(childrenNamed(atomEntry, 'link').filter((link) => link.attributes.rel === 'related').map((link) => [link.attributes.href, link.attributes.type])).toEqual([[page, 'text/html']]);
      expect(json.items.find((x) => x.title === title)!.url).toBe(page);
    }
  });
});
