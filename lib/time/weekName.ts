import { quote } from '../shared/quote.js';
import { weekPastLastDate } from './weekPastLastDate.js';
/**
 * What is wrong with a week name, `YYYY-Www` (ISO 8601 week date), or undefined when it names a week that exists
 * (W53 only in long ISO years) within the years 1000 to 9999 that dates may have. No luxon, so the trigger can
 * check `"week"` (a 400 before any invocation) without bundling the digest core; `--week` and the digest function
 * use the same check (cli/digestRun.ts).
 */
export function weekNameProblem(name: string): string | undefined {
  const match = /^(\d{4})-W(\d{2})$/.exec(name);
  if (!match) {
    const meant = weekMeant(name);
    return `${quote(name)} is not an ISO week (write YYYY-Www${meant === undefined ? ', e.g. 2014-W19' : `: ${meant}`})`;
  }
  const [year, week] = [Number(match[1]), Number(match[2])];
  // Entry dates start in 1000 (README "Limits"): an earlier week is empty and before any archive.
  if (year < 1000) return `${match[0]} is outside the years 1000 to 9999 that dates may have (see "Limits")`;
  const weeks = isoWeeksInYear(year);
  if (week < 1 || week > weeks) return `${year} has ${weeks} ISO weeks, so there is no ${match[1]}-W${match[2]}`;
  // And the last: a week that ends in 10000 (9999-W52) never ends at any --now, so no digest can cover it.
  return weekPastLastDate(match[0]);
}

// A week typed without its W, with a small w, or with one digit (`2014-23`, `2014w23`, `2014-W5`): the year, then
// the week's number.
const LOOSE_WEEK = /^(\d{4})[- ]?[Ww]?(\d{1,2})$/;

/** The `YYYY-Www` a loosely typed week means, when that week exists; undefined for any other text. */
function weekMeant(name: string): string | undefined {
  const loose = LOOSE_WEEK.exec(name);
  if (!loose) return undefined;
  const meant = `${loose[1]}-W${loose[2]!.padStart(2, '0')}`;
  // `20142` (a year and one digit, no mark between) is too loose to read as a week.
  if (!/[- Ww]/.test(name.slice(4))) return undefined;
  return weekNameProblem(meant) === undefined ? meant : undefined;
}

/**
 * 52 or 53. ISO 8601: a week-year has 53 weeks when it starts on a Thursday, or is a leap year starting on
 * a Wednesday; equivalently, when 31 December of the year is a Thursday or 31 December of the year before is
 * a Wednesday. `dec31Weekday` is the proleptic Gregorian weekday of 31 December (0 Sunday … 6 Saturday).
 */
export function isoWeeksInYear(year: number): number {
  const dec31Weekday = (y: number) => (y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400)) % 7;
  return dec31Weekday(year) === 4 || dec31Weekday(year - 1) === 3 ? 53 : 52;
}
