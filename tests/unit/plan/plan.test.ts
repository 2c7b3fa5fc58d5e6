import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { EntryMeta } from '../../../lib/content/entry.js';
import { parseSite } from '../../../lib/content/site.js';
import { embargoWindow, planSite } from '../../../lib/plan/sitePlan.js';
import { futureUpdates } from '../../../lib/plan/futureUpdates.js';
import { slugify } from '../../../lib/shared/slug.js';
import { dump } from 'js-yaml';
import { SITE } from '../../support/content.js';

const site = parseSite(dump({ ...SITE, feed: { limit: 3 } })).site!;
const day = (n: number) => DateTime.fromISO('2014-05-01T00:00:00Z').plus({ days: n }).toMillis();

function meta(id: string, dayNumber: number, tags: string[] = [], extra: Partial<EntryMeta> = {}): EntryMeta {
  return { key: `entries/${id}.md`, id, title: id, url: `https://a.example/${id}`, source: { name: 'S' }, date: day(dayNumber), tags: tags.map((name) => ({ name, slug: slugify(name) })), related: [], draft: false, ...extra };
}

const now = DateTime.fromISO('2014-05-20T00:00:00Z');

describe('planSite', () => {
  it('never shows drafts', () => {
    const plan = planSite(site, [meta('a', 1), meta('b', 2, [], { draft: true })], now);
    expect(plan.published.map((e) => e.id)).toEqual(['a']);
  });

  it('embargoes entries dated after now until now reaches them', () => {
    const entries = [meta('past', 1), meta('future', 25)];
    expect(planSite(site, entries, now).published.map((e) => e.id)).toEqual(['past']);
    expect(planSite(site, entries, DateTime.fromMillis(day(25))).published.map((e) => e.id)).toEqual(['future', 'past']);
  });

  it('shows a correction dated later than now only from then, and the plan’s window ends at it', () => {
    const entries = [meta('corrected', 1, [], { updated: day(3) }), meta('typo', 2, [], { updated: day(120) }), meta('later', 40)];
    const plan = planSite(site, entries, now);
    expect(plan.published.map((e) => [e.id, e.updated])).toEqual([['typo', undefined], ['corrected', day(3)]]);
    // The entry itself is the editor's: only the plan leaves the correction out.
    expect(entries[1]!.updated).toBe(day(120));
    // From the correction of `corrected` (day 3), later than the newest entry's date (day 2).
    expect(embargoWindow(plan, entries)).toEqual({ from: day(3), until: day(40) });
    const beforeTypo = planSite(site, entries.slice(0, 2), now);
    expect(embargoWindow(beforeTypo, entries.slice(0, 2))).toEqual({ from: day(3), until: day(120) });
    expect(planSite(site, entries, DateTime.fromMillis(day(120))).published.find((e) => e.id === 'typo')!.updated).toBe(day(120));
  });

  it('starts the plan’s window at the newest correction it shows when that came due after the newest entry’s date', () => {
    // Before day 10 the plan leaves out the correction of `old`, so the same files hold only from day 10 on.
    const entries = [meta('old', 1, [], { updated: day(10) }), meta('newest', 5)];
    expect(embargoWindow(planSite(site, entries, now), entries)).toEqual({ from: day(10), until: null });
    expect(embargoWindow(planSite(site, entries, DateTime.fromMillis(day(7))), entries)).toEqual({ from: day(5), until: day(10) });
    // A correction dated before the newest entry changes nothing.
    const earlier = [meta('old', 1, [], { updated: day(3) }), meta('newest', 5)];
    expect(embargoWindow(planSite(site, earlier, now), earlier)).toEqual({ from: day(5), until: null });
  });

  it('warns of each correction dated later than now, with both moments in the site’s zone', () => {
    const entries = [meta('typo', 2, [], { updated: day(120) }), meta('draft', 3, [], { updated: day(120), draft: true }), meta('fine', 4, [], { updated: day(5) })];
    // now is 2014-05-20T00:00:00Z, 09:00 in Seoul; day(120) is 2014-08-29T00:00:00Z.
    expect(futureUpdates(entries, now, 'Asia/Seoul')).toEqual([
      { file: 'entries/typo.md', field: 'updated', message: '2014-08-29T09:00:00+09:00 is later than now (2014-05-20T09:00:00+09:00): the entry is published as it reads now, but its feeds keep its update time (Atom updated, JSON Feed date_modified) at its date, and its page shows no correction date, until then', fix: 'check the date: a correction is dated when it is made' },
    ]);
  });

  it('orders newest first, ties by id; the site feed holds feed.limit entries and the rest of the oldest one’s month', () => {
    const plan = planSite(site, [meta('a', 1), meta('c', 5), meta('b', 5), meta('d', 3), meta('e', 2)], now);
    expect(plan.feeds[0]!.dir).toBe('');
    // All in May 2014 (Asia/Seoul): one month, so all of it.
    expect(plan.feeds[0]!.entries.map((e) => e.id)).toEqual(['b', 'c', 'd', 'e', 'a']);
    expect(plan.archives).toEqual([]);
  });

  it('puts every older month in one archive document each, newest first, chained by prev-archive (RFC 5005)', () => {
    // day(n) is 1 May 2014 00:00 UTC plus n days: 09:00 in Seoul, so day -1 is 30 April there, day -30 is 1 April.
    const entries = [meta('a', -40), meta('b', -30), meta('c', -1), meta('d', 1), meta('e', 2), meta('f', 3), meta('g', 4)];
    const plan = planSite(site, entries, now);
    // The newest 3 (g, f, e) are in May; d is too, so the site feed holds it.
    expect(plan.feeds[0]!.entries.map((e) => e.id)).toEqual(['g', 'f', 'e', 'd']);
    expect(plan.archives.map((a) => [a.dir, a.entries.map((e) => e.id)])).toEqual([
      ['archives/2014-04/', ['c', 'b']],
      ['archives/2014-03/', ['a']],
    ]);
    expect(plan.feeds[0]!.history).toEqual({ archive: false, prevArchiveDir: 'archives/2014-04/' });
    expect(plan.archives.map((a) => a.history)).toEqual([
      // RFC 5005 §4: prev-archive unless there is no older archive, next-archive unless there is no newer one.
      { archive: true, period: '2014-04', prevArchiveDir: 'archives/2014-03/' },
      { archive: true, period: '2014-03', nextArchiveDir: 'archives/2014-04/' },
    ]);
  });

  it('links each archive document to both neighbours, the newest to no next-archive (RFC 5005 §4)', () => {
    // Four months before May 2014 (day(n): 1 May 2014 plus n days), each archived.
    const entries = [meta('a', -100), meta('b', -70), meta('c', -40), meta('d', -10), meta('e', 1), meta('f', 2), meta('g', 3)];
    const plan = planSite(site, entries, now);
    expect(plan.archives.map((a) => [a.dir, a.history!.prevArchiveDir, a.history!.nextArchiveDir])).toEqual([
      ['archives/2014-04/', 'archives/2014-03/', undefined],
      ['archives/2014-03/', 'archives/2014-02/', 'archives/2014-04/'],
      ['archives/2014-02/', 'archives/2014-01/', 'archives/2014-03/'],
      ['archives/2014-01/', undefined, 'archives/2014-02/'],
    ]);
  });

  it('makes one feed per tag with the newest feed.limit entries of that tag', () => {
    const plan = planSite(site, [meta('a', 1, ['Trade']), meta('b', 2, ['Trade', 'Russia']), meta('c', 3, ['Trade']), meta('d', 4, ['Trade']), meta('e', 5, ['Russia'])], now);
    const trade = plan.feeds.find((f) => f.dir === 'tags/trade/')!;
    expect(trade.entries.map((e) => e.id)).toEqual(['d', 'c', 'b']);
    expect(plan.feeds.find((f) => f.dir === 'tags/russia/')!.entries.map((e) => e.id)).toEqual(['e', 'b']);
    expect(plan.tags.map((t) => [t.tag.slug, t.count])).toEqual([['russia', 2], ['trade', 4]]);
  });

  it('lists the tags and their feeds by name, not by slug: Hangul slugs (xn--) follow no reading order', () => {
    const plan = planSite(site, [meta('a', 1, ['중국', '제재']), meta('b', 2, ['북한경제', '석탄', 'UN'])], now);
    const order = ['UN', '북한경제', '석탄', '제재', '중국'];
    expect(plan.tags.map((t) => t.tag.name)).toEqual(order);
    expect(plan.feeds.slice(1).map((f) => f.tag!.name)).toEqual(order);
  });

  it('has no feed for a tag whose entries are all drafts or embargoed', () => {
    const plan = planSite(site, [meta('a', 1, ['Trade']), meta('b', 2, ['Secret'], { draft: true }), meta('c', 30, ['Later'])], now);
    expect(plan.feeds.map((f) => f.dir)).toEqual(['', 'tags/trade/']);
  });
});
