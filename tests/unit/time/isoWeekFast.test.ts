import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isoWeekAt, nextIsoWeek, parseIsoWeek, type IsoWeek } from '../../../lib/time/isoWeek.js';
import { weekRangeText } from '../../../lib/time/weekRangeText.js';
import { luxonIsoWeek as luxonWeek } from '../../support/luxonReference.js';

// isoWeekAt computes from the zone's clock the weeks the README defines, Monday 00:00 to the next Monday 00:00;
// luxon's reading of those midnights is the reference (luxonIsoWeek). The weeks picked have a transition in them
// or at their Monday's midnight: skipped (the week then starts at 01:00; the next Monday's midnight is not skipped)
// or repeated.
const HOUR = 3_600_000;
const shown = (week: IsoWeek) => ({ name: week.name, start: week.start.toISO()!, end: week.end.toISO()! });

/** [zone, a UTC instant in the week of interest, why]. */
const WEEKS: [string, string, string][] = [
  ['Africa/Casablanca', '2009-06-03T12:00:00Z', 'Monday 1 June 2009 00:00 skipped (to 01:00)'],
  ['America/Araguaina', '1997-10-08T12:00:00Z', 'Monday 6 October 1997 00:00 skipped'],
  ['Africa/Juba', '2021-02-03T12:00:00Z', 'Monday 1 February 2021 00:00 comes twice (+03 → +02)'],
  ['Africa/Cairo', '1943-11-03T12:00:00Z', 'Monday 1 November 1943 00:00 comes twice'],
  ['Africa/Casablanca', '2008-09-03T12:00:00Z', 'Monday 1 September 2008 00:00 comes twice'],
  ['America/New_York', '2024-03-07T12:00:00Z', 'clocks forward on Sunday 10 March: 167 h'],
  ['America/New_York', '2024-10-31T12:00:00Z', 'clocks back on Sunday 3 November: 169 h'],
  ['Australia/Lord_Howe', '2024-04-03T12:00:00Z', 'half-hour DST ends on Sunday 7 April'],
  ['Pacific/Apia', '2011-12-28T12:00:00Z', 'Friday 30 December 2011 skipped: a 144-hour week'],
  ['Asia/Tehran', '2021-03-24T12:00:00Z', 'Monday 22 March 2021 00:00 skipped (+03:30 → +04:30)'],
  ['Asia/Seoul', '2014-05-08T12:00:00Z', 'no DST'],
  ['UTC', '2021-01-03T12:00:00Z', 'Sunday 3 January 2021 is in 2020-W53'],
  ['Europe/Dublin', '1890-06-04T12:00:00Z', 'local mean time (-00:25:21)'],
];

describe('isoWeekAt against luxon', () => {
  for (const [zone, iso, why] of WEEKS) {
    it(`${zone}, the week of ${iso}: ${why}`, () => {
      const middle = Date.parse(iso);
      // Every 5 hours from the Sunday before to the Tuesday after: the week itself and both its edges.
      for (let millis = middle - 4 * 24 * HOUR; millis <= middle + 7 * 24 * HOUR; millis += 5 * HOUR + 7 * 60_000) {
        const reference = luxonWeek(millis, zone);
        expect(shown(isoWeekAt(millis, zone)), new Date(millis).toISOString()).toEqual(reference);
      }
    });
  }

  it('starts the week at 01:00 where Monday midnight is skipped, and ends it at the next Monday 00:00 (Casablanca, 2009-W23)', () => {
    // Morocco moved its clocks from 00:00 to 01:00 (+00 → +01) on Monday 1 June 2009 and kept +01 until 21 August:
    // the week is 167 hours long, and the next one starts where it ends.
    const week = isoWeekAt(Date.parse('2009-06-03T12:00:00Z'), 'Africa/Casablanca');
    expect(shown(week)).toEqual({ name: '2009-W23', start: '2009-06-01T01:00:00.000+01:00', end: '2009-06-08T00:00:00.000+01:00' });
    expect(shown(nextIsoWeek(week))).toEqual({ name: '2009-W24', start: '2009-06-08T00:00:00.000+01:00', end: '2009-06-15T00:00:00.000+01:00' });
  });

  it('gives the week’s start and end in the zone', () => {
    const week = isoWeekAt(DateTime.fromISO('2014-05-08T12:00:00', { zone: 'Asia/Seoul' }).toMillis(), 'Asia/Seoul');
    expect([week.start.zoneName, week.end.zoneName]).toEqual(['Asia/Seoul', 'Asia/Seoul']);
  });

  it('agrees for zone names Intl does not list, and for a zone Intl does not know', () => {
    for (const zone of ['asia/seoul', 'US/Eastern', 'utc', 'utc+3']) {
      for (let millis = Date.parse('2024-03-01T00:00:00Z'); millis < Date.parse('2024-03-20T00:00:00Z'); millis += 11 * HOUR) {
        expect(shown(isoWeekAt(millis, zone)), `${zone} ${new Date(millis).toISOString()}`).toEqual(luxonWeek(millis, zone));
      }
    }
  });

  it('walks week by week through a DST change without a gap (New York, 2024-W09 to W12)', () => {
    let week = parseIsoWeek('2024-W09', 'America/New_York')!;
    const names = [week.name];
    for (let i = 0; i < 3; i++) {
      const next = nextIsoWeek(week);
      expect(next.start.toMillis()).toBe(week.end.toMillis());
      week = next;
      names.push(week.name);
    }
    expect(names).toEqual(['2024-W09', '2024-W10', '2024-W11', '2024-W12']);
  });
});

describe('weekRangeText against luxon', () => {
  /**
   * The reference: the Sunday from luxon's calendar arithmetic; the dash closed up when Monday and Sunday share a
   * month. In Japanese, where ICU has no range pattern for long dates, the two long dates joined by ～, the Sunday's
   * without what it shares with the Monday.
   */
  function byLuxon(week: IsoWeek, language: string): string {
    const sunday = week.end.minus({ days: 1 });
    if (language === 'ja') {
      const last: Intl.DateTimeFormatOptions = week.start.hasSame(sunday, 'month') ? { day: 'numeric' } : week.start.hasSame(sunday, 'year') ? { month: 'long', day: 'numeric' } : { year: 'numeric', month: 'long', day: 'numeric' };
      return `${week.start.setLocale('ja').toLocaleString({ year: 'numeric', month: 'long', day: 'numeric' })}～${sunday.setLocale('ja').toLocaleString(last)}`;
    }
    const format = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'long', year: 'numeric', timeZone: week.start.zoneName! });
    const text = format.formatRange(week.start.toJSDate(), sunday.toJSDate());
    return (week.start.hasSame(sunday, 'month') ? text.replace(/(\d)\s*–\s*(\d)/g, '$1–$2') : text).replace(/[\u2009\u202f]/g, ' ');
  }

  it('reads the same in several languages, for weeks with transitions and across months and years', () => {
    for (const language of ['en', 'en-GB', 'ko', 'de', 'fr', 'ja', 'ar-EG', 'fa']) {
      for (const [zone, iso] of WEEKS) {
        const week = isoWeekAt(Date.parse(iso), zone);
        expect(weekRangeText(week, language), `${language} ${zone} ${iso}`).toBe(byLuxon(week, language));
      }
    }
  });

  it('writes the week’s Monday and Sunday in the site language', () => {
    // 2014-W19 is Monday 5 to Sunday 11 May; 2014-W18 is Monday 28 April to Sunday 4 May.
    expect(weekRangeText(parseIsoWeek('2014-W19', 'Asia/Seoul')!, 'en-GB')).toBe('5–11 May 2014');
    expect(weekRangeText(parseIsoWeek('2014-W19', 'Asia/Seoul')!, 'en')).toBe('May 5–11, 2014');
    expect(weekRangeText(parseIsoWeek('2014-W18', 'Asia/Seoul')!, 'en-GB')).toBe('28 April – 4 May 2014');
    // New York's 167-hour week: Monday 4 to Sunday 10 March 2024.
    expect(weekRangeText(parseIsoWeek('2024-W10', 'America/New_York')!, 'en-GB')).toBe('4–10 March 2024');
  });
});
