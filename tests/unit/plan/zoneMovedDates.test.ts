import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dump } from 'js-yaml';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { feedArtifacts } from '../../../lib/feeds/feedArtifacts.js';
import { publish } from '../../../lib/publish/publish.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';
import { LocalStore } from '../../../lib/store/localStore.js';
import { contentFolder, entry, entryText, memoryContent, SITE } from '../../support/content.js';
import { DiesAfterWriting } from '../../support/faultyStore.js';
import { INDEX_KEY } from '../../../lib/content/entryIndex.js';
import type { Problem } from '../../../lib/shared/errors.js';

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

const ALL = { '2014/a.md': dateOnly, '2014/b.md': withOffset, '2014/c.md': updatedLocal };
const ALL_MOVED: Problem[] = [
  {
    file: 'site.yml',
    field: 'timezone',
    // 2014-11-03 00:00 at +09:00 is 2014-11-02T15:00Z; at -08:00 it is 2014-11-03T08:00Z: 17 h later.
    message: "moves the dates of 2 published entries written without an offset, which are read in the site's time zone: entries/2014/a.md date from 2014-11-03T00:00:00+09:00 to 2014-11-03T00:00:00-08:00 (17 h later), and 1 more; the feeds would give them new dates, which readers show as updates or in another order",
    fix: 'give each date and updated without an offset the one it had (date: 2014-11-03T00:00:00+09:00 in entries/2014/a.md) to keep them, or keep the old timezone',
  },
];

describe('zoneMovedDates: a timezone change that moves published dates', () => {
  it('counts the entries whose date or updated has no offset, and gives the first one’s old instant with its offset', async () => {
    expect(await warningsAfter(ALL, ALL)).toEqual(ALL_MOVED);
  });

  it('is the same for a copy of the content folder (a fresh clone, a restored backup), whose files are all read anew', async () => {
    const folder = await contentFolder({ entries: ALL });
    const copy = await mkdtemp(join(tmpdir(), 'broadsheet-zone-copy-'));
    try {
      const output = new MemoryStore();
      await publish({ content: new LocalStore(folder), output, now: NOW, builders: [feedArtifacts] });
      await cp(folder, copy, { recursive: true });
      await writeFile(join(copy, 'site.yml'), dump(LA));
      const first = await publish({ content: new LocalStore(copy), output, now: NOW, builders: [feedArtifacts], dryRun: true });
      expect(first.warnings.filter((warning) => warning.field === 'timezone')).toEqual(ALL_MOVED);
    } finally {
      await Promise.all([rm(folder, { recursive: true, force: true }), rm(copy, { recursive: true, force: true })]);
    }
  });

  it('names a file edited in the same change that kept its date: the zone alone moves it', async () => {
    const edited = entryText(entry({ title: 'A, edited', url: 'https://news.example.com/a', date: '2014-11-03' }));
    expect((await warningsAfter({ '2014/a.md': dateOnly }, { '2014/a.md': edited }))[0]?.message).toMatch(/^moves the dates of 1 published entry written without an offset, which are read in the site's time zone: entries\/2014\/a\.md date from 2014-11-03T00:00:00\+09:00 to 2014-11-03T00:00:00-08:00 \(17 h later\);/);
  });

  it('names an updated moved when the date has its offset', async () => {
    const [warning] = await warningsAfter({ '2014/c.md': updatedLocal }, { '2014/c.md': updatedLocal });
    expect(warning?.message).toContain('entries/2014/c.md updated from 2014-11-06T12:00:00+09:00 to 2014-11-06T12:00:00-08:00 (17 h later);');
  });

  it('says nothing of a file re-dated in the same change: its dates are the edit’s', async () => {
    const edited = entryText(entry({ title: 'A', url: 'https://news.example.com/a', date: '2014-11-04', updated: '2014-11-06 12:00' }));
    const updatedEdited = entryText(entry({ title: 'C', url: 'https://news.example.com/c', date: '2014-11-05T10:00:00Z', updated: '2014-11-07 12:00' }));
    expect(await warningsAfter({ '2014/a.md': dateOnly, '2014/c.md': updatedLocal }, { '2014/a.md': edited, '2014/c.md': updatedEdited })).toEqual([]);
  });
});

describe('zoneMovedDates after a publish killed right after writing its entry index (made for the new site.yml)', () => {
  const entries = { '2014/a.md': dateOnly, '2014/c.md': updatedLocal };
  const timezoneWarnings = (result: { warnings: Problem[] }) => result.warnings.filter((warning) => warning.field === 'timezone');

  async function killedAfterIndex(): Promise<MemoryStore> {
    const output = new MemoryStore();
    await publish({ content: memoryContent({ entries }), output, now: NOW, builders: [feedArtifacts] });
    await expect(publish({ content: memoryContent({ site: LA, entries }), output: new DiesAfterWriting(output, INDEX_KEY), now: NOW, builders: [feedArtifacts] })).rejects.toThrow(/injected failure: the run died before writing _broadsheet\/manifest\.json/);
    return output;
  }

  it('is given by the next publish as a publish not killed gives it, and by none after that one finished', async () => {
    const output = await killedAfterIndex();
    const next = await publish({ content: memoryContent({ site: LA, entries }), output, now: NOW, builders: [feedArtifacts] });
    expect(timezoneWarnings(next)).toEqual(await warningsAfter(entries, entries));
    expect(timezoneWarnings(next)[0]).toMatchObject({ message: expect.stringContaining('moves the dates of 2 published entries') });
    const after = await publish({ content: memoryContent({ site: LA, entries }), output, now: NOW.plus({ hours: 1 }), builders: [feedArtifacts] });
    expect(timezoneWarnings(after)).toEqual([]);
  });

  it('leaves out a file edited since: its dates are the edit’s', async () => {
    const output = await killedAfterIndex();
    const edited = { ...entries, '2014/a.md': entryText(entry({ title: 'A', url: 'https://news.example.com/a', date: '2014-11-03T00:00:00+09:00' })) };
    const next = await publish({ content: memoryContent({ site: LA, entries: edited }), output, now: NOW, builders: [feedArtifacts] });
    expect(timezoneWarnings(next).map((warning) => warning.message)).toEqual([expect.stringMatching(/^moves the dates of 1 published entry written without an offset, which are read in the site's time zone: entries\/2014\/c\.md updated from /)]);
  });
});
