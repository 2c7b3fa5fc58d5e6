import { DateTime } from 'luxon';
import type { EntryMeta } from '../content/entry.js';
import type { EntryBefore } from '../content/loadContent.js';
import type { Problem } from '../shared/errors.js';
import { isoWeekAt, parseIsoWeek } from '../time/isoWeek.js';
import { isPublished } from './sitePlan.js';

export interface MissedDigestsInputs {
  entries: readonly EntryMeta[];
  /** What the entry index held for the files new or changed since the last publish (LoadedContent.before). */
  before: EntryBefore;
  /** False when the output's index knew no entry (a first publish there): every file is new, none added late. */
  indexed: boolean;
  /** The weeks whose digest was mailed to subscribers (mailedWeeks in lib/delivery/sendLedger.ts). */
  mailedWeeks: readonly string[];
  now: DateTime;
  zone: string;
}

/**
 * A warning for each entry added (or dated, or taken out of draft) since the last publish into a week whose digest
 * was already mailed: a digest holds the entries dated in its week (README, "The weekly digest"), so no email ever
 * carries it, while its week's archive page shows it. An entry the index had, not a draft, in that same week was in
 * the digest already (or added late and warned about then).
 */
export function missedDigests(inputs: MissedDigestsInputs): Problem[] {
  const { entries, before, indexed, mailedWeeks, now, zone } = inputs;
  if (!indexed || mailedWeeks.length === 0) return [];
  // The mailed weeks as spans of instants, in order, so that an entry's is found by search: after a change of
  // site.yml or of the code every entry is read again and `before` holds them all.
  const spans = mailedWeeks
    .map((name) => parseIsoWeek(name, zone))
    .filter((week) => week !== undefined)
    .map((week) => ({ name: week.name, start: week.start.toMillis(), end: week.end.toMillis() }))
    .sort((a, b) => a.start - b.start);
  const mailedWeekOf = (date: number): string | undefined => {
    let [low, high] = [0, spans.length - 1];
    while (low <= high) {
      const middle = (low + high) >> 1;
      const span = spans[middle]!;
      if (date < span.start) high = middle - 1;
      else if (date >= span.end) low = middle + 1;
      else return span.name;
    }
    return undefined;
  };
  // The mailed weeks each file and each id was in before, not a draft.
  const weeksBefore = new Map<string, Set<string>>();
  for (const old of before.entries) {
    const week = old.draft ? undefined : mailedWeekOf(old.date);
    if (week === undefined) continue;
    for (const name of [`key:${old.key}`, `id:${old.id}`]) (weeksBefore.get(name) ?? weeksBefore.set(name, new Set()).get(name)!).add(week);
  }
  const shown = (ms: number) => DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true });
  const problems: Problem[] = [];
  for (const entry of entries) {
    if (!before.reread.has(entry.key) || !isPublished(entry, now)) continue;
    const week = mailedWeekOf(entry.date);
    if (week === undefined || weeksBefore.get(`key:${entry.key}`)?.has(week) || weeksBefore.get(`id:${entry.id}`)?.has(week)) continue;
    problems.push({
      file: entry.key,
      field: 'date',
      message: `is dated ${shown(entry.date)}, in week ${week}, whose digest was already sent to subscribers: no email will carry it (that week's archive page shows it)`,
      fix: `if it is news to subscribers, date it in the current week (${isoWeekAt(now.toMillis(), zone).name}) so that the next digest carries it; otherwise leave it`,
    });
  }
  return problems;
}
