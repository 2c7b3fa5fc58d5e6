const DAY = 86_400_000;
// README "Limits": dates and --now are in the years 1000 to 9999. The refusal says "dates" alone: the trigger's
// callers see it too, and `--now` is a CLI word.
const LAST_YEAR = 9999;

/** The Sunday of ISO week `week` of week-year `year`, as UTC midnight (ISO 8601: week 1 holds 4 January). */
function sundayOf(year: number, week: number): number {
  const january4 = new Date(0);
  january4.setUTCFullYear(year, 0, 4);
  const monday = january4.getTime() - ((january4.getUTCDay() + 6) % 7) * DAY;
  return monday + ((week - 1) * 7 + 6) * DAY;
}

/**
 * For a week `YYYY-Www` that exists (weekNameProblem checks the rest, then asks this) whose days run past
 * 31 December 9999: the refusal's words, as such a week never ends at a --now the CLI takes (9999-W52's Sunday is
 * 2 January 10000); else undefined. A week that starts in the year 999 (1000-W01) is kept: it ends in 1000 and
 * holds entries from 1000-01-03.
 */
export function weekPastLastDate(name: string): string | undefined {
  const [year, week] = [Number(name.slice(0, 4)), Number(name.slice(6))];
  if (new Date(sundayOf(year, week)).getUTCFullYear() <= LAST_YEAR) return undefined;
  let lastWeek = 53;
  while (new Date(sundayOf(LAST_YEAR, lastWeek)).getUTCFullYear() > LAST_YEAR) lastWeek--;
  return `${name} runs into the year ${LAST_YEAR + 1}, past the years 1000 to ${LAST_YEAR} that dates may have (see "Limits"), so it never ends: name a week up to ${LAST_YEAR}-W${lastWeek}`;
}
