import type { IsoWeek } from './isoWeek.js';

/**
 * The week's dates as a localised range, Monday to Sunday: "5–11 May 2014" (en-GB), "May 5–11, 2014" (en),
 * "28 April – 4 May 2014" across months, "28 December 2015 – 3 January 2016" across years.
 */
export function weekRangeText(week: IsoWeek, language: string): string {
  const start = week.start.toMillis();
  const end = week.end.toMillis();
  // Any instant of the Sunday formats as the Sunday. 6.5 days after the start (Monday 00:00, or 01:00 where
  // midnight was skipped) is about noon on Sunday, give or take the week's transitions, unless a transition
  // skipped or repeated a whole day; the week is then far from 168 hours long, and luxon's calendar arithmetic
  // finds the Sunday instead.
  const lastDay = Math.abs(end - start - WEEK) <= 8 * HOUR ? start + 156 * HOUR : week.end.minus({ days: 1 }).toMillis();
  const zone = week.start.zoneName ?? 'UTC';
  const parts = rangeFormat(language, zone).formatRangeToParts(start, lastDay);
  if (numericFallback(parts, rangeFormat(language, zone).format(start))) return joinedRange(parts, start, lastDay, language, zone);
  const text = parts.map((part) => part.value).join('');
  // ICU puts thin spaces around the dash; a range of bare day numbers reads closed up ("5–11 May 2014",
  // "May 5–11, 2014"), one across months or years keeps plain spaces ("28 April – 4 May 2014",
  // "28 December 2015 – 3 January 2016": closed up, that would read as the years 2015–3). The start's own
  // parts say which: a month or year of its own means the two ends are not in one month.
  const oneMonth = !parts.some((part) => part.source === 'startRange' && (part.type === 'month' || part.type === 'year'));
  return (oneMonth ? text.replace(/(\d)\s*–\s*(\d)/g, '$1–$2') : text).replace(/[\u2009\u202f]/g, ' ');
}

/**
 * Whether ICU fell back to numeric dates for the range: for `ja` and `zh` its data has no interval pattern for long
 * dates, so "2024年5月6日" as a range reads "2024/05/06～2024/05/12", unlike every other date the site shows. Told
 * by a `/` in the range that the single long date does not have.
 */
function numericFallback(parts: readonly Intl.DateTimeRangeFormatPart[], single: string): boolean {
  return !single.includes('/') && parts.some((part) => part.type === 'literal' && part.source !== 'shared' && part.value.includes('/'));
}

/**
 * The range as ICU writes one where it has the pattern: the first day's long date, ICU's own separator (`～`, `至`),
 * then the last day's, leaving out the year and month the two share (`2024年5月6日～12日`, `2024年5月27日～6月2日`).
 */
function joinedRange(parts: readonly Intl.DateTimeRangeFormatPart[], start: number, end: number, language: string, timeZone: string): string {
  const separator = parts.find((part) => part.source === 'shared' && part.type === 'literal')?.value ?? '–';
  const full = rangeFormat(language, timeZone);
  const [a, b] = [full.formatToParts(start), full.formatToParts(end)];
  const value = (date: Intl.DateTimeFormatPart[], type: string) => date.find((part) => part.type === type)?.value;
  const sameYear = value(a, 'year') === value(b, 'year');
  const sameMonth = sameYear && value(a, 'month') === value(b, 'month');
  const last = sameMonth ? new Intl.DateTimeFormat(language, { day: 'numeric', timeZone }) : sameYear ? new Intl.DateTimeFormat(language, { month: 'long', day: 'numeric', timeZone }) : full;
  return `${full.format(start)}${separator}${last.format(end)}`.replace(/[\u2009\u202f]/g, ' ');
}

const HOUR = 3_600_000;
const WEEK = 168 * HOUR;

// One Intl.DateTimeFormat per language and zone: making one costs far more than formatting with it, and the
// archive formats every week in the same ones.
const rangeFormats = new Map<string, Intl.DateTimeFormat>();
function rangeFormat(language: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${language}\n${timeZone}`;
  let format = rangeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'long', year: 'numeric', timeZone });
    rangeFormats.set(key, format);
  }
  return format;
}
