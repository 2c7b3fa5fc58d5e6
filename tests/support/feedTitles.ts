import { DateTime } from 'luxon';
import { feedArtifacts } from '../../lib/feeds/feedArtifacts.js';
import { MemoryStore } from '../../lib/store/memoryStore.js';
import { publish } from '../../lib/publish/publish.js';
import { entry, entryText, memoryContent, SITE } from './content.js';

// Titles as an editor might type them; each must read back exactly, whichever reader reads the feeds.
export const TITLES = {
  ampersand: 'Trade & investment: AT&T, R&D & more',
  angles: 'Is 2 < 3 > 1? Yes, x<y and y>z',
  quotes: `"Double", 'single', “curly” and ‘curly’`,
  emoji: 'Rockets 🚀 and flags 🇰🇵🇷🇺',
  korean: '북한 경제 동향: 나선 경제특구',
  rtl: 'مرحبا بالعالم and שלום',
  // Typed decomposed: published in NFC (Café, ñ); q with an acute has no composed form and keeps its combining mark.
  combining: 'Cafe\u0301, n\u0303 and q\u0301 (combining marks)',
};
export const SITE_TITLE = 'Tom & Jerry <News> "Watch"';

const NOW = DateTime.fromISO('2014-06-01T00:00:00Z');

/** The feeds of a site whose entries carry TITLES (one entry per title, each with its own tag). */
export async function publishTitles(): Promise<MemoryStore> {
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

export const byId = <T extends { id: string }>(list: T[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));

/** What a reader must show for each entry, by id: each title in NFC, as every text field is published. */
export const EXPECTED_ITEMS = byId(
  Object.entries(TITLES).map(([name, title], index) => ({
    title: title.normalize('NFC'),
    link: `https://news.example.com/${name}?a=1&b=2`,
    id: `tag:watch.example.org,2014:2014/${name}`,
    // 08:30 in Seoul (UTC+9) is 23:30 UTC the day before.
    date: Date.parse(`2014-05-${String(9 + index).padStart(2, '0')}T23:30:00.000Z`),
    tags: [`${name} & co`],
  })),
);
