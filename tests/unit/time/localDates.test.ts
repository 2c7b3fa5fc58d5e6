import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { localDates, localIsoDate } from '../../../lib/time/localDates.js';
import { luxonLocalDate as localDateByLuxon } from '../../support/luxonReference.js';

// lib/time/localDates.ts formats with one Intl.DateTimeFormat per zone and language instead of a DateTime per
// entry; luxon's DateTime#toISODate and #toLocaleString are the reference.
const DIGEST = DateTime.DATE_MED_WITH_WEEKDAY;
const PAGE = { year: 'numeric', month: 'long', day: 'numeric' } as const;
const HOUR = 3_600_000;

// Thousands of instants are compared in the loop and asserted once, as tests/unit/time/zoneClock.test.ts does: an
// expect() per instant cost more than our formatting. The first disagreements are named, with both answers.
function disagreements(zones: string[], languages: string[], instants: number[]): string[] {
  const found: string[] = [];
  for (const zone of zones) {
    for (const language of languages) {
      for (const options of [DIGEST, PAGE]) {
        const dateOf = localDates(zone, language, options);
        for (const millis of instants) {
          const [ours, luxons] = [dateOf(millis), localDateByLuxon(millis, zone, language, options)];
          if (ours.iso !== luxons.iso || ours.text !== luxons.text || Object.keys(ours).length !== 2) {
            found.push(`${zone} ${language} ${options === DIGEST ? 'DIGEST' : 'PAGE'} ${new Date(millis).toISOString()}: ${JSON.stringify(ours)}, luxon ${JSON.stringify(luxons)}`);
          }
        }
      }
    }
  }
  return found;
}
const expectNone = (found: string[]) => expect(found.slice(0, 10), `${found.length} disagreements with luxon`).toEqual([]);
const every = (from: number, until: number, step: number) => Array.from({ length: Math.ceil((until - from) / step) }, (_, i) => from + i * step);

const ZONES = ['Asia/Seoul', 'America/New_York', 'Europe/London', 'Africa/Casablanca', 'Pacific/Apia', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/Havana', 'UTC'];
const LANGUAGES = ['en', 'en-GB', 'ko', 'de', 'ja', 'ar-EG', 'th-TH-u-nu-thai', 'fa'];

describe('localDates against luxon', () => {
  it('gives luxon’s ISO date and text for every zone and language, every 7 h 13 min through DST changes', () => {
    // 2024 holds New York's and London's changes, Lord Howe's half-hour one, Havana's midnight ones.
    expectNone(disagreements(ZONES, LANGUAGES, every(Date.UTC(2024, 2, 1), Date.UTC(2024, 3, 15), 7 * HOUR + 13 * 60_000)));
  });

  it('dates an instant just before and at midnight by the zone’s clock, across the New York DST change', () => {
    const dateOf = localDates('America/New_York', 'en', DIGEST);
    // 2024-03-10 00:00 in New York is 05:00Z (EST, -05:00); 2024-03-11 00:00 is 04:00Z (EDT, -04:00).
    expect(dateOf(Date.parse('2024-03-10T04:59:59.999Z'))).toEqual({ iso: '2024-03-09', text: 'Sat, Mar 9, 2024' });
    expect(dateOf(Date.parse('2024-03-10T05:00:00Z'))).toEqual({ iso: '2024-03-10', text: 'Sun, Mar 10, 2024' });
    expect(dateOf(Date.parse('2024-03-11T03:59:59.999Z')).iso).toBe('2024-03-10');
    expect(dateOf(Date.parse('2024-03-11T04:00:00Z')).iso).toBe('2024-03-11');
  });

  it('writes the site language: en-GB day first, Korean, and the Unicode extension’s Thai digits', () => {
    // 2014-05-09T00:00 in Seoul (+09:00) is 2014-05-08T15:00Z, a Friday.
    const millis = Date.parse('2014-05-08T15:00:00Z');
    expect(localDates('Asia/Seoul', 'en-GB', DIGEST)(millis)).toEqual({ iso: '2014-05-09', text: 'Fri, 9 May 2014' });
    expect(localDates('Asia/Seoul', 'en', PAGE)(millis).text).toBe('May 9, 2014');
    expect(localDates('Asia/Seoul', 'ko', PAGE)(millis).text).toBe('2014년 5월 9일');
    // In UTC that instant is still Thursday 8 May.
    expect(localDates('UTC', 'en-GB', DIGEST)(millis)).toEqual({ iso: '2014-05-08', text: 'Thu, 8 May 2014' });
    // -u-nu-thai: luxon hands Intl the numbering system, so the digits are Thai (๙ is 9).
    expect(localDates('Asia/Seoul', 'th-TH-u-nu-thai', PAGE)(millis).text).toContain('๙');
  });

  it('leaves years luxon writes with a sign (before year 1, after 9999) to luxon', () => {
    const dateOf = localDates('UTC', 'en', PAGE);
    const startOfYear = (year: number) => new Date(0).setUTCFullYear(year, 0, 1);
    for (const millis of [startOfYear(-5), startOfYear(0), startOfYear(1), startOfYear(10_000), 8.64e15 - 1]) expect(dateOf(millis)).toEqual(localDateByLuxon(millis, 'UTC', 'en', PAGE));
    expect(dateOf(8.64e15 - 1).iso).toBe('+275760-09-12');
  });
});

describe('localDates and localIsoDate against luxon, other spellings and calendars', () => {
  it('agrees for calendar and numbering extensions and for zone names Intl does not list', () => {
    const languages = ['en-u-ca-buddhist', 'ja-JP-u-ca-japanese', 'he-u-ca-hebrew', 'ar-SA', 'hi-IN-u-nu-deva', 'zh-Hant-TW'];
    const zones = ['asia/seoul', 'US/Eastern', 'utc', 'GMT', 'Etc/GMT+9'];
    expectNone(disagreements(zones, languages, every(Date.UTC(2024, 2, 1), Date.UTC(2024, 3, 15), 31 * HOUR + 7 * 60_000)));
  });

  it('writes the ISO date luxon writes, across the date line, before year 1 and after 9999', () => {
    const cases: [string, number][] = [
      ['Asia/Seoul', Date.UTC(2014, 4, 7, 15)],
      ['America/New_York', Date.UTC(2014, 4, 8, 3)],
      ['Pacific/Chatham', Date.UTC(2014, 4, 7, 11, 15)],
      ['UTC', new Date(0).setUTCFullYear(-5, 0, 1)],
      ['UTC', new Date(0).setUTCFullYear(10_000, 0, 1)],
      ['Mars/Olympus', Date.UTC(2014, 4, 7)],
    ];
    for (const [zone, t] of cases) expect(localIsoDate(t, zone), `${zone} ${t}`).toBe(DateTime.fromMillis(t, { zone }).toISODate() ?? '');
  });
});
