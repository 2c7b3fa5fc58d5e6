import { quote } from '../shared/quote.js';
import { checkEntryDate } from '../time/entryInstant.js';

// A date written as a form or a spreadsheet shows it: two numbers of a day and a month, in either order, then the year.
const DAY_MONTH_YEAR = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/;
// The year first, the month and day without their leading zero or apart by slashes or dots (`2014-5-8`, `2014/05/08`):
// read in ISO 8601's order, the only one written so.
const YEAR_MONTH_DAY = /^(\d{4})([/.-])(\d{1,2})\2(\d{1,2})$/;

/**
 * The problem of a `field:` date written `05/12/2014`: the ISO 8601 dates it can be read as (month first, as in the
 * US, or day first), each only when it is a date, so that the editor picks the one meant; of one written year first
 * but not as YYYY-MM-DD (`2014-5-8`), the one it reads as. `separator` follows the field in the fix (`--date 2014-05-08`
 * for a flag). Undefined for other text.
 */
export function slashedDate(field: string, raw: unknown, separator = ': '): { message: string; fix: string } | undefined {
  const yearFirst = typeof raw === 'string' ? YEAR_MONTH_DAY.exec(raw.trim()) : null;
  if (yearFirst) {
    const [, year, , month, day] = yearFirst as unknown as [string, string, string, string, string];
    const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
    // Already in the form: whatever is wrong with it is not this.
    if (iso === String(raw).trim()) return undefined;
    return checkEntryDate(iso).ok ? { message: `${quote(raw)} is not a date in the form YYYY-MM-DD`, fix: `write ${field}${separator}${iso}` } : undefined;
  }
  const match = typeof raw === 'string' ? DAY_MONTH_YEAR.exec(raw.trim()) : null;
  if (!match) return undefined;
  const [, first, , second, year] = match as unknown as [string, string, string, string, string];
  const iso = (month: string, day: string) => `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const readings = [...new Set([iso(first, second), iso(second, first)])].filter((date) => checkEntryDate(date).ok);
  if (readings.length === 0) return undefined;
  if (readings.length === 1) return { message: `${quote(raw)} is not a date in the form YYYY-MM-DD`, fix: `write ${field}${separator}${readings[0]!}` };
  return {
    message: `${quote(raw)} is not a date in the form YYYY-MM-DD, and it can be read as ${readings[0]!} (month first) or ${readings[1]!} (day first)`,
    fix: `write the one you mean: ${field}${separator}${readings[0]!} or ${field}${separator}${readings[1]!}`,
  };
}
