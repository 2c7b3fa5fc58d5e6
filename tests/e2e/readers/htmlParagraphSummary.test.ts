import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entry, entryText } from '../../support/content.js';
import { missingClients, readWithRsstail } from '../../support/feedClients.js';
import { servedSite, type ServedSite } from '../../support/servedSite.js';
import { readWithUniversalFeedParser } from '../../support/universalFeedParser.js';

// An editor pastes a commentary from a CMS as HTML paragraphs and gives no summary. Its first <p> is its first
// paragraph, so the summary readers show (rsstail's Description line, the Universal Feed Parser's summary, JSON
// Feed's summary): not nothing, and not the paragraph after it.
const PASTED = '<p>Pasted from the CMS: rice &amp; maize <em>prices</em> held.</p>\n<p>Second pasted paragraph.</p>\n';
const MIXED = '<p>Raw HTML paragraph first.</p>\n\nA Markdown paragraph second.\n';
/** Each first paragraph's text, worked out by hand: `&amp;` is `&`, the em tags go. */
const EXPECTED = { pasted: 'Pasted from the CMS: rice & maize prices held.', mixed: 'Raw HTML paragraph first.' };
/** rsstail prints the description's HTML as the feed holds it: the summary's `&` escaped once. */
const asHtml = (text: string) => text.replaceAll('&', '&amp;');

describe('a commentary that opens with raw HTML paragraphs has its first one as the summary readers show', () => {
  let site: ServedSite;
  beforeAll(async () => {
    const missing = await missingClients();
    if (missing.length > 0) throw new Error(`feed readers missing: ${missing.join(', ')}. .ci/run installs them.`);
    site = await servedSite({
        // The newer entry first in every feed.
        '2014/pasted.md': entryText(entry({ title: 'Pasted', url: 'https://news.example.com/pasted', date: '2014-05-09' }), PASTED),
        '2014/mixed.md': entryText(entry({ title: 'Mixed', url: 'https://news.example.com/mixed', date: '2014-05-08' }), MIXED),
      });
  }, 60_000);
  afterAll(async () => {
    await site?.close();
  });

  it('rsstail: the Description of rss.xml and atom.xml', { timeout: 60_000 }, async () => {
    for (const feed of ['rss.xml', 'atom.xml']) {
      const read = await readWithRsstail(site.server.url + feed, site.work, { descriptions: true });
      expect(read.map((item) => [item.title, item.description]), feed).toEqual([
        ['Pasted', asHtml(EXPECTED.pasted)],
        ['Mixed', asHtml(EXPECTED.mixed)],
      ]);
    }
  });

  it('the Universal Feed Parser: the summary of rss.xml and atom.xml; feed.json: the summary', async () => {
    for (const feed of ['rss.xml', 'atom.xml']) {
      const read = readWithUniversalFeedParser(await (await fetch(site.server.url + feed)).text());
      expect(read.bozo, read.bozo_exception).toBe(false);
      expect(read.entries.map((item) => [item.title, item.summary]), feed).toEqual([
        ['Pasted', EXPECTED.pasted],
        ['Mixed', EXPECTED.mixed],
      ]);
    }
    const json = JSON.parse(await readFile(join(site.work, 'public/feed.json'), 'utf8')) as { items: { title: string; summary?: string }[] };
    expect(json.items.map((item) => [item.title, item.summary])).toEqual([
      ['Pasted', EXPECTED.pasted],
      ['Mixed', EXPECTED.mixed],
    ]);
  });
});
