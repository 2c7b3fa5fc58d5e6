import { parseIsoWeek } from '../time/isoWeek.js';

/**
 * The mailed week (`YYYY-Www`, of `mailedWeeks`) an instant falls in, in `zone`, or undefined. The weeks are spans
 * of instants in order, so that each lookup is a search: after a change of site.yml or of the code every entry is
 * looked up.
 */
export function mailedWeekFinder(mailedWeeks: readonly string[], zone: string): (date: number) => string | undefined {
  const spans = mailedWeeks
    .map((name) => parseIsoWeek(name, zone))
    .filter((week) => week !== undefined)
    .map((week) => ({ name: week.name, start: week.start.toMillis(), end: week.end.toMillis() }))
    .sort((a, b) => a.start - b.start);
  return (date) => {
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
}
