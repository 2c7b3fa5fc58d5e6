import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { findIdChanges } from '../../../lib/plan/idChanges.js';
import { likelyRenames } from '../../../lib/plan/likelyRenames.js';
import type { EntryMeta } from '../../../lib/content/entry.js';
import { entryPages } from '../../support/entryPages.js';

describe('likelyRenames: a published entry gone, and one of the same date and source new, its url changed too', () => {
  const now = DateTime.fromISO('2024-01-15T00:00:00Z');
  const date = Date.parse('2024-01-05T00:00:00Z');
  const entry = (key: string, id: string, url: string, source = 'Example News', at = date): EntryMeta => ({ key, id, url, title: 'T', source: { name: source }, date: at, tags: [], related: [], draft: false });
  const old = entry('entries/2024/dleta-story.md', '2024/dleta-story', 'https://news.example.com/dleta');
  const fixed = entry('entries/2024/delta-story.md', '2024/delta-story', 'https://news.example.com/delta');
  const before = { entries: [old], reread: new Set([fixed.key]) };
  const pages = entryPages(old.id);

  it('warns, naming the old file and the id: line that keeps the published id', () => {
    expect(likelyRenames({ entries: [fixed], before, now, pages }, [])).toEqual([
      {
        file: 'entries/2024/delta-story.md',
        field: 'id',
        message: 'may be entries/2024/dleta-story.md renamed with its url changed (the same date and source, "Example News"): under the id "2024/delta-story" every reader would show it again as a new item',
        fix: 'if it is, add `id: 2024/dleta-story` to its front matter',
      },
    ]);
  });

  it('matches the source as typed in another case or with spaces around it', () => {
    expect(likelyRenames({ entries: [{ ...fixed, source: { name: ' example news' } }], before, now, pages }, [])).toHaveLength(1);
  });

  it('says nothing of another date, another source, an entry not new in this run, or one still embargoed', () => {
    expect(likelyRenames({ entries: [{ ...fixed, date: date + 1 }], before, now, pages }, [])).toEqual([]);
    expect(likelyRenames({ entries: [{ ...fixed, source: { name: '38 North' } }], before, now, pages }, [])).toEqual([]);
    // Not new: its file unchanged, and the last publish had its page.
    expect(likelyRenames({ entries: [fixed], before: { ...before, reread: new Set<string>() }, now, pages: { ...pages, ...entryPages(fixed.id) } }, [])).toEqual([]);
    expect(likelyRenames({ entries: [fixed], before, now: DateTime.fromMillis(date - 1), pages }, [])).toEqual([]);
  });

  it('says nothing of an entry whose old one is still there, or of a rename the url already matched (refused as an id change)', () => {
    expect(likelyRenames({ entries: [old, fixed], before: { entries: [old], reread: new Set([fixed.key, old.key]) }, now, pages }, [])).toEqual([]);
    const sameUrl = { ...fixed, url: old.url };
    const changes = findIdChanges({ entries: [sameUrl], before, now, pages });
    expect(changes).toHaveLength(1);
    expect(likelyRenames({ entries: [sameUrl], before, now, pages }, changes)).toEqual([]);
  });

  it('pairs each gone entry with one new entry at most', () => {
    const another = entry('entries/2024/other.md', '2024/other', 'https://news.example.com/other');
    expect(likelyRenames({ entries: [fixed, another], before: { entries: [old], reread: new Set([fixed.key, another.key]) }, now, pages }, [])).toHaveLength(1);
  });
});
