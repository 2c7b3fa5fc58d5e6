import type { Problem } from '../shared/errors.js';
import { DATE_OUTLIER_YEARS } from './limits.js';

const YEAR_MS = 365.2425 * 86_400_000;
const OUTLIER_MS = DATE_OUTLIER_YEARS * YEAR_MS;

/**
 * The span of the dates' main run: from the median date (the later middle one), outwards for as long as each next
 * date is within DATE_OUTLIER_YEARS of the one before. `dateAt(i)` is the i-th date in ascending order. A date
 * outside the span is separated from every date of the run by more than DATE_OUTLIER_YEARS with none between:
 * most likely a mistyped year. The span of a site that publishes steadily never shrinks as entries are added.
 */
export function mainDateRange(count: number, dateAt: (index: number) => number): { from: number; to: number } | undefined {
  if (count === 0) return undefined;
  let low = count >> 1;
  let high = low;
  while (low > 0 && dateAt(low) - dateAt(low - 1) <= OUTLIER_MS) low--;
  while (high < count - 1 && dateAt(high + 1) - dateAt(high) <= OUTLIER_MS) high++;
  return { from: dateAt(low), to: dateAt(high) };
}

/**
 * A warning for each entry outside the main run of dates (mainDateRange): dated more than DATE_OUTLIER_YEARS
 * before or after the site's other entries, with none between. A mistyped year (1914 for 2014) is still a valid
 * date, but would sit alone decades away from every other entry. The same for an `updated:` (not earlier than its
 * entry's date, which updatedBeforeDate names): one more than DATE_OUTLIER_YEARS outside the run, as a date outside
 * it is (2104 for 2014, with nothing between).
 */
export function dateOutliers(entries: readonly { key: string; date: number; updated?: number }[]): Problem[] {
  const sorted = Float64Array.from(entries, (entry) => entry.date).sort();
  const range = mainDateRange(sorted.length, (index) => sorted[index]!);
  if (range === undefined) return [];
  const warnings: Problem[] = [];
  const outside = (key: string, field: 'date' | 'updated', at: number) => {
    const before = at < range.from;
    const years = Math.round((before ? range.from - at : at - range.to) / YEAR_MS);
    warnings.push({
      file: key,
      field,
      message: `is about ${years} years ${before ? 'before' : 'after'} the other entries (a gap of more than ${DATE_OUTLIER_YEARS} years with no entry is flagged)`,
      fix: 'check the year; if the date is right, nothing needs to change',
    });
  };
  for (const entry of entries) {
    if (entry.date < range.from || entry.date > range.to) outside(entry.key, 'date', entry.date);
    const { updated } = entry;
    if (updated !== undefined && updated >= entry.date && (updated < range.from - OUTLIER_MS || updated > range.to + OUTLIER_MS)) outside(entry.key, 'updated', updated);
  }
  return warnings;
}
