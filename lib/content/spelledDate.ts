import { quote } from '../shared/quote.js';
import { checkEntryDate } from '../time/entryInstant.js';

// English month names as an article's byline or a blog export spells them: each by its first three letters, the
// rest of the name optional (`Jun`, `June`, `Sept`).
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
// `3 June 2014`, `3rd June, 2014`; and `June 3, 2014`, `Jun. 3 2014`.
const DAY_FIRST = /^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$/i;
const MONTH_FIRST = /^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/i;

function monthNumber(name: string): number | undefined {
  const lower = name.toLowerCase();
  const index = lower.length >= 3 ? MONTHS.findIndex((month) => month.startsWith(lower)) : -1;
  return index < 0 ? undefined : index + 1;
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
  const [day, name, year] = dayFirst ? [dayFirst[1]!, dayFirst[2]!, dayFirst[3]!] : monthFirst ? [monthFirst[2]!, monthFirst[1]!, monthFirst[3]!] : [];
  const month = name === undefined ? undefined : monthNumber(name);
  if (month === undefined) return undefined;
  const iso = `${year}-${String(month).padStart(2, '0')}-${day!.padStart(2, '0')}`;
  return checkEntryDate(iso).ok ? { message: `${quote(raw)} is not a date in the form YYYY-MM-DD`, fix: `write ${field}${separator}${iso}` } : undefined;
}
