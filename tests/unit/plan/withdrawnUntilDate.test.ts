import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { withdrawnUntilDate } from '../../../lib/plan/withdrawnUntilDate.js';
import type { EntryMeta } from '../../../lib/content/entry.js';
import type { PreviousEntry } from '../../../lib/content/entryIndex.js';

const now = DateTime.fromISO('2024-03-11T12:00:00+09:00');
const entry = (key: string, date: string, draft = false, id = key): EntryMeta => ({ key, id, url: 'https://example.com/', title: 'T', source: { name: 'S' }, date: Date.parse(date), tags: [], related: [], draft });
const previous = (key: string, date: string, draft = false, id = key): PreviousEntry => ({ key, id, url: 'https://example.com/', date: Date.parse(date), draft });

describe('withdrawnUntilDate: a published entry whose date an edit moved past now', () => {
  it('is warned about with the date it returns and the date to keep; an embargo, a draft or an entry not public before is not', () => {
    const entries = [
      entry('entries/2024/typo.md', '2025-03-01T09:00:00+09:00'),
      entry('entries/2024/moved.md', '2024-04-01T00:00:00Z', false, 'kept-id'),
      entry('entries/2024/embargo.md', '2024-03-12T00:00:00+09:00'),
      entry('entries/2024/was-embargoed.md', '2024-03-20T00:00:00+09:00'),
      entry('entries/2024/was-draft.md', '2024-03-20T00:00:00+09:00'),
      entry('entries/2024/now-draft.md', '2024-03-20T00:00:00+09:00', true),
      entry('entries/2024/past.md', '2024-03-01T00:00:00+09:00'),
    ];
    const before = {
      entries: [
        previous('entries/2024/typo.md', '2024-03-01T09:00:00+09:00'),
        previous('entries/2024/old-path.md', '2024-03-02T00:00:00Z', false, 'kept-id'),
        previous('entries/2024/was-embargoed.md', '2024-03-15T00:00:00+09:00'),
        previous('entries/2024/was-draft.md', '2024-03-01T00:00:00+09:00', true),
        previous('entries/2024/now-draft.md', '2024-03-01T00:00:00+09:00'),
        previous('entries/2024/past.md', '2024-02-01T00:00:00+09:00'),
      ],
      reread: new Set(entries.map((one) => one.key)),
    };
    expect(withdrawnUntilDate(entries, before, now, 'Asia/Tokyo')).toEqual([
      {
        file: 'entries/2024/moved.md',
        field: 'date',
        message: 'was published, and is now held back until 2024-04-01T09:00:00+09:00: its page and its items in the feeds are removed until then, and when it returns readers do not show it as new',
        fix: 'if this is a correction, keep its date (2024-03-02T09:00:00+09:00) and set updated: to when it is made; if it must come down until then, leave it',
      },
      {
        file: 'entries/2024/typo.md',
        field: 'date',
        message: 'was published, and is now held back until 2025-03-01T09:00:00+09:00: its page and its items in the feeds are removed until then, and when it returns readers do not show it as new',
        fix: 'if this is a correction, keep its date (2024-03-01T09:00:00+09:00) and set updated: to when it is made; if it must come down until then, leave it',
      },
    ]);
  });

  it('finds a file renamed without id: in the same edit by its url, among the published ids gone, and says which file it was published from', () => {
    const at = (url: string) => ({ url });
    const entries = [
      // Renamed and re-dated: its id is new, its url (with a tracking parameter now) the one published from old.md.
      { ...entry('entries/2024/renamed.md', '2024-04-01T09:00:00+09:00'), ...at('https://example.com/a?utm_source=mail') },
      // Held back with the url of an entry still published under its id: a second entry on the article, not a move.
      { ...entry('entries/2024/second.md', '2024-04-02T09:00:00+09:00'), ...at('https://example.com/b') },
      { ...entry('entries/2024/first.md', '2024-03-01T09:00:00+09:00'), ...at('https://example.com/b') },
      // Its url was published only by an entry that was held back then too.
      { ...entry('entries/2024/still-later.md', '2024-04-03T09:00:00+09:00'), ...at('https://example.com/c') },
    ];
    const before = {
      entries: [
        { ...previous('entries/2024/old.md', '2024-03-05T09:00:00+09:00'), ...at('https://example.com/a') },
        { ...previous('entries/2024/first.md', '2024-03-01T09:00:00+09:00'), ...at('https://example.com/b') },
        { ...previous('entries/2024/later.md', '2024-03-20T09:00:00+09:00'), ...at('https://example.com/c') },
      ],
      reread: new Set(['entries/2024/renamed.md', 'entries/2024/second.md', 'entries/2024/still-later.md']),
    };
    expect(withdrawnUntilDate(entries, before, now, 'Asia/Tokyo')).toEqual([
      {
        file: 'entries/2024/renamed.md',
        field: 'date',
        message: 'was published from entries/2024/old.md, and is now held back until 2024-04-01T09:00:00+09:00: its page and its items in the feeds are removed until then',
        fix: 'if this is a correction, keep its date (2024-03-05T09:00:00+09:00) and set updated: to when it is made; if it must come down until then, leave it',
      },
    ]);
  });

  it('reads the url only of a published entry whose id no entry has now: after a site.yml change every entry is read again, and each url is a URL parse', () => {
    const read: string[] = [];
    // The url read through a getter, as articleKey reads it: which previous entries' urls the rule looked at.
    const counted = (one: PreviousEntry): PreviousEntry => {
      const { url, ...rest } = one;
      return Object.defineProperty({ ...rest }, 'url', { enumerable: true, get: () => (read.push(one.key), url) }) as PreviousEntry;
    };
    const entries = [entry('entries/2024/kept.md', '2024-03-01T09:00:00+09:00'), entry('entries/2024/renamed.md', '2024-04-01T09:00:00+09:00')];
    const before = {
      entries: [counted(previous('entries/2024/kept.md', '2024-03-01T09:00:00+09:00')), counted(previous('entries/2024/old.md', '2024-03-05T09:00:00+09:00'))],
      reread: new Set(entries.map((one) => one.key)),
    };
    const warned = withdrawnUntilDate(entries, before, now, 'Asia/Tokyo');
    // old.md's id is no entry's now: its url finds renamed.md (both https://example.com/), which is warned of.
    expect(warned.map((warning) => warning.file)).toEqual(['entries/2024/renamed.md']);
    expect(read).toEqual(['entries/2024/old.md']);

    // Held back under its own key: found by it, and no url is read at all.
    read.length = 0;
    const moved = [entry('entries/2024/kept.md', '2024-04-01T09:00:00+09:00')];
    expect(withdrawnUntilDate(moved, { ...before, reread: new Set(['entries/2024/kept.md']) }, now, 'Asia/Tokyo').map((warning) => warning.file)).toEqual(['entries/2024/kept.md']);
    expect(read).toEqual([]);
  });
});
