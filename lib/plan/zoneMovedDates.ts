import { DateTime, FixedOffsetZone } from 'luxon';
import type { LoadedContent } from '../content/loadContent.js';
import type { PreviousEntry } from '../content/entryIndex.js';
import type { Problem } from '../shared/errors.js';
import { isPublished } from './sitePlan.js';
import { instantAtWallClock, wallClockAt } from '../time/zoneClock.js';

/** A published entry's dates as the last finished publish gave them, the file's version they were read from, and the zone they were read in when known. */
export type PublishedDates = Pick<PreviousEntry, 'key' | 'date' | 'updated' | 'zone'> & { version: string };

/** A published date or updated a site.yml change moves: from the instant published to the one read now. */
export interface ZoneMove {
  key: string;
  field: 'date' | 'updated';
  from: number;
  to: number;
  /** The entry's dates as published, for a killed publish's intent to keep (StoredManifest.zoneMoved). */
  published: PublishedDates;
}

/**
 * A site.yml change (its `timezone`) that moves the published dates of entries whose files did not change: a date or
 * updated without an offset is read in the site's zone, so the feeds would give each a new instant, which readers
 * show as an update or in another order. Found in an index made for another site.yml (EntryIndex.previous), whose
 * entries keep the file's version they were read from and the zone they were read in, and in `killed`: the dates a
 * publish killed after writing its index moved (the index it left is made for this site.yml), as its intent manifest
 * keeps them. A file of the same version moved every date that differs. A file of another version (edited, or a copy:
 * a fresh clone, a restored backup) moved a date whose wall clock in this zone, read in the published zone, is the
 * published instant: the text kept its date, and only the zone moved it.
 */
export function zoneMoves(loaded: Pick<LoadedContent, 'entries' | 'before' | 'index' | 'site'>, now: DateTime, killed: readonly PublishedDates[] = []): ZoneMove[] {
  const before = new Map<string, PublishedDates>();
  for (const old of loaded.before.entries) if (old.version !== undefined && isPublished(old, now)) before.set(old.key, { key: old.key, date: old.date, ...(old.updated !== undefined ? { updated: old.updated } : {}), version: old.version, ...(old.zone !== undefined ? { zone: old.zone } : {}) });
  for (const old of killed) if (!before.has(old.key) && isPublished({ draft: false, date: old.date }, now)) before.set(old.key, old);
  if (before.size === 0) return [];
  const zone = loaded.site.timezone;
  return loaded.entries.flatMap((entry): ZoneMove[] => {
    const old = before.get(entry.key);
    if (!old) return [];
    const sameFile = old.version === loaded.index.records.get(entry.key)?.version;
    const moved = (from: number, to: number) => from !== to && (sameFile || (old.zone !== undefined && readInZone(to, zone, old.zone) === from));
    if (moved(old.date, entry.date)) return [{ key: entry.key, field: 'date', from: old.date, to: entry.date, published: old }];
    if (old.updated !== undefined && entry.updated !== undefined && moved(old.updated, entry.updated)) return [{ key: entry.key, field: 'updated', from: old.updated, to: entry.updated, published: old }];
    return [];
  });
}

/** The instant the wall clock `zone` shows at `millis` is in `other`, read as an entry's date without an offset is (parseEntryInstant). */
function readInZone(millis: number, zone: string, other: string): number {
  return instantAtWallClock(other, wallClockAt(zone, millis));
}

/** The warning of `moved` (zoneMoves), counting them, with the date that keeps the first one. */
export function zoneMovedWarning(moved: readonly ZoneMove[], zone: string): Problem | undefined {
  const first = moved[0];
  if (!first) return undefined;
  const shown = (ms: number, at: FixedOffsetZone | string) => DateTime.fromMillis(ms, { zone: at }).toISO({ suppressMilliseconds: true })!;
  // The file's wall clock is the same in both zones: the old offset is that wall clock less the old instant.
  const wall = DateTime.fromMillis(first.to, { zone }).setZone('UTC', { keepLocalTime: true }).toMillis();
  const kept = shown(first.from, FixedOffsetZone.instance(Math.round((wall - first.from) / 60_000)));
  const hours = Math.round((Math.abs(first.to - first.from) / 3_600_000) * 100) / 100;
  const more = moved.length > 1 ? `, and ${moved.length - 1} more` : '';
  return {
    file: 'site.yml',
    field: 'timezone',
    message: `moves the dates of ${moved.length === 1 ? '1 published entry' : `${moved.length} published entries`} written without an offset, which are read in the site's time zone: ${first.key} ${first.field} from ${kept} to ${shown(first.to, zone)} (${hours} h ${first.to > first.from ? 'later' : 'earlier'})${more}; the feeds would give them new dates, which readers show as updates or in another order`,
    fix: `give each date and updated without an offset the one it had (${first.field}: ${kept} in ${first.key}) to keep them, or keep the old timezone`,
  };
}

/** zoneMoves' warning. */
export function zoneMovedDates(loaded: Pick<LoadedContent, 'entries' | 'before' | 'index' | 'site'>, now: DateTime, killed: readonly PublishedDates[] = []): Problem | undefined {
  return zoneMovedWarning(zoneMoves(loaded, now, killed), loaded.site.timezone);
}
