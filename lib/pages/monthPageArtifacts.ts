import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import type { EntryMeta } from '../content/entry.js';
import type { Site } from '../content/site.js';
import { artifact, type Artifact, type ArtifactBuilder, type ArtifactUnit, type BuildContext } from '../plan/artifact.js';
import { byMonth, type SitePlan } from '../plan/sitePlan.js';
import { localDates } from '../time/localDates.js';
import { INDEX_PAGE, MONTHS_DIR, monthDir } from '../shared/outputLayout.js';
import { publicUrl } from '../shared/urls.js';
import { keyFolder } from '../shared/keyFolder.js';
import { hrefFrom, iconHref, PAGE_DATE_FORMAT, pageEntry, pageFeed } from './pageArtifacts.js';
import { renderMonthList, renderMonthPage, type MonthShell, type MonthLink } from './renderMonthPages.js';

/** The list of every month with an entry. */
export const MONTH_LIST_KEY = MONTHS_DIR + INDEX_PAGE;

/** A month's page: `months/YYYY-MM/index.html`. */
export function monthPageKey(period: string): string {
  return monthDir(period) + INDEX_PAGE;
}

interface Month {
  period: string;
  /** Newest first. */
  entries: EntryMeta[];
}

/** The published entries (newest first) by the month of their date in the site's zone, newest month first. */
function monthsOf(plan: SitePlan): Month[] {
  return byMonth(plan.published, plan.site.timezone);
}

/** Calendars whose months are the Gregorian months (CLDR calendar names, as Intl resolves them): only the year differs. */
const GREGORIAN_MONTHS = new Set(['gregory', 'iso8601', 'buddhist', 'japanese', 'roc']);

/**
 * "May 2014" in the site's language. A page holds a Gregorian month (monthOf): a language whose calendar has other
 * months (Persian, Hijri, Hebrew…) names it in the Gregorian calendar, not by the month its first day falls in.
 */
function monthName(site: Site, period: string): string {
  const [year, month] = period.split('-').map(Number);
  const calendar = new Intl.DateTimeFormat(site.language).resolvedOptions().calendar;
  const options = { zone: 'utc', ...(GREGORIAN_MONTHS.has(calendar) ? {} : { outputCalendar: 'gregory' }) };
  return DateTime.fromObject({ year: year!, month: month! }, options).setLocale(site.language).toLocaleString({ year: 'numeric', month: 'long' });
}

function shell(site: Site, key: string): MonthShell {
  return { language: site.language, siteTitle: site.title, homeHref: hrefFrom(key, ''), canonicalUrl: publicUrl(site.url, keyFolder(key)), feed: pageFeed(site, key, ''), iconHref: iconHref(site, key) };
}

function monthLink(site: Site, fromKey: string, month: Month): MonthLink {
  return { href: hrefFrom(fromKey, monthDir(month.period)), name: monthName(site, month.period), count: month.entries.length };
}

function monthPage(site: Site, months: Month[], index: number): Artifact {
  const month = months[index]!;
  const key = monthPageKey(month.period);
  const newer = months[index - 1];
  const older = months[index + 1];
  return artifact(
    key,
    renderMonthPage({
      ...shell(site, key),
      month: monthLink(site, key, month),
      // As on the index, without the summary, which would need every entry's body read.
      entries: month.entries.map((entry) => pageEntry(key, entry, localDates(site.timezone, site.language, PAGE_DATE_FORMAT), '')),
      monthsHref: hrefFrom(key, MONTHS_DIR),
      ...(newer ? { newer: monthLink(site, key, newer) } : {}),
      ...(older ? { older: monthLink(site, key, older) } : {}),
    }),
  );
}

function monthList(site: Site, months: Month[]): Artifact {
  return artifact(MONTH_LIST_KEY, renderMonthList({ ...shell(site, MONTH_LIST_KEY), months: months.map((month) => monthLink(site, MONTH_LIST_KEY, month)) }));
}

/**
 * `months/index.html` and a page per month with a published entry, `months/YYYY-MM/index.html`: the way to every
 * entry's page once it has left the index and its tags' pages, which show the newest only.
 */
export const monthPageArtifacts: ArtifactBuilder = {
  entriesNeeded: () => [],
  build(plan: SitePlan): Artifact[] {
    const months = monthsOf(plan);
    return [monthList(plan.site, months), ...months.map((_, index) => monthPage(plan.site, months, index))];
  },
  /**
   * A unit per month, rebuilt when one of its entries' files changes or a month appears or goes beside it (its
   * links to the newer and older months); and the list of months, rebuilt when a month's count changes.
   */
  units(plan: SitePlan, context: BuildContext): ArtifactUnit[] {
    const months = monthsOf(plan);
    const units: ArtifactUnit[] = months.map((month, index) => {
      const hash = createHash('sha256').update(`month page\n${context.siteContext}\n${month.period}\n${months[index - 1]?.period ?? ''}\n${months[index + 1]?.period ?? ''}\n`);
      for (const entry of month.entries) hash.update(`${entry.key}\0${context.versionOf(entry.key)}\n`);
      return { id: `month-page:${month.period}`, fingerprint: hash.digest('hex'), keys: [monthPageKey(month.period)], entriesNeeded: [], summariesNeeded: [], build: () => [monthPage(plan.site, months, index)] };
    });
    const counts = months.map((month) => `${month.period}:${month.entries.length}`).join('\n');
    const fingerprint = createHash('sha256').update(`month list\n${context.siteContext}\n${counts}\n`).digest('hex');
    units.push({ id: 'month-list', fingerprint, keys: [MONTH_LIST_KEY], entriesNeeded: [], summariesNeeded: [], build: () => [monthList(plan.site, months)] });
    return units;
  },
};
