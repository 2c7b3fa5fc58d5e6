import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contentFolder, entry, entryText, SITE } from '../../support/content.js';
import { publishedSites } from '../../support/publishedSites.js';
import { A, NOW } from '../../support/readerImpactFixture.js';
import { runMain } from '../../support/runMain.js';
import { saveByRename } from '../../support/saveByRename.js';

// The commands as an editor runs them, in process (cli/main.ts): an entry published late, dated before what the feeds
// hold, that no live feed carries. tests/e2e/editors/unfedLateEntry.test.ts runs the same through the real CLI.

const sites = publishedSites((args) => runMain(args), NOW);
afterAll(() => sites.removeAll());

// feed.limit 1, zone Asia/Seoul: A (May 8, Trade) fills the site feed (with the rest of May) and Trade's feed. L, dated
// April 15 and tagged Trade, goes into archives/2014-04/ alone; with a limit of 2 the site feed holds A and L.
const late = (draft: boolean) => entryText(entry({ title: 'Written in April', url: 'https://news.example.com/l', date: '2014-04-15', tags: ['Trade'], ...(draft ? { draft: true } : {}) }));
const WARNED =
  'warning: site.yml: feed.limit: 1 entry added in this publish (new, or a draft, held back or skipped before) goes into no live feed, site or tag, only into archives/2014-04/, since it is dated before the newest feed.limit (1) entries, of the site and of each of its tags: no feed reader shows it (readers do not follow RFC 5005 prev-archive links): entries/2014/l.md (for readers to see it, date it today or raise feed.limit to 2 for this publish; a back issue filed in the archive on purpose needs nothing)\n';

async function site(entries: Record<string, string>): Promise<{ content: string; out: string }> {
  const content = await contentFolder({ site: { ...SITE, feed: { limit: 1 } }, entries });
  sites.removeLater(content);
  return { content, out: await sites.tempDir() };
}

describe('check --out, publish --dry-run and publish: an entry published late that no live feed carries', () => {
  it('name a draft taken out of draft, dated before what the feeds hold, with the date or limit that would feed it', async () => {
    const { content, out } = await site({ '2014/a.md': A, '2014/l.md': late(true) });
    const first = await runMain(['publish', '--content', content, '--out', out, '--now', NOW, '--quiet']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    await saveByRename(join(content, 'entries/2014/l.md'), late(false));
    const checked = await runMain(['check', '--content', content, '--out', out, '--now', NOW, '--quiet']);
    expect(checked.stderr).toBe(WARNED);
    for (const extra of [['--dry-run'], []]) {
      const run = await runMain(['publish', '--content', content, '--out', out, '--now', NOW, '--quiet', ...extra]);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe(WARNED);
    }
    // Published now: the next publish has its page, and says nothing.
    expect((await runMain(['check', '--content', content, '--out', out, '--now', NOW, '--quiet'])).stderr).toBe('');
  });

  it('say nothing of the same entry filed on a first publish: no reader yet', async () => {
    const { content, out } = await site({ '2014/a.md': A, '2014/l.md': late(false) });
    const run = await runMain(['publish', '--content', content, '--out', out, '--now', NOW, '--quiet']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
  });
});
