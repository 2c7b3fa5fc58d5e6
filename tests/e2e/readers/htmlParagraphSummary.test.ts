import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entry, entryText } from '../../support/content.js';
import { missingClients, readWithRsstail } from '../../support/feedClients.js';
import { servedSite, type ServedSite } from '../../support/servedSite.js';
import { readWithUniversalFeedParser } from '../../support/universalFeedParser.js';

// Commentaries without a summary, as editors write them: pasted from a CMS as HTML paragraphs (its first <p> is its
// first paragraph), opened with a chart without alt text or with a heading and a list of points (the prose after it
// sums it up). The summary readers show (rsstail's Description line, the Universal Feed Parser's summary, JSON Feed's
// summary, the home page): never nothing, never the paragraph after the first, never a list's first point. Typed in
// an editable box that writes a div per line, each line is a paragraph, none run into the next. A heading and a table
// alone are summed up by the heading; a CMS's photo post (a figure alone) by its image's alt text, and so is an image written as an
// inline img before a list.
const BODIES = {
  pasted: '<p>Pasted from the CMS: rice &amp; maize <em>prices</em> held.</p>\n<p>Second pasted paragraph.</p>\n',
  mixed: '<p>Raw HTML paragraph first.</p>\n\nA Markdown paragraph second.\n',
  chart: '![](https://img.example.com/rice.png)\n\nRice prices rose 10% in a month, the third rise this year.\n',
  points: '## Key points\n\n- exports fell\n- imports rose\n\nTrade with China shrank by a fifth.\n',
  lines: '<div>Typed line by line in the CMS.</div><div><br></div><div>Its second line.</div>\n',
  table: '## Trade in 2013\n\n| Year | Trade |\n| --- | --- |\n| 2013 | 6.5 |\n',
  photo: '<figure><img src="https://img.example.com/queue.png" alt="A rice queue in Hyesan"><figcaption>Hyesan market</figcaption></figure>\n',
  inline: '<img src="https://img.example.com/stall.png"\n  alt="A maize stall in Hyesan">\n\n<br>\n\n- maize\n- rice\n',
};
/** Each summary, worked out by hand: `&amp;` is `&`, the em tags go; the first paragraph of words. */
const EXPECTED = {
  pasted: 'Pasted from the CMS: rice & maize prices held.',
  mixed: 'Raw HTML paragraph first.',
  chart: 'Rice prices rose 10% in a month, the third rise this year.',
  points: 'Trade with China shrank by a fifth.',
  lines: 'Typed line by line in the CMS.',
  table: 'Trade in 2013',
  photo: 'A rice queue in Hyesan',
  inline: 'A maize stall in Hyesan',
};
/** Newest first in every feed. */
const TITLES = ['Pasted', 'Mixed', 'Chart', 'Points', 'Lines', 'Table', 'Photo', 'Inline'] as const;
const expected = TITLES.map((title) => [title, EXPECTED[title.toLowerCase() as keyof typeof EXPECTED]]);
/** rsstail prints the description's HTML as the feed holds it: the summary's `&` escaped once. */
const asHtml = (text: string) => text.replaceAll('&', '&amp;');

describe('a commentary without a summary has its first paragraph of words as the summary readers show', () => {
  let site: ServedSite;
  beforeAll(async () => {
    const missing = await missingClients();
    if (missing.length > 0) throw new Error(`feed readers missing: ${missing.join(', ')}. .ci/run installs them.`);
    site = await servedSite(
      Object.fromEntries(TITLES.map((title, i) => [`2014/${title.toLowerCase()}.md`, entryText(entry({ title, url: `https://news.example.com/${title.toLowerCase()}`, date: `2014-05-0${9 - i}` }), BODIES[title.toLowerCase() as keyof typeof BODIES])])),
    );
  }, 60_000);
  afterAll(async () => {
    await site?.close();
  });

  it('rsstail: the Description of rss.xml and atom.xml', { timeout: 60_000 }, async () => {
    for (const feed of ['rss.xml', 'atom.xml']) {
      const read = await readWithRsstail(site.server.url + feed, site.work, { descriptions: true });
      expect(read.map((item) => [item.title, item.description]), feed).toEqual(expected.map(([title, summary]) => [title, asHtml(summary!)]));
    }
  });

  it('the Universal Feed Parser: the summary of rss.xml and atom.xml; feed.json and the home page: the summary', async () => {
    for (const feed of ['rss.xml', 'atom.xml']) {
      const read = readWithUniversalFeedParser(await (await fetch(site.server.url + feed)).text());
      expect(read.bozo, read.bozo_exception).toBe(false);
      expect(read.entries.map((item) => [item.title, item.summary]), feed).toEqual(expected);
    }
    const json = JSON.parse(await readFile(join(site.work, 'public/feed.json'), 'utf8')) as { items: { title: string; summary?: string; content_html: string }[] };
    expect(json.items.map((item) => [item.title, item.summary])).toEqual(expected);
    expect(json.items.find((item) => item.title === 'Lines')!.content_html).toContain('<p>Typed line by line in the CMS.</p><p>Its second line.</p>');
    // A `<br>` on a line of its own between the image and the list is a blank line in a browser: left out.
    const inline = json.items.find((item) => item.title === 'Inline')!.content_html;
    expect(inline).toContain('<p><img src="https://img.example.com/stall.png" alt="A maize stall in Hyesan" /></p>');
    expect(inline).not.toContain('<br');
    const home = await (await fetch(site.server.url)).text();
    for (const summary of [EXPECTED.chart, EXPECTED.points]) expect(home).toContain(summary);
    expect(home).not.toContain('exports fell');
  });
});
