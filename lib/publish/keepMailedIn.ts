import type { LoadedContent } from '../content/loadContent.js';
import { mailedWeekFinder } from '../plan/mailedWeekFinder.js';
import { mailedWeeksBefore } from '../plan/mailedWeeksBefore.js';

/**
 * Keeps in the entry index, with each entry read again (or file, while invalid), the mailed weeks it was in at the last publish (or before):
 * an email carried it there, so an edit that moves it out and a later one that moves it back add nothing late
 * (lib/plan/missedDigests.ts). The publish writes the index; nothing else is kept.
 */
export function keepMailedIn(loaded: Pick<LoadedContent, 'before' | 'index'>, mailedWeeks: readonly string[], zone: string): void {
  const { before, index } = loaded;
  if (before.entries.length === 0 && !before.mailedIn?.size) return;
  const mailedWeekOf = mailedWeekFinder(mailedWeeks, zone);
  const weeksBefore = mailedWeeksBefore(before, mailedWeeks, zone);
  for (const key of before.reread) {
    const record = index.records.get(key);
    if (!record) continue;
    // One invalid now keeps them all, by its file: fixed, it is the entry those emails carried.
    if (!record.entry) {
      const weeks = weeksBefore.weeksOf({ key });
      if (weeks.size > 0) record.mailedIn = [...weeks].sort();
      continue;
    }
    const weeks = weeksBefore.weeksOf(record.entry);
    // The week its date is in says itself (but not for a draft, which no digest shows).
    if (weeks.size > 0 && !record.entry.draft) weeks.delete(mailedWeekOf(record.entry.date) ?? '');
    if (weeks.size > 0) record.mailedIn = [...weeks].sort();
  }
}
