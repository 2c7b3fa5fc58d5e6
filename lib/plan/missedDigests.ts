import { DateTime } from 'luxon';
import type { EntryMeta } from '../content/entry.js';
import type { EntryBefore } from '../content/loadContent.js';
import type { Problem } from '../shared/errors.js';
import { isoWeekAt, nextIsoWeek } from '../time/isoWeek.js';
import { mailedWeekFinder } from './mailedWeekFinder.js';
import { mailedWeeksBefore } from './mailedWeeksBefore.js';
import { isPublished } from './sitePlan.js';

export interface MissedDigestsInputs {
  entries: readonly EntryMeta[];
  /** What the entry index held for the files new or changed since the last publish (LoadedContent.before). */
  before: EntryBefore;
  /** False when the output's index knew no entry (a first publish there): every file is new, none added late. */
  indexed: boolean;
  /** The weeks whose digest was mailed to subscribers (lib/digest/mailedWeeks.ts). */
  mailedWeeks: readonly string[];
  now: DateTime;
  zone: string;
}

/**
 * A warning for each entry added (or dated, or taken out of draft) since the last publish into a week whose digest
 * was already mailed: a digest holds the entries dated in its week (README, "The weekly digest"), so no email ever
 * carries it, while its week's archive page shows it. An entry the index had, not a draft, in a mailed week (this one
 * or another) was in that week's digest already (or added late and warned about then), as was one the index had there
 * before an edit moved it out (PreviousEntry.mailedIn): moved into another mailed week, no subscriber misses it, and
 * that week's email, sent, does not carry it again.
 */
export function missedDigests(inputs: MissedDigestsInputs): Problem[] {
  const { entries, before, indexed, mailedWeeks, now, zone } = inputs;
  if (!indexed || mailedWeeks.length === 0) return [];
  const mailedWeekOf = mailedWeekFinder(mailedWeeks, zone);
  const weeksBefore = mailedWeeksBefore(before, mailedWeeks, zone);
  const shown = (ms: number) => DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true });
  const mailed = new Set(mailedWeeks);
  const fix = datingFix(mailed, now, zone, shown);
  const problems: Problem[] = [];
  for (const entry of entries) {
    if (!before.reread.has(entry.key) || !isPublished(entry, now)) continue;
    const week = mailedWeekOf(entry.date);
    // In a mailed week before (this one or another): that email carried it, or it was added late and warned about then.
    if (week === undefined || [...weeksBefore.weeksOf(entry)].some((was) => mailed.has(was))) continue;
    problems.push({
      file: entry.key,
      field: 'date',
      message: `is dated ${shown(entry.date)}, in week ${week}, whose digest was already sent to subscribers: no email will carry it (that week's archive page shows it)`,
      fix,
    });
  }
  return problems;
}

/**
 * Where to date such an entry so that a digest carries it: the current week, or, when that was mailed already (a
 * digest run with a later `--now`, a clock behind it), the first week after it not mailed, which holds the entry back
 * until it begins.
 */
function datingFix(mailed: ReadonlySet<string>, now: DateTime, zone: string, shown: (ms: number) => string | null): string {
  const current = isoWeekAt(now.toMillis(), zone);
  let week = current;
  while (mailed.has(week.name)) week = nextIsoWeek(week);
  if (week === current) return `if it is news to subscribers, date it in the current week (${current.name}) so that the next digest carries it; otherwise leave it`;
  return (
    `if it is news to subscribers, date it in ${week.name}, from ${shown(week.start.toMillis())}, the first week whose digest was not sent yet ` +
    `(the current week, ${current.name}, was sent already, by a digest run as of a later moment), so that its digest carries it; it is held back until that date; otherwise leave it`
  );
}
