import type { EntryMeta } from '../content/entry.js';
import type { PreviousEntry } from '../content/entryIndex.js';
import type { EntryBefore } from '../content/loadContent.js';
import { isValidZone } from '../time/isValidZone.js';

/**
 * What the entry index held before a publish for the files its take-down and date warnings name (lib/plan/takenDown.ts,
 * lib/plan/reDatedWarnings.ts): each of those files, read again, and the entries it was by its file or its id, with
 * the mailed weeks and the zone kept with it. Kept in a publish's intent manifest (StoredManifest.warnedBefore):
 * killed after writing its entry index, the run leaves one that holds those files' new versions, which the next run
 * then reads as unchanged, finding nothing to warn of.
 */
export interface WarnedBefore {
  files: string[];
  entries: PreviousEntry[];
  mailedIn: [string, string[]][];
}

/** What `before` holds for `files` (the files warned of) and the entries now read from them; undefined for none. */
export function warnedBefore(before: EntryBefore, files: Iterable<string>, entries: readonly EntryMeta[]): WarnedBefore | undefined {
  const keys = new Set(files);
  if (keys.size === 0) return undefined;
  const ids = new Set(entries.filter((entry) => keys.has(entry.key)).map((entry) => entry.id));
  return {
    files: [...keys].sort(),
    entries: before.entries.filter((old) => keys.has(old.key) || ids.has(old.id)),
    mailedIn: [...(before.mailedIn ?? [])].filter(([key]) => keys.has(key)).map(([key, weeks]) => [key, [...weeks]]),
  };
}

/**
 * `before` (LoadedContent.before) with what a publish killed after writing its entry index kept (`kept`): its files
 * (those still listed in `keys`) read again, each with the entries and weeks the last finished publish had for it in
 * place of the killed run's. Only for the warnings: what the publish makes and the index it writes use `before` as loaded.
 */
export function withWarnedBefore(before: EntryBefore, kept: WarnedBefore | undefined, keys: readonly string[]): EntryBefore {
  if (kept === undefined) return before;
  const listed = new Set(keys);
  const files = new Set(kept.files.filter((key) => listed.has(key)));
  if (files.size === 0) return before;
  const mailedIn = new Map([...(before.mailedIn ?? [])].filter(([key]) => !files.has(key)));
  for (const [key, weeks] of kept.mailedIn) if (files.has(key)) mailedIn.set(key, weeks);
  return {
    ...before,
    // The kept ones first: a look-up by file or id takes the first.
    entries: [...kept.entries, ...before.entries.filter((old) => !files.has(old.key))],
    reread: new Set([...before.reread, ...files]),
    mailedIn,
  };
}

/**
 * How a manifest stores WarnedBefore: files, entries (file, id, url, date, draft, mailed weeks, and the zone its dates
 * were read in when the index named one, PreviousEntry.zone) and mailed weeks by file. The zone is the entry's, not one
 * for all: after a second killed run the kept entries can come from indexes of two site.yml.
 */
type StoredEntry = [string, string, string, number, boolean, string[]] | [string, string, string, number, boolean, string[], string];
export type StoredWarnedBefore = [string[], StoredEntry[], [string, string[]][]];

export function encodeWarnedBefore(kept: WarnedBefore): StoredWarnedBefore {
  const entry = (old: PreviousEntry): StoredEntry => {
    const fields: StoredEntry = [old.key, old.id, old.url, old.date, old.draft, [...(old.mailedIn ?? [])]];
    return old.zone === undefined ? fields : [...fields, old.zone];
  };
  return [kept.files, kept.entries.map(entry), kept.mailedIn];
}

/** The stored form of this code's, else undefined: the manifest is a file on the output, not this code's memory alone. */
export function decodeWarnedBefore(stored: unknown): WarnedBefore | undefined {
  if (!Array.isArray(stored) || stored.length !== 3) return undefined;
  const [files, entries, mailedIn] = stored as unknown[];
  const strings = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');
  if (!strings(files) || !Array.isArray(entries) || !Array.isArray(mailedIn)) return undefined;
  const kept: WarnedBefore = { files, entries: [], mailedIn: [] };
  for (const item of entries) {
    // Six fields when the index named no zone: its dates are placed in the current one.
    if (!Array.isArray(item) || (item.length !== 6 && item.length !== 7)) return undefined;
    const [key, id, url, date, draft, weeks, zone] = item as unknown[];
    if (typeof key !== 'string' || typeof id !== 'string' || typeof url !== 'string' || typeof date !== 'number' || !Number.isFinite(date) || typeof draft !== 'boolean' || !strings(weeks)) return undefined;
    if (zone !== undefined && typeof zone !== 'string') return undefined;
    // A zone Intl knows only, as the entry index takes one (lib/content/entryIndex.ts).
    const known = zone !== undefined && isValidZone(zone) ? { zone } : {};
    kept.entries.push({ key, id, url, date, draft, ...(weeks.length > 0 ? { mailedIn: weeks } : {}), ...known });
  }
  for (const item of mailedIn) {
    if (!Array.isArray(item) || item.length !== 2 || typeof item[0] !== 'string' || !strings(item[1])) return undefined;
    kept.mailedIn.push([item[0], item[1]]);
  }
  return kept;
}
