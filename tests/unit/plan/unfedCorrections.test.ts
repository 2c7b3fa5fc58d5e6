import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { dump } from 'js-yaml';
import type { EntryMeta } from '../../../lib/content/entry.js';
import type { PreviousEntry } from '../../../lib/content/entryIndex.js';
import { parseSite } from '../../../lib/content/site.js';
import { planSite } from '../../../lib/plan/sitePlan.js';
import { unfedCorrections } from '../../../lib/plan/unfedCorrections.js';
import { slugify } from '../../../lib/shared/slug.js';
import { UNKNOWN_SHA256 } from '../../../lib/shared/unknownSha256.js';
import { SITE } from '../../support/content.js';

// feed.limit 2, zone Asia/Seoul: the site feed holds the newest two (June) and May goes to archives/2014-05/.
const site = parseSite(dump({ ...SITE, feed: { limit: 2 } })).site!;
const now = DateTime.fromISO('2014-07-01T00:00:00Z');
const at = (date: string, zone = 'Asia/Seoul') => DateTime.fromISO(date, { zone }).toMillis();
function meta(name: string, date: string, tags: string[] = ['Trade'], updated?: string): EntryMeta {
  return { key: `entries/2014/${name}.md`, id: `2014/${name}`, title: name, url: `https://a.example/${name}`, source: { name: 'S' }, date: at(date), ...(updated ? { updated: at(updated) } : {}), tags: tags.map((tag) => ({ name: tag, slug: slugify(tag) })), related: [], draft: false };
}
const pages = (...names: string[]) => Object.fromEntries(names.map((name) => [`entries/2014/${name}/index.html`, { sha256: 'a'.repeat(64) }]));
const all = pages('a', 'b', 'f', 'g');
// a (May, Trade) and b (May, Rail, the only Rail entry) are archived; f and g (June, Trade) fill the site feed, and
// Trade's feed holds g and f.
const entries = (changes: Partial<Record<string, string>> = {}) => [
  meta('a', '2014-05-02', ['Trade'], changes.a),
  meta('b', '2014-05-03', ['Rail'], changes.b),
  meta('f', '2014-06-01', ['Trade'], changes.f),
  meta('g', '2014-06-02', ['Trade'], changes.g),
];
const before = (...names: string[]): PreviousEntry[] => entries().filter((entry) => names.includes(entry.id.slice('2014/'.length)));

describe('unfedCorrections', () => {
  it('names a correction made to a published entry no live feed carries, site or tag', () => {
    const plan = planSite(site, entries({ a: '2014-06-30T10:00:00' }), now);
    expect(unfedCorrections(plan, before('a'), all)).toEqual([
      {
        file: 'entries/2014/a.md',
        field: 'updated',
        message: 'the correction (2014-06-30T10:00:00+09:00) reaches no feed reader: the entry is in no live feed, site or tag, only in archives/2014-05/, which readers do not fetch (they do not follow RFC 5005 prev-archive links); its page shows the correction',
        fix: "to tell the feeds' readers, publish a new entry that links to the corrected one",
      },
    ]);
    // A correction moved on again is one more; the same as the last publish read is none.
    const again = before('a').map((entry) => ({ ...entry, updated: at('2014-06-20T10:00:00') }));
    expect(unfedCorrections(plan, again, all)).toHaveLength(1);
    expect(unfedCorrections(plan, again.map((entry) => ({ ...entry, updated: at('2014-06-30T10:00:00') })), all)).toEqual([]);
  });

  it('names a correction whose time came since the last publish, the file unchanged: dated at or after the end of the window that publish recorded', () => {
    const corrected = '2014-06-30T10:00:00';
    const plan = planSite(site, entries({ a: corrected }), now);
    // The last publish read the same updated: (or did not read the file again), then later than its now: its window
    // ended when the correction came due.
    const sameAsRead = before('a').map((entry) => ({ ...entry, updated: at(corrected) }));
    const endedAtIt = { from: at('2014-06-02'), until: at(corrected) };
    expect(unfedCorrections(plan, sameAsRead, all, endedAtIt)).toMatchObject([{ file: 'entries/2014/a.md', field: 'updated', message: expect.stringMatching(/^the correction \(2014-06-30T10:00:00\+09:00\) reaches no feed reader: /) }]);
    expect(unfedCorrections(plan, [], all, endedAtIt)).toHaveLength(1);
    // Due at the last publish already (its window ended later, or never), or no window recorded: nothing new.
    expect(unfedCorrections(plan, sameAsRead, all, { from: at('2014-06-02'), until: at(corrected) + 1 })).toEqual([]);
    expect(unfedCorrections(plan, [], all, { from: at(corrected), until: null })).toEqual([]);
    expect(unfedCorrections(plan, [], all, undefined)).toEqual([]);
    // Carried by a live feed, or never on a page readers had: nothing, as for a file edited.
    expect(unfedCorrections(planSite(site, entries({ f: corrected }), now), [], all, endedAtIt)).toEqual([]);
    expect(unfedCorrections(plan, [], pages('b', 'f', 'g'), endedAtIt)).toEqual([]);
  });

  it('says nothing of a correction a live feed carries: the site feed, or a tag feed alone', () => {
    expect(unfedCorrections(planSite(site, entries({ f: '2014-06-30T10:00:00' }), now), before('f'), all)).toEqual([]);
    const railOnly = planSite(site, entries({ b: '2014-06-30T10:00:00' }), now);
    expect(railOnly.feeds.some((feed) => feed.tag?.slug === 'rail' && feed.entries.some((entry) => entry.id === '2014/b'))).toBe(true);
    expect(unfedCorrections(railOnly, before('b'), all)).toEqual([]);
  });

  it('says nothing of an entry no reader had: no page in the last manifest, or one only a killed publish meant to write', () => {
    const plan = planSite(site, entries({ a: '2014-06-30T10:00:00' }), now);
    expect(unfedCorrections(plan, before('a'), pages('b', 'f', 'g'))).toEqual([]);
    expect(unfedCorrections(plan, before('a'), { ...all, 'entries/2014/a/index.html': { sha256: UNKNOWN_SHA256 } })).toEqual([]);
  });

  it('reads an updated: without offset the last publish read in another time zone as the same correction', () => {
    const plan = planSite(site, entries({ a: '2014-06-30T10:00:00' }), now);
    const readInUtc = before('a').map((entry) => ({ ...entry, updated: at('2014-06-30T10:00:00', 'UTC'), zone: 'UTC' }));
    expect(unfedCorrections(plan, readInUtc, all)).toEqual([]);
    // Another wall clock there is a correction.
    expect(unfedCorrections(plan, readInUtc.map((entry) => ({ ...entry, updated: at('2014-06-29T10:00:00', 'UTC') })), all)).toHaveLength(1);
  });
});
