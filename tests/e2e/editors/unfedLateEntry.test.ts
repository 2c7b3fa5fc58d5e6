import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText, SITE } from '../../support/content.js';
import { publishedSites } from '../../support/publishedSites.js';
import { A, NOW } from '../../support/readerImpactFixture.js';
import { saveByRename } from '../../support/saveByRename.js';

// The real CLI, for the wiring: a draft dated before what the feeds hold, taken out of draft, is warned of by the publish
// that adds it. The other cases of the rule run in process, in tests/unit/cli/unfedLateEntry.test.ts.

const sites = publishedSites((args) => runCli(args), NOW);
afterAll(() => sites.removeAll());

const late = (draft: boolean) => entryText(entry({ title: 'Written in April', url: 'https://news.example.com/l', date: '2014-04-15', tags: ['Trade'], ...(draft ? { draft: true } : {}) }));

describe('publish: a draft dated before what the feeds hold, taken out of draft', () => {
  it('warns that no live feed carries it, only its archive document, as the output shows', async () => {
    // feed.limit 1: A (May 8, Trade) fills the site feed and Trade's; L (April 15, Trade) goes into archives/2014-04/.
    const content = await contentFolder({ site: { ...SITE, feed: { limit: 1 } }, entries: { '2014/a.md': A, '2014/l.md': late(true) } });
    sites.removeLater(content);
    const out = await sites.tempDir();
    const first = await runCli(['publish', '--content', content, '--out', out, '--now', NOW, '--quiet']);
    expect(first.stderr).toBe('');
    await saveByRename(join(content, 'entries/2014/l.md'), late(false));
    const run = await runCli(['publish', '--content', content, '--out', out, '--now', NOW, '--quiet']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      'warning: site.yml: feed.limit: 1 entry added in this publish (new, or a draft, held back or skipped before) goes into no live feed, site or tag, only into archives/2014-04/, since it is dated before the newest feed.limit (1) entries, of the site and of each of its tags: no feed reader shows it (readers do not follow RFC 5005 prev-archive links): entries/2014/l.md (for readers to see it, date it today or raise feed.limit to 2 for this publish; a back issue filed in the archive on purpose needs nothing)\n',
    );
    // What the warning says, in the files written: the archive alone holds it.
    const feeds = ['rss.xml', ...(await readdir(join(out, 'tags'))).filter((name) => !name.includes('.')).map((tag) => `tags/${tag}/rss.xml`), 'archives/2014-04/rss.xml'];
    expect(feeds).toContain('tags/trade/rss.xml');
    const holding = [];
    for (const feed of feeds) {
      if ((await readFile(join(out, feed), 'utf8')).includes('Written in April')) holding.push(feed);
    }
    expect(holding).toEqual(['archives/2014-04/rss.xml']);
  });
});
