import { describe, expect, it } from 'vitest';
import { keepMailedIn } from '../../../lib/publish/keepMailedIn.js';
import { EntryIndex, type PreviousEntry } from '../../../lib/content/entryIndex.js';
import type { EntryMeta } from '../../../lib/content/entry.js';

// 2014-W19 is 5–11 May 2014 in Seoul, and was mailed; 2014-W20 was not.
const ZONE = 'Asia/Seoul';
const entry = (key: string, date: string, draft = false): EntryMeta => ({ key, id: key, url: 'https://example.com/', title: 'T', source: { name: 'S' }, date: Date.parse(date), tags: [], related: [], draft });
const previous = (key: string, date: string, mailedIn?: string[]): PreviousEntry => ({ key, id: key, url: 'https://example.com/', date: Date.parse(date), draft: false, ...(mailedIn ? { mailedIn } : {}) });

function loadedWith(now: EntryMeta[], before: PreviousEntry[]) {
  const index = new EntryIndex('context');
  for (const one of now) index.records.set(one.key, { version: 'v2', entry: one });
  return { index, before: { entries: before, reread: new Set(now.map((one) => one.key)) } };
}

describe('keepMailedIn: the mailed weeks an entry read again was in, kept in the index', () => {
  it('keeps the mailed week of one moved out of it, and those kept before; none for one whose date still says it', () => {
    const loaded = loadedWith(
      [entry('a.md', '2014-05-13T00:00:00+09:00'), entry('b.md', '2014-05-14T00:00:00+09:00'), entry('c.md', '2014-05-07T00:00:00+09:00'), entry('d.md', '2014-05-07T00:00:00+09:00', true), entry('e.md', '2014-05-14T00:00:00+09:00')],
      [previous('a.md', '2014-05-06T00:00:00+09:00'), previous('b.md', '2014-05-13T00:00:00+09:00', ['2014-W19']), previous('c.md', '2014-05-06T00:00:00+09:00'), previous('d.md', '2014-05-06T00:00:00+09:00'), previous('e.md', '2014-05-13T00:00:00+09:00')],
    );
    keepMailedIn(loaded, ['2014-W19'], ZONE);
    const kept = Object.fromEntries([...loaded.index.records].map(([key, record]) => [key, record.mailedIn]));
    // d.md, now a draft, is in no digest: its week is kept, as its date no longer says it.
    expect(kept).toEqual({ 'a.md': ['2014-W19'], 'b.md': ['2014-W19'], 'c.md': undefined, 'd.md': ['2014-W19'], 'e.md': undefined });
  });

  it('keeps, with a file invalid now, every mailed week its entry was in, its date’s too: fixed, it is the entry those emails carried', () => {
    const index = new EntryIndex('context');
    index.records.set('a.md', { version: 'v2', problems: [] });
    index.records.set('b.md', { version: 'v2', problems: [] });
    index.records.set('c.md', { version: 'v2', problems: [] });
    // a.md was dated in W19; b.md was in W20 after an edit moved it out of W19; c.md was invalid already, kept W19.
    const before = { entries: [previous('a.md', '2014-05-06T00:00:00+09:00'), previous('b.md', '2014-05-13T00:00:00+09:00', ['2014-W19'])], reread: new Set(['a.md', 'b.md', 'c.md']), mailedIn: new Map([['c.md', ['2014-W19']]]) };
    keepMailedIn({ index, before }, ['2014-W19'], ZONE);
    expect([...index.records.values()].map((record) => record.mailedIn)).toEqual([['2014-W19'], ['2014-W19'], ['2014-W19']]);
  });
});
