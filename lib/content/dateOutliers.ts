import type { Problem } from '../shared/errors.js';
import { DATE_OUTLIER_YEARS } from './limits.js';

const YEAR_MS = 365.2425 * 86_400_000;
const OUTLIER_MS = DATE_OUTLIER_YEARS * YEAR_MS;

/**
 * A valid entry date's instant to within a day, with no time zone: its `YYYY-MM-DD` at 00:00 UTC. Enough to tell
 * a date years away from the others, which is all `check` (which places no date in the site's zone) needs it for.
 */
export function approximateInstant(text: string): number {
  const trimmed = text.trim();
  const day = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0-99 as 1900-1999.
  day.setUTCFullYear(Number(trimmed.slice(0, 4)), Number(trimmed.slice(5, 7)) - 1, Number(trimmed.slice(8, 10)));
  return day.getTime();
}

/** The middle of the dates (the later of the two middle ones for an even count), or undefined for none. */
export function medianDate(dates: ArrayLike<number>): number | undefined {
  if (dates.length === 0) return undefined;
  const sorted = Float64Array.from(dates).sort();
  return sorted[sorted.length >> 1];
}

/** Whether `date` is more than DATE_OUTLIER_YEARS from `median`: most likely a mistyped year. */
export function isDateOutlier(date: number, median: number): boolean {
  return Math.abs(date - median) > OUTLIER_MS;
}

/**
 * A warning for each entry dated more than DATE_OUTLIER_YEARS before or after the median entry's date: a
 * mistyped year (1914 for 2014) is still a valid date, but would sit alone decades away from every other entry.
 */
export function dateOutliers(entries: readonly { key: string; date: number }[]): Problem[] {
  const median = medianDate(entries.map((entry) => entry.date));
  if (median === undefined) return [];
  const warnings: Problem[] = [];
  for (const entry of entries) {
    if (!isDateOutlier(entry.date, median)) continue;
    const years = Math.round(Math.abs(entry.date - median) / YEAR_MS);
    warnings.push({
      file: entry.key,
      field: 'date',
      message: `is about ${years} years ${entry.date < median ? 'before' : 'after'} the median date of the entries (more than ${DATE_OUTLIER_YEARS} years apart is flagged)`,
      fix: 'check the year; if the date is right, nothing needs to change',
    });
  }
  return warnings;
}
