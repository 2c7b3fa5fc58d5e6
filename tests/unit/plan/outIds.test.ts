import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { outIds } from '../../../lib/plan/outIds.js';
import type { EntryMeta } from '../../../lib/content/entry.js';
import { entryPages } from '../../support/entryPages.js';

// The ids published once and out now, which the entry index keeps so that a rename while out is still refused.
const now = DateTime.fromISO('2014-06-01T00:00:00Z');
const day = (d: number) => Date.parse(`2014-05-${String(d).padStart(2, '0')}T00:00:00Z`);
const meta = (name: string, d: number, more: Partial<EntryMeta> = {}): EntryMeta => ({ key: `entries/2014/${name}.md`, id: `2014/${name}`, url: `https://x.example/${name}`, title: name, source: { name: 'S', url: 'https://s.example/' }, date: day(d), tags: [], related: [], draft: false, ...more });
const kept = (name: string, d: number) => ({ key: `entries/2014/${name}.md`, id: `2014/${name}`, url: `https://x.example/${name}`, date: day(d), draft: false, source: { name: 'S' } });
/** As kept, taken out by this publish: an entry without tags was in the site feed alone (PreviousEntry.fedIn). */
const takenOut = (name: string, d: number) => ({ ...kept(name, d), fedIn: [''] });

describe('outIds', () => {
  it('keeps an entry the last publish had public that is drafted, dated after now or gone now, with its url, date and source name', () => {
    const drafted = meta('a', 3, { draft: true });
    const later = meta('b', 4, { date: Date.parse('2014-07-01T00:00:00Z') });
    const before = { entries: [meta('a', 3), meta('b', 4), meta('c', 5)] };
    expect(outIds([drafted, later], before, now, [], entryPages('2014/a', '2014/b', '2014/c'))).toEqual([takenOut('c', 5), takenOut('b', 4), takenOut('a', 3)]);
  });

  it('keeps one out before while it is still out, and lets it go once its id is published again', () => {
    const before = { entries: [], out: [kept('a', 3), kept('b', 4)] };
    expect(outIds([meta('a', 3)], before, now, [], entryPages('2014/a'))).toEqual([kept('b', 4)]);
  });

  it('lets go of an id given a new one on purpose (--allow-id-change)', () => {
    const before = { entries: [], out: [kept('a', 3)] };
    const change = { url: 'https://x.example/a', oldKey: 'entries/2014/a.md', oldId: '2014/a', newKey: 'entries/2014/a2.md', newId: '2014/a2' };
    expect(outIds([meta('a2', 3, { url: 'https://x.example/a' })], before, now, [change], {})).toEqual([]);
  });

  it('keeps nothing of a draft the last publish had, or of an entry dated after now: never published', () => {
    const before = { entries: [meta('a', 3, { draft: true }), meta('b', 4, { date: Date.parse('2014-07-01T00:00:00Z') })] };
    expect(outIds([], before, now, [], {})).toEqual([]);
  });

  it('keeps nothing of an entry the last publish kept back (its --now before the entry\'s date) though it is due at this --now', () => {
    // Published at --now 2014-05-01, dated 05-10: no page then. Deleted before this publish at 06-01.
    const before = { entries: [meta('a', 10)] };
    expect(outIds([], before, now, [], {})).toEqual([]);
  });

  it('keeps the newer version of an id out before, published again and out again', () => {
    const before = { entries: [meta('a', 9, { key: 'entries/2014/a-moved.md' })], out: [kept('a', 3)] };
    expect(outIds([], before, now, [], entryPages('2014/a'))).toEqual([{ ...takenOut('a', 9), key: 'entries/2014/a-moved.md' }]);
  });

  it('names the feeds each was in: the site feed and its tags\' feeds when this publish takes it out, its own when out before, none when not known', () => {
    const tagged = meta('a', 5, { tags: [{ name: 'Rail', slug: 'rail' }, { name: 'Trade', slug: 'trade' }, { name: 'trade', slug: 'trade' }] });
    const outBefore = { ...kept('b', 4), fedIn: ['', 'tags/kaesong/'] };
    const fromOldIndex = kept('c', 3);
    const before = { entries: [tagged], out: [outBefore, fromOldIndex] };
    expect(outIds([], before, now, [], entryPages('2014/a'))).toEqual([{ ...kept('a', 5), fedIn: ['', 'tags/rail/', 'tags/trade/'] }, outBefore, fromOldIndex]);
    // Its entry from an index that kept no tags: not known either.
    const { tags: _, ...untagged } = tagged;
    expect(outIds([], { entries: [untagged] }, now, [], entryPages('2014/a'))).toEqual([kept('a', 5)]);
  });
});
