import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { digestByEmail } from '../../../lib/content/digestByEmail.js';
import { archivedWeeks } from '../../../lib/digest/digestArtifacts.js';
import { planSite } from '../../../lib/plan/sitePlan.js';
import { publish } from '../../../lib/publish/publish.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';
import { meta, testSite } from '../../support/digestFixtures.js';

const AUTHOR = { name: 'Desk', email: 'desk@watch.example.org' };

describe('digestByEmail: the pages offer the digest by email only where a way to get it exists', () => {
  it('is false for a site.yml without a digest: block, whatever author.email says', () => {
    expect(digestByEmail(testSite({ author: AUTHOR, digest: undefined }))).toBe(false);
  });

  it('is true for a digest: block with from (the site takes signups), subscribe (a signup page), or an author to write to', () => {
    expect(digestByEmail(testSite({}, { from: 'Desk <desk@watch.example.org>' }))).toBe(true);
    expect(digestByEmail(testSite({}, { subscribe: 'https://lists.example.org/watch' }))).toBe(true);
    expect(digestByEmail(testSite({ author: AUTHOR }, { day: 'monday' }))).toBe(true);
    expect(digestByEmail(testSite({}, { day: 'monday' }))).toBe(false);
  });
});

describe('a site without a digest: block', () => {
  // Seoul. NOW is Sunday 7 December 2014, in 2014-W49; the site's one entry is dated Tuesday 2 December (W49), so the
  // week just ended, W48, is before it.
  const NOW = DateTime.fromISO('2014-12-07T12:00:00+09:00');

  it('archives no empty week before its first entry’s week (the week just ended, W48, is one)', () => {
    const site = testSite({ author: AUTHOR, digest: undefined });
    expect(archivedWeeks(planSite(site, [meta('2014-12-02')], NOW)).map((week) => week.name)).toEqual([]);
    expect(archivedWeeks(planSite(site, [meta('2014-11-25')], NOW)).map((week) => week.name)).toEqual(['2014-W48']);
    // Nor does a site that offers it by email, sendEmpty or not: its digest run has nothing to archive or send for W48.
    expect(archivedWeeks(planSite(testSite(), [meta('2014-12-02')], NOW)).map((week) => week.name)).toEqual([]);
    expect(archivedWeeks(planSite(testSite({}, { from: 'Desk <desk@watch.example.org>', sendEmpty: true }), [meta('2014-12-02')], NOW)).map((week) => week.name)).toEqual([]);
  });

  it('says on its pages that each week is archived, with no email, schedule or address to write to', async () => {
    const output = new MemoryStore();
    const content = memoryContent({ site: { ...SITE, author: AUTHOR }, entries: { '2014/a.md': entryText(entry({ date: '2014-12-02' })) } });
    await publish({ content, output, now: NOW, websub: false });
    const page = (key: string) => output.objects.get(key)!.body.toString('utf8');
    const panel = /<section class="panel" aria-labelledby="digest">[\s\S]*?<\/section>/.exec(page('index.html'))![0];
    expect(panel).toBe('<section class="panel" aria-labelledby="digest">\n<h2 id="digest">Weekly digest</h2>\n<p>Every week’s entries on one page, in an archive with its own feed.</p>\n<p><a href="digests/">Read past digests in the archive</a></p>\n</section>');
    expect(page('index.html')).not.toMatch(/email,|desk@watch\.example\.org\?subject|write to/);
    expect(page('digests/index.html')).toContain("Every week's entries in one page.");
    expect([...output.objects.keys()].filter((key) => /^digests\/\d{4}-W\d\d/.test(key))).toEqual([]);
  });
});
