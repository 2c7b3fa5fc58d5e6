import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entry, entryText } from '../../support/content.js';
import { missingClients, readWithRsstail } from '../../support/feedClients.js';
import { servedSite, type ServedSite } from '../../support/servedSite.js';
import { readWithUniversalFeedParser } from '../../support/universalFeedParser.js';

// An editor breaks the commentary's first line with raw HTML, `Line one<br>line two`, and gives no summary: the
// summary is that first paragraph as text. A <br> is a line break (WHATWG HTML §4.5.27), so the words on either
// side stay apart; a reader that shows the summary (rsstail's Description line, the Universal Feed Parser's
// summary) must show "Line one line two", never "Line oneline two".
const BODY = 'Rice prices<br>held steady in Sinuiju<br/>and Hyesan<BR >all week.\n\nA second paragraph.\n';
/** The first paragraph as a reader shows it, worked out by hand: each break one space, nothing else changed. */
const SUMMARY = 'Rice prices held steady in Sinuiju and Hyesan all week.';

describe('a raw <br> in the first paragraph reaches readers as a break between words', () => {
  let site: ServedSite;
  beforeAll(async () => {
    const missing = await missingClients();
    if (missing.length > 0) throw new Error(`feed readers missing: ${missing.join(', ')}. .ci/run installs them.`);
    site = await servedSite({ '2014/rice.md': entryText(entry({ title: 'Rice prices', url: 'https://news.example.com/rice', date: '2014-05-08' }), BODY) });
  }, 60_000);
  afterAll(async () => {
    await site?.close();
  });

  it('rsstail shows it as the Description of rss.xml and atom.xml', { timeout: 60_000 }, async () => {
    for (const feed of ['rss.xml', 'atom.xml']) {
      const read = await readWithRsstail(site.server.url + feed, site.work, { descriptions: true });
      expect(read.map((item) => item.description), feed).toEqual([SUMMARY]);
    }
  });

  it('the Universal Feed Parser reads it as the summary of rss.xml and atom.xml; feed.json has it as typed text', async () => {
    for (const feed of ['rss.xml', 'atom.xml']) {
      const read = readWithUniversalFeedParser(await (await fetch(site.server.url + feed)).text());
      expect(read.bozo, read.bozo_exception).toBe(false);
      expect(read.entries.map((item) => item.summary), feed).toEqual([SUMMARY]);
    }
    // JSON Feed 1.1 §items: "summary (optional, string) is a plain text sentence or two".
    const json = JSON.parse(await readFile(join(site.work, 'public/feed.json'), 'utf8')) as { items: { summary?: string }[] };
    expect(json.items.map((item) => item.summary)).toEqual([SUMMARY]);
  });
});
