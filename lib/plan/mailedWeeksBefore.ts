import type { EntryMeta } from '../content/entry.js';
import type { EntryBefore } from '../content/loadContent.js';
import { mailedWeekFinder } from './mailedWeekFinder.js';

type Named = Pick<EntryMeta, 'key'> & Partial<Pick<EntryMeta, 'id'>>;

export interface MailedWeeksBefore {
  /** Every mailed week it was in before, by its file or by its id (an invalid file's, none: by its file). */
  weeksOf(entry: Named): Set<string>;
}

/**
 * The mailed weeks each entry read again was in at the last publish, by its file or by its id: its date's (not a
 * draft), and those it was in before an edit moved it out (PreviousEntry.mailedIn). An email carried it in each
 * (or it was added late and warned about then), as in those kept with a file invalid then (EntryBefore.mailedIn).
 * A date is placed in the zone the last publish read it in (PreviousEntry.zone, after a change of `timezone`): the
 * week it fell in then is the one its email was picked by. Looked up, not searched: after a change of site.yml or
 * of the code `before` holds every entry.
 */
export function mailedWeeksBefore(before: EntryBefore, mailedWeeks: readonly string[], zone: string): MailedWeeksBefore {
  const finders = new Map<string, (date: number) => string | undefined>();
  const mailedWeekOf = (date: number, at: string) => {
    let finder = finders.get(at);
    if (!finder) finders.set(at, (finder = mailedWeekFinder(mailedWeeks, at)));
    return finder(date);
  };
  const byKey = new Map<string, string[]>();
  const byId = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, name: string, weeks: readonly string[]) => {
    const known = map.get(name);
    if (known) known.push(...weeks);
    else map.set(name, [...weeks]);
  };
  for (const old of before.entries) {
    const week = old.draft ? undefined : mailedWeekOf(old.date, old.zone ?? zone);
    const found = week === undefined ? (old.mailedIn ?? []) : old.mailedIn ? [week, ...old.mailedIn] : [week];
    if (found.length === 0) continue;
    add(byKey, old.key, found);
    add(byId, old.id, found);
  }
  for (const [key, weeks] of before.mailedIn ?? []) add(byKey, key, weeks);
  const ofId = (id: string | undefined) => (id === undefined ? undefined : byId.get(id));
  return {
    weeksOf: (entry) => new Set([...(byKey.get(entry.key) ?? []), ...(ofId(entry.id) ?? [])]),
  };
}
