import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { feedArtifacts } from '../../../lib/feeds/feedArtifacts.js';
import { publish } from '../../../lib/publish/publish.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { entry, entryText, memoryContent, SITE } from '../../support/content.js';

// SITE's zone is Asia/Seoul (+09:00); America/Los_Angeles is -08:00 in November.
const NOW = DateTime.fromISO('2014-11-20T00:00:00Z');
const LA = { ...SITE, timezone: 'America/Los_Angeles' };
const dateOnly = entryText(entry({ title: 'A', url: 'https://news.example.com/a', date: '2014-11-03' }));
const withOffset = entryText(entry({ title: 'B', url: 'https://news.example.com/b', date: '2014-11-04T10:00:00+09:00' }));
const updatedLocal = entryText(entry({ title: 'C', url: 'https://news.example.com/c', date: '2014-11-05T10:00:00Z', updated: '2014-11-06 12:00' }));

async function warningsAfter(first: Record<string, string>, second: Record<string, string>) {
  const output = new MemoryStore();
  await publish({ content: memoryContent({ entries: first }), output, now: NOW, builders: [feedArtifacts] });
  const result = await publish({ content: memoryContent({ site: LA, entries: second }), output, now: NOW, builders: [feedArtifacts] });
  return result.warnings.filter((warning) => warning.field === 'timezone');
}

describe('zoneMovedDates: a timezone change that moves published dates', () => {
  it('counts the entries whose date or updated has no offset, and gives the first one’s old instant with its offset', async () => {
    const entries = { '2014/a.md': dateOnly, '2014/b.md': withOffset, '2014/c.md': updatedLocal };
    expect(await warningsAfter(entries, entries)).toEqual([
      {
        file: 'site.yml',
        field: 'timezone',
        // 2014-11-03 00:00 at +09:00 is 2014-11-02T15:00Z; at -08:00 it is 2014-11-03T08:00Z: 17 h later.
        message: "moves the dates of 2 published entries written without an offset, which are read in the site's time zone: entries/2014/a.md date from 2014-11-03T00:00:00+09:00 to 2014-11-03T00:00:00-08:00 (17 h later), and 1 more; the feeds would give them new dates, which readers show as updates or in another order",
        fix: 'give each date and updated without an offset the one it had (date: 2014-11-03T00:00:00+09:00 in entries/2014/a.md) to keep them, or keep the old timezone',
      },
    ]);
  });

  it('names an updated moved when the date has its offset', async () => {
    const [warning] = await warningsAfter({ '2014/c.md': updatedLocal }, { '2014/c.md': updatedLocal });
    expect(warning?.message).toContain('entries/2014/c.md updated from 2014-11-06T12:00:00+09:00 to 2014-11-06T12:00:00-08:00 (17 h later);');
  });

  it('says nothing of a file edited in the same change: its dates are the edit’s', async () => {
    const edited = entryText(entry({ title: 'A, edited', url: 'https://news.example.com/a', date: '2014-11-03' }));
    expect(await warningsAfter({ '2014/a.md': dateOnly }, { '2014/a.md': edited })).toEqual([]);
  });
});
