import { quote } from '../shared/quote.js';
import { checkEntryDate } from '../time/entryInstant.js';

// English month names as an article's byline or a blog export spells them: each by its first three letters, the
// rest of the name optional (`Jun`, `June`, `Sept`).
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
// `3 June 2014`, `3rd June, 2014`; and `June 3, 2014`, `Jun. 3 2014`; either after a weekday, as a byline may begin
// (`Tuesday, 3 June 2014`, `Tue June 3, 2014`).
const WEEKDAY = String.raw`(?:([a-z]+)\.?,?\s+)?`;
const DAY_FIRST = new RegExp(String.raw`^${WEEKDAY}(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$`, 'i');
const MONTH_FIRST = new RegExp(String.raw`^${WEEKDAY}([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$`, 'i');

function monthNumber(name: string): number | undefined {
  const lower = name.toLowerCase();
  const index = lower.length >= 3 ? MONTHS.findIndex((month) => month.startsWith(lower)) : -1;
  return index < 0 ? undefined : index + 1;
}

/** Whether `name` (whole or its first three letters or more) is the weekday of that day of the proleptic Gregorian calendar. */
function weekdayOf(name: string, year: number, month: number, day: number): boolean {
  const lower = name.toLowerCase();
  // Years 1000 to 9999 (checkEntryDate), which Date.UTC reads as given.
  return lower.length >= 3 && WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()]!.startsWith(lower);
}

/**
 * The problem of a `field:` date spelled out in English (`3 June 2014`, `June 3, 2014`, as a byline shows it), with
 * the YYYY-MM-DD it reads as; undefined for other text, or a day the month does not have. `separator` follows the
 * field in the fix, as in slashedDate.
 */
export function spelledDate(field: string, raw: unknown, separator = ': '): { message: string; fix: string } | undefined {
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim();
  const dayFirst = DAY_FIRST.exec(text);
  const monthFirst = dayFirst ? null : MONTH_FIRST.exec(text);
  const [weekday, day, name, year] = dayFirst ? [dayFirst[1], dayFirst[2]!, dayFirst[3]!, dayFirst[4]!] : monthFirst ? [monthFirst[1], monthFirst[3]!, monthFirst[2]!, monthFirst[4]!] : [];
  const month = name === undefined ? undefined : monthNumber(name);
  if (month === undefined) return undefined;
  const iso = `${year}-${String(month).padStart(2, '0')}-${day!.padStart(2, '0')}`;
  if (!checkEntryDate(iso).ok) return undefined;
  // A weekday that date was not on leaves the date in doubt: no date is offered.
  if (weekday !== undefined && !weekdayOf(weekday, Number(year), month, Number(day))) return undefined;
  return { message: `${quote(raw)} is not a date in the form YYYY-MM-DD`, fix: `write ${field}${separator}${iso}` };
}
