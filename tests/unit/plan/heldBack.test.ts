import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { heldBack } from '../../../lib/plan/heldBack.js';
import type { EntryMeta } from '../../../lib/content/entry.js';

describe('heldBack: the entries a publish at now leaves out until their date', () => {
  const now = DateTime.fromISO('2024-03-11T12:00:00+09:00');
  const entry = (key: string, date: string, draft = false): EntryMeta => ({ key, id: key, url: 'https://example.com/', title: 'T', source: { name: 'S' }, date: Date.parse(date), tags: [], related: [], draft });

  it('names each, soonest first, with its date in the site zone; never a draft or an entry dated at or before now', () => {
    const entries = [
      entry('entries/2024/typo.md', '2025-03-10T15:00:00Z'),
      entry('entries/2024/tomorrow.md', '2024-03-12T00:00:00+09:00'),
      entry('entries/2024/draft.md', '2024-03-12T00:00:00+09:00', true),
      entry('entries/2024/now.md', '2024-03-11T12:00:00+09:00'),
      entry('entries/2024/past.md', '2024-03-01T00:00:00+09:00'),
    ];
    expect(heldBack(entries, now, 'Asia/Tokyo')).toEqual([
      { file: 'entries/2024/tomorrow.md', until: '2024-03-12T00:00:00+09:00' },
      { file: 'entries/2024/typo.md', until: '2025-03-11T00:00:00+09:00' },
    ]);
  });

  it('orders entries of the same date by file', () => {
    const at = '2024-04-01T00:00:00Z';
    expect(heldBack([entry('entries/b.md', at), entry('entries/a.md', at)], now, 'UTC').map((held) => held.file)).toEqual(['entries/a.md', 'entries/b.md']);
  });
});
