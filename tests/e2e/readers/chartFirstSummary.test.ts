import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entry, entryText } from '../../support/content.js';
import { missingClients, readWithRsstail } from '../../support/feedClients.js';
import { servedSite, type ServedSite } from '../../support/servedSite.js';
import { readWithUniversalFeedParser } from '../../support/universalFeedParser.js';

// An editor opens a commentary with a chart (no alt text), or with a heading and a list of points, and gives no
// summary. The summary readers show is the prose that follows: never nothing, never the list's first point.
const CHART = '![](https://img.example.com/rice.png)\n\nRice prices rose 10% in a month, the third rise this year.\n';
const POINTS = '## Key points\n\n- exports fell\n- imports rose\n\nTrade with China shrank by a fifth.\n';
/** Each summary, worked out by hand: the first paragraph of words. */
const EXPECTED = { chart: 'Rice prices rose 10% in a month, the third rise this year.', points: 'Trade with China shrank by a fifth.' };

describe('a commentary that opens with a chart or a list of points has the prose after it as the summary readers show', () => {
  let site: ServedSite;
  beforeAll(async () => {
    const missing = await missingClients();
    if (missing.length > 0) throw new Error(`feed readers missing: ${missing.join(', ')}. .ci/run installs them.`);
    site = await servedSite({
      // The newer entry first in every feed.
      '2014/chart.md': entryText(entry({ title: 'Chart', url: 'https://news.example.com/chart', date: '2014-05-09' }), CHART),
      '2014/points.md': entryText(entry({ title: 'Points', url: 'https://news.example.com/points', date: '2014-05-08' }), POINTS),
    });
  }, 60_000);
  afterAll(async () => {
    await site?.close();
  });

  it('rsstail: the Description of rss.xml and atom.xml', { timeout: 60_000 }, async () => {
    for (const feed of ['rss.xml', 'atom.xml']) {
      const read = await readWithRsstail(site.server.url + feed, site.work, { descriptions: true });
      expect(read.map((item) => [item.title, item.description]), feed).toEqual([
        ['Chart', EXPECTED.chart],
        ['Points', EXPECTED.points],
      ]);
    }
  });

  it('the Universal Feed Parser: the summary of rss.xml and atom.xml; feed.json and the home page: the summary', async () => {
    for (const feed of ['rss.xml', 'atom.xml']) {
      const read = readWithUniversalFeedParser(await (await fetch(site.server.url + feed)).text());
      expect(read.bozo, read.bozo_exception).toBe(false);
      expect(read.entries.map((item) => [item.title, item.summary]), feed).toEqual([
        ['Chart', EXPECTED.chart],
        ['Points', EXPECTED.points],
      ]);
    }
    const json = JSON.parse(await readFile(join(site.work, 'public/feed.json'), 'utf8')) as { items: { title: string; summary?: string }[] };
    expect(json.items.map((item) => [item.title, item.summary])).toEqual([
      ['Chart', EXPECTED.chart],
      ['Points', EXPECTED.points],
    ]);
    const home = await (await fetch(site.server.url)).text();
    for (const summary of Object.values(EXPECTED)) expect(home).toContain(summary);
    expect(home).not.toContain('exports fell');
  });
});
