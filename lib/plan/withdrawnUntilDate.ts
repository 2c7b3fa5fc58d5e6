import { DateTime } from 'luxon';
import type { EntryMeta } from '../content/entry.js';
import type { EntryBefore } from '../content/loadContent.js';
import type { Problem } from '../shared/errors.js';
import { isPublished } from './sitePlan.js';

/**
 * A warning for each entry the last publish had public whose date an edit moved past `now`: it is held back like any
 * embargo (lib/plan/heldBack.ts), so its page goes and it leaves every feed (links already sent lead nowhere), and
 * when its date comes it returns under the same id, which readers do not show as new.
 */
export function withdrawnUntilDate(entries: readonly EntryMeta[], before: EntryBefore, now: DateTime, zone: string): Problem[] {
  const shown = (ms: number) => DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true });
  const problems: Problem[] = [];
  // Looked up, not searched: after a change of site.yml or of the code `before` holds every entry.
  const byKey = new Map<string, EntryBefore['entries'][number]>();
  const byId = new Map<string, EntryBefore['entries'][number]>();
  for (const previous of before.entries) {
    if (!byKey.has(previous.key)) byKey.set(previous.key, previous);
    if (!byId.has(previous.id)) byId.set(previous.id, previous);
  }
  for (const entry of entries) {
    if (entry.draft || isPublished(entry, now) || !before.reread.has(entry.key)) continue;
    const old = byKey.get(entry.key) ?? byId.get(entry.id);
    if (old === undefined || !isPublished(old, now)) continue;
    problems.push({
      file: entry.key,
      field: 'date',
      message: `was published, and is now held back until ${shown(entry.date)}: its page and its items in the feeds are removed until then, and when it returns readers do not show it as new`,
      fix: `if this is a correction, keep its date (${shown(old.date)}) and set updated: to when it is made; if it must come down until then, leave it`,
    });
  }
  return problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
