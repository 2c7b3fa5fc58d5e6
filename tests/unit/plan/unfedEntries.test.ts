import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { dump } from 'js-yaml';
import type { EntryMeta } from '../../../lib/content/entry.js';
import { parseSite } from '../../../lib/content/site.js';
import { planSite } from '../../../lib/plan/sitePlan.js';
import { unfedEntries } from '../../../lib/plan/unfedEntries.js';
import { slugify } from '../../../lib/shared/slug.js';
import { SITE } from '../../support/content.js';
import { UNKNOWN_SHA256 } from '../../../lib/shared/unknownSha256.js';

// feed.limit 2, zone Asia/Seoul: the site feed holds the newest two and the rest of the oldest one's month.
const site = parseSite(dump({ ...SITE, feed: { limit: 2 } })).site!;
const now = DateTime.fromISO('2014-07-01T00:00:00Z');
const at = (date: string) => DateTime.fromISO(date, { zone: 'Asia/Seoul' }).toMillis();
function meta(name: string, date: string, tags: string[] = ['Trade']): EntryMeta {
  return { key: `entries/2014/${name}.md`, id: `2014/${name}`, title: name, url: `https://a.example/${name}`, source: { name: 'S' }, date: at(date), tags: tags.map((tag) => ({ name: tag, slug: slugify(tag) })), related: [], draft: false };
}
const pages = (...names: string[]) => Object.fromEntries(names.map((name) => [`entries/2014/${name}/index.html`, { sha256: 'a'.repeat(64) }]));
// The pages a publish killed mid-write was about to write, as the manifest of its intent lists them.
const intended = (...names: string[]) => Object.fromEntries(names.map((name) => [`entries/2014/${name}/index.html`, { sha256: UNKNOWN_SHA256 }]));

// Published before: a (May 2) and b (May 3). Added: c, d, e in May, f and g in June.
const old = [meta('a', '2014-05-02'), meta('b', '2014-05-03')];
const added = [meta('c', '2014-05-10'), meta('d', '2014-05-11'), meta('e', '2014-05-12'), meta('f', '2014-06-01'), meta('g', '2014-06-02')];

describe('unfedEntries', () => {
  it('names the entries added that only an archive document carries, and the feed.limit that would carry them', () => {
    // The site feed: g, f (June). May goes to archives/2014-05/; the tag feed holds g and f too.
    const [warning, ...more] = unfedEntries(planSite(site, [...old, ...added], now), pages('a', 'b'));
    expect(more).toEqual([]);
    expect(warning).toMatchObject({ file: 'site.yml', field: 'feed.limit' });
    expect(warning!.message).toBe('3 entries added in this publish go into no live feed, site or tag, only into archives/2014-05/, since more entries are added at once than feed.limit (2) holds: no feed reader shows them (readers do not follow RFC 5005 prev-archive links): entries/2014/e.md, entries/2014/d.md, entries/2014/c.md');
    // c is the 5th newest: a limit of 5 keeps g, f, e, d, c in the site feed.
    expect(warning!.fix).toBe('raise feed.limit to 5 for this publish, or publish the new entries in steps of at most 2, letting readers fetch the feeds between steps');
  });

  it('leaves out an entry a tag feed still carries', () => {
    const tagged = [...added.slice(0, 2), { ...added[2]!, tags: [{ name: 'Rail', slug: 'rail' }] }, ...added.slice(3)];
    expect(unfedEntries(planSite(site, [...old, ...tagged], now), pages('a', 'b'))[0]!.message).toMatch(/^2 entries .*: entries\/2014\/d\.md, entries\/2014\/c\.md$/);
  });

  it('names an entry added dated before what the feeds hold (a draft published late): a date of today would feed it', () => {
    // x and y (June) fill the site feed and Trade's feed; late (May 20), a draft at the last publish, goes into
    // archives/2014-05/ alone. Third newest: a limit of 3 keeps it.
    const recent = [meta('x', '2014-06-20'), meta('y', '2014-06-21')];
    const late = meta('late', '2014-05-20');
    expect(unfedEntries(planSite(site, [...recent, { ...late, draft: true }], now), pages('x', 'y'))).toEqual([]);
    const warnings = unfedEntries(planSite(site, [...recent, late], now), pages('x', 'y'));
    expect(warnings).toEqual([
      {
        file: 'site.yml',
        field: 'feed.limit',
        message:
          '1 entry added in this publish (new, or a draft, held back or skipped before) goes into no live feed, site or tag, only into archives/2014-05/, since it is dated before the newest feed.limit (2) entries, of the site and of each of its tags: no feed reader shows it (readers do not follow RFC 5005 prev-archive links): entries/2014/late.md',
        fix: 'for readers to see it, date it today or raise feed.limit to 3 for this publish; a back issue filed in the archive on purpose needs nothing',
      },
    ]);
    // Its own tag's feed carries it: a reader of that feed sees it.
    expect(unfedEntries(planSite(site, [...recent, { ...late, tags: [{ name: 'Rail', slug: 'rail' }] }], now), pages('x', 'y'))).toEqual([]);
  });

  it('gives both warnings apart when entries are pushed out and one is dated before', () => {
    // a, b published; c..g added and old (January) too. Site feed: g, f; c, d, e pushed out; old dated out.
    const warnings = unfedEntries(planSite(site, [...old, ...added, meta('old', '2014-01-05')], now), pages('a', 'b'));
    expect(warnings.map((warning) => warning.message.replace(/^(\d+ entr(y|ies)) .* only into ([^,]+),.*: (.*)$/, '$1 $3 $4'))).toEqual([
      '3 entries archives/2014-05/ entries/2014/e.md, entries/2014/d.md, entries/2014/c.md',
      '1 entry archives/2014-01/ entries/2014/old.md',
    ]);
    // old is the 8th newest.
    expect(warnings[1]!.fix).toMatch(/raise feed\.limit to 8 /);
  });

  it('says nothing on a first publish: no reader yet', () => {
    expect(unfedEntries(planSite(site, [...old, ...added], now), {})).toEqual([]);
    expect(unfedEntries(planSite(site, [meta('x', '2014-06-20'), meta('y', '2014-06-21'), meta('old', '2014-01-05')], now), {})).toEqual([]);
  });

  it('counts as added an entry whose page only a publish killed mid-write meant to write (its bytes unknown)', () => {
    const [warning] = unfedEntries(planSite(site, [...old, ...added], now), { ...pages('a', 'b'), ...intended('c', 'd', 'e', 'f', 'g') });
    expect(warning!.message).toMatch(/^3 entries .*: entries\/2014\/e\.md, entries\/2014\/d\.md, entries\/2014\/c\.md$/);
  });

  it('takes a first publish killed mid-write for a first publish: no reader yet', () => {
    expect(unfedEntries(planSite(site, [...old, ...added], now), intended('a', 'b'))).toEqual([]);
  });
});
