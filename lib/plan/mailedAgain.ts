import { DateTime } from 'luxon';
import type { PreviousEntry } from '../content/entryIndex.js';
import type { Problem } from '../shared/errors.js';
import { isoWeekAt } from '../time/isoWeek.js';
import { mailedWeekFinder } from './mailedWeekFinder.js';
import { mailedWeeksBefore } from './mailedWeeksBefore.js';
import type { MissedDigestsInputs } from './missedDigests.js';
import { isPublished } from './sitePlan.js';

/**
 * A warning for each entry that was in a week whose digest was mailed and whose week changed since the last
 * publish (its date edited, even past `now`, or its instant placed in another `timezone`) into a later one not
 * mailed yet: a digest holds the entries dated in its week (README, "The weekly digest"), so that week's email
 * carries it again. The mailed weeks it was in are mailedWeeksBefore's; one still in the week it was in at the last
 * publish was warned about then. An earlier week is left: its digest was not sent when its turn came.
 */
export function mailedAgain(inputs: MissedDigestsInputs): Problem[] {
  const { entries, before, indexed, mailedWeeks, now, zone } = inputs;
  if (!indexed || mailedWeeks.length === 0) return [];
  const mailedWeekOf = mailedWeekFinder(mailedWeeks, zone);
  const weeksBefore = mailedWeeksBefore(before, mailedWeeks, zone);
  let previous: Map<string, PreviousEntry[]> | undefined;
  const problems: Problem[] = [];
  for (const entry of entries) {
    // One held back past `now` is carried by its week's digest once its date comes (withdrawnUntilDate tells the rest).
    if (!before.reread.has(entry.key) || entry.draft || mailedWeekOf(entry.date) !== undefined) continue;
    const carried = [...weeksBefore.weeksOf(entry)].sort();
    if (carried.length === 0) continue;
    const was = carried[carried.length - 1]!;
    const week = isoWeekAt(entry.date, zone);
    // Week names in ISO week-years order as text.
    if (week.name < was) continue;
    previous ??= byKeyAndId(before.entries);
    const olds = [...(previous.get(`k${entry.key}`) ?? []), ...(previous.get(`i${entry.id}`) ?? [])];
    if (olds.some((old) => !old.draft && isoWeekAt(old.date, old.zone ?? zone).name === week.name)) continue;
    const shown = DateTime.fromMillis(entry.date, { zone }).toISO({ suppressMilliseconds: true });
    problems.push({
      file: entry.key,
      field: 'date',
      message:
        `was in week ${was}, whose digest was already sent to subscribers, and is dated ${shown} now, in week ${week.name}, whose digest is not sent yet: ` +
        `that digest will carry it again${isPublished(entry, now) ? '' : ' once its date comes'}, so subscribers who had it in the ${was} email see it twice`,
      fix: `to keep it to the ${was} email, date it in ${was} again (its dates read in ${zone}); or leave it, if it is news to subscribers again or was added to ${was} after that digest went out`,
    });
  }
  return problems;
}

function byKeyAndId(entries: readonly PreviousEntry[]): Map<string, PreviousEntry[]> {
  const map = new Map<string, PreviousEntry[]>();
  for (const old of entries) {
    for (const name of [`k${old.key}`, `i${old.id}`]) {
      const known = map.get(name);
      if (known) known.push(old);
      else map.set(name, [old]);
    }
  }
  return map;
}
