import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { digestArtifacts } from '../../../lib/digest/digestArtifacts.js';
import { feedArtifacts } from '../../../lib/feeds/feedArtifacts.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { publish } from '../../../lib/publish/publish.js';
import { twoWeeksContent } from '../../support/digestFixtures.js';
import { byId, EXPECTED_ITEMS, publishTitles, SITE_TITLE } from '../../support/feedTitles.js';
import { readWithUniversalFeedParser } from '../../support/universalFeedParser.js';
import { parseXml } from '../../support/xml.js';

// The feeds as readers built on the Universal Feed Parser show them: Debian's python3-feedparser, run as a
// separate process (tests/support/read_feed.py). The same feeds through node feedparser and JSON are unit tests
// (tests/unit/feeds/roundTrip.test.ts, tests/unit/digest/digestArchive.test.ts).

describe('round trip through the Universal Feed Parser (what aggregators show)', () => {
  for (const format of ['rss.xml', 'atom.xml']) {
    it(`${format}: titles, links, ids, dates and tags read back exactly`, async () => {
      const xml = (await publishTitles()).text(format)!;
      parseXml(xml);
      const feed = readWithUniversalFeedParser(xml);
      expect(feed.bozo, feed.bozo_exception).toBe(false);
      expect(feed.title).toBe(SITE_TITLE);
      const read = feed.entries.map((e) => ({ title: e.title, link: e.link, id: e.id, date: e.published, tags: e.tags }));
      expect(byId(read)).toEqual(EXPECTED_ITEMS);
    });
  }
});

describe('the digest feeds through the Universal Feed Parser', () => {
  // Seoul. 2014-W19 is 5–11 May; W20 is 12–18 May (twoWeeksContent).
  const content = () => twoWeeksContent();
  const NOW = DateTime.fromISO('2014-05-19T08:00:00+09:00'); // Monday of W21: W20 has just ended.

  it('are well-formed, titled, and list each ended week with its id and link', async () => {
    const output = new MemoryStore();
    await publish({ content: content(), output, now: NOW, builders: [feedArtifacts, digestArtifacts] });
    for (const name of ['rss.xml', 'atom.xml']) {
      const feed = readWithUniversalFeedParser(output.text(`digests/${name}`)!);
      expect(feed.bozo, feed.bozo_exception).toBe(false);
      expect(feed.title).toBe('Weekly digest of Test Watch');
      expect(feed.entries.map((e) => [e.id, e.link])).toEqual([
        ['tag:watch.example.org,2014:digests/2014-W20', 'https://watch.example.org/digests/2014-W20.html'],
        ['tag:watch.example.org,2014:digests/2014-W19', 'https://watch.example.org/digests/2014-W19.html'],
      ]);
    }
  });
});
