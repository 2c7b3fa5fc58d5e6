import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { feedArtifacts } from '../../../lib/feeds/feedArtifacts.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { publish } from '../../../lib/publish/publish.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';
import { readFeed } from '../../support/feedReader.js';
import { readWithUniversalFeedParser } from '../../support/universalFeedParser.js';
import { parseXml } from '../../support/xml.js';

// Titles as an editor might type them; each must read back exactly.
const TITLES = {
  ampersand: 'Trade & investment: AT&T, R&D & more',
  angles: 'Is 2 < 3 > 1? Yes, x<y and y>z',
  quotes: `"Double", 'single', “curly” and ‘curly’`,
  emoji: 'Rockets 🚀 and flags 🇰🇵🇷🇺',
  korean: '북한 경제 동향: 나선 경제특구',
  rtl: 'مرحبا بالعالم and שלום',
  combining: 'Cafe\u0301 and n\u0303 (combining marks)',
};
const SITE_TITLE = 'Tom & Jerry <News> "Watch"';

const NOW = DateTime.fromISO('2014-06-01T00:00:00Z');

async function publishTitles() {
  const entries = Object.fromEntries(
    Object.entries(TITLES).map(([name, title], index) => [
      `2014/${name}.md`,
      entryText(entry({ title, url: `https://news.example.com/${name}?a=1&b=2`, date: `2014-05-${String(10 + index).padStart(2, '0')}T08:30:00+09:00`, tags: [`${name} & co`] })),
    ]),
  );
  const output = new MemoryStore();
  await publish({ content: memoryContent({ site: { ...SITE, title: SITE_TITLE }, entries }), output, now: NOW, builders: [feedArtifacts] });
  return output;
}

const byId = <T extends { id: string }>(list: T[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));

const expected = byId(
  Object.entries(TITLES).map(([name, title], index) => ({
    title,
    link: `https://news.example.com/${name}?a=1&b=2`,
    id: `tag:watch.example.org,2014:2014/${name}`,
    // 08:30 in Seoul (UTC+9) is 23:30 UTC the day before.
    date: Date.parse(`2014-05-${String(9 + index).padStart(2, '0')}T23:30:00.000Z`),
    tags: [`${name} & co`],
  })),
);

describe('round trip through the Universal Feed Parser (what aggregators show)', () => {
  for (const format of ['rss.xml', 'atom.xml']) {
    it(`${format}: titles, links, ids, dates and tags read back exactly`, async () => {
      const xml = (await publishTitles()).text(format)!;
      parseXml(xml);
      const feed = readWithUniversalFeedParser(xml);
      expect(feed.bozo, feed.bozo_exception).toBe(false);
      expect(feed.title).toBe(SITE_TITLE);
      const read = feed.entries.map((e) => ({ title: e.title, link: e.link, id: e.id, date: e.published, tags: e.tags }));
      expect(byId(read)).toEqual(expected);
    });
  }
});

describe('round trip through node feedparser', () => {
  for (const format of ['rss.xml', 'atom.xml']) {
    it(`${format}: links, ids and dates read back exactly`, async () => {
      const feed = await readFeed((await publishTitles()).text(format)!);
      const read = feed.items.map((item) => ({ link: item.link, id: item.guid, date: item.date?.getTime() }));
      expect(byId(read)).toEqual(expected.map(({ link, id, date }) => ({ link, id, date })));
    });
  }
});

describe('round trip through JSON', () => {
  it('feed.json: title, url, id, date and tags read back exactly', async () => {
    const json = JSON.parse((await publishTitles()).text('feed.json')!) as { title: string; items: { title: string; url: string; id: string; date_published: string; tags: string[] }[] };
    expect(json.title).toBe(SITE_TITLE);
    const read = json.items.map((item) => ({ title: item.title, link: item.url, id: item.id, date: Date.parse(item.date_published), tags: item.tags }));
    expect(byId(read)).toEqual(expected);
  });
});
