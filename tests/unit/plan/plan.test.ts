import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { EntryMeta } from '../../../lib/content/entry.js';
import { parseSite } from '../../../lib/content/site.js';
import { planSite } from '../../../lib/plan/sitePlan.js';
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

  it('orders newest first, ties by id, and limits the site feed to feed.limit', () => {
    const plan = planSite(site, [meta('a', 1), meta('c', 5), meta('b', 5), meta('d', 3), meta('e', 2)], now);
    expect(plan.feeds[0]!.dir).toBe('');
    expect(plan.feeds[0]!.entries.map((e) => e.id)).toEqual(['b', 'c', 'd']);
  });

  it('makes one feed per tag with the newest feed.limit entries of that tag', () => {
    const plan = planSite(site, [meta('a', 1, ['Trade']), meta('b', 2, ['Trade', 'Russia']), meta('c', 3, ['Trade']), meta('d', 4, ['Trade']), meta('e', 5, ['Russia'])], now);
    const trade = plan.feeds.find((f) => f.dir === 'tags/trade/')!;
    expect(trade.entries.map((e) => e.id)).toEqual(['d', 'c', 'b']);
    expect(plan.feeds.find((f) => f.dir === 'tags/russia/')!.entries.map((e) => e.id)).toEqual(['e', 'b']);
    expect(plan.tags.map((t) => [t.tag.slug, t.count])).toEqual([['russia', 2], ['trade', 4]]);
  });

  it('has no feed for a tag whose entries are all drafts or embargoed', () => {
    const plan = planSite(site, [meta('a', 1, ['Trade']), meta('b', 2, ['Secret'], { draft: true }), meta('c', 30, ['Later'])], now);
    expect(plan.feeds.map((f) => f.dir)).toEqual(['', 'tags/trade/']);
  });
});
