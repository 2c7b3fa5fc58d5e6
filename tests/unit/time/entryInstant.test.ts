import { isDeepStrictEqual } from 'node:util';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { prng } from '../../../bench/corpus.js';
import { checkEntryDate, FIRST_ENTRY_DATE, LAST_ENTRY_DATE, parseEntryInstant, skippedTimeWarning } from '../../../lib/time/entryInstant.js';
import { luxonEntryDate, luxonLocalInstant } from '../../support/luxonReference.js';

// parseEntryInstant computes instants without luxon; it must agree with luxon's reading on everything, except
// that a local time that occurs twice is the earlier one, where luxon's choice depends on today's date.
function luxonInstant(raw: string, zone: string) {
  const parsed = luxonEntryDate(raw, zone);
  if (!parsed.ok) return { ok: false, message: parsed.message, fix: parsed.fix };
  const withoutOffset = !/(?:[Zz]|[+-]\d{2}:\d{2})$/.test(raw.trim());
  return { ok: true, value: withoutOffset ? luxonLocalInstant(raw.trim().replace(/[t ]/, 'T'), zone) : parsed.value.toMillis() };
}
function fastInstant(raw: string, zone: string) {
  const parsed = parseEntryInstant(raw, zone);
  return parsed.ok ? { ok: true, value: parsed.value } : { ok: false, message: parsed.message, fix: parsed.fix };
}

// Thousands of generated dates are compared in the loop (isDeepStrictEqual: stricter than toEqual) and asserted
// once, as tests/unit/time/zoneClock.test.ts does: an expect() per date added to every comparison. The first
// disagreements are named, with both answers.
function disagreement(label: string, ours: unknown, reference: unknown): string | undefined {
  return isDeepStrictEqual(ours, reference) ? undefined : `${label}: ${JSON.stringify(ours)}, expected ${JSON.stringify(reference)}`;
}
const expectNone = (found: string[]) => expect(found.slice(0, 10), `${found.length} disagreements`).toEqual([]);

/**
 * The days of 2024-2027 whose noon in `zone` has another offset than the day before's (the days its clocks change), by
 * luxon. A week whose last noon has the offset of the noon before it is passed over (no zone here changes its clocks
 * twice in a week), and the days of any other are read one by one.
 */
function changeDays(zone: string): DateTime[] {
  const noonOffset = (day: DateTime) => DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour: 12 }, { zone }).offset;
  const days: DateTime[] = [];
  let before = noonOffset(DateTime.utc(2024, 1, 1));
  for (let week = DateTime.utc(2024, 1, 1); week.year < 2028; week = week.plus({ days: 7 })) {
    const end = week.plus({ days: 7 });
    if (end.year < 2028 && noonOffset(end) === before) continue;
    for (let day = week.plus({ days: 1 }); day <= end && day.year < 2028; day = day.plus({ days: 1 })) {
      const offset = noonOffset(day);
      if (offset === before) continue;
      before = offset;
      days.push(day);
    }
  }
  return days;
}

describe('parseEntryInstant', () => {
  it('agrees with luxon on 20,000 generated date-times, valid and impossible', () => {
    const random = prng(7);
    const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
    const two = (n: number) => String(n).padStart(2, '0');
    const found: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      // Ranges go past the valid ones (month 13, day 32, hour 24, minute 60, offset +24) so both sides refuse alike.
      const date = `${String(int(0, 2400)).padStart(4, '0')}-${two(int(0, 13))}-${two(int(0, 32))}`;
      const time = `${two(int(0, 24))}:${two(int(0, 60))}${random() < 0.8 ? `:${two(int(0, 60))}` : ''}${random() < 0.3 ? `.${int(0, 999999)}` : ''}`;
      const offset = [() => 'Z', () => 'z', () => `${random() < 0.5 ? '+' : '-'}${two(int(0, 24))}:${two(int(0, 60))}`, () => ''][int(0, 3)]!();
      const raw = random() < 0.15 ? date : `${date}${['T', 't', ' '][int(0, 2)]}${time}${offset}`;
      const zone = ['Asia/Seoul', 'America/New_York', 'UTC', 'America/Havana', 'America/Sao_Paulo'][int(0, 4)]!;
      const differs = disagreement(`${raw} in ${zone}`, fastInstant(raw, zone), luxonInstant(raw, zone));
      if (differs !== undefined) found.push(differs);
    }
    expectNone(found);
  });

  it('checkEntryDate accepts and refuses what parseEntryInstant does, with its messages, in any zone', () => {
    const random = prng(11);
    const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
    const two = (n: number) => String(n).padStart(2, '0');
    let refused = 0;
    const found: string[] = [];
    for (let i = 0; i < 5_000; i++) {
      const date = `${String(int(0, 2400)).padStart(4, '0')}-${two(int(0, 13))}-${two(int(0, 32))}`;
      const time = `${two(int(0, 24))}:${two(int(0, 60))}${random() < 0.5 ? `:${two(int(0, 60))}` : ''}`;
      const offset = ['Z', '+09:00', '-24:60', ''][int(0, 3)]!;
      const raw = random() < 0.4 ? date : `${date}T${time}${offset}`;
      // Havana and São Paulo skip local midnights: a date there is moved, never refused.
      for (const zone of ['America/Havana', 'America/Sao_Paulo', 'UTC']) {
        const full = parseEntryInstant(raw, zone);
        const checked = checkEntryDate(raw);
        const differs = disagreement(`${raw} in ${zone}`, checked, full.ok ? { ok: true } : full);
        if (differs !== undefined) found.push(differs);
        if (!full.ok) refused++;
      }
    }
    expectNone(found);
    // Both verdicts were exercised.
    expect(refused).toBeGreaterThan(1_000);
    expect(refused).toBeLessThan(14_000);
    for (const raw of [20140508, '', ' 2014-05-08 ', 'May 8th', null, {}, true]) {
      const full = parseEntryInstant(raw, 'Asia/Seoul');
      expect(checkEntryDate(raw), String(raw)).toEqual(full.ok ? { ok: true } : full);
    }
  });

  it('agrees on dates, leap days and the fixed cases', () => {
    for (const raw of ['2014-05-08', '2016-02-29T12:00:00+09:00', '2015-02-29T12:00:00Z', '2000-02-29T00:00:00-05:00', '1900-02-29T00:00:00Z', '2014-05-08T09:30:00.1234Z', '2014-13-45', 'May 8th']) {
      expect(fastInstant(raw, 'Asia/Seoul'), raw).toEqual(luxonInstant(raw, 'Asia/Seoul'));
    }
  });
});

describe('a date-time an export writes with its offset apart or without its colon', () => {
  it('is refused, the fix the RFC 3339 rewrite of it (worked out by hand)', () => {
    for (const [raw, rewrite] of [
      ['2014-05-08 09:30:00 +09:00', '2014-05-08T09:30:00+09:00'],
      ['2014-05-08 09:30:00 +0900', '2014-05-08T09:30:00+09:00'],
      ['2014-05-08T09:30:00+0900', '2014-05-08T09:30:00+09:00'],
      ['2014-05-08 09:30 -0430', '2014-05-08T09:30-04:30'],
    ]) {
      expect(checkEntryDate(raw), raw).toEqual({ ok: false, message: `${JSON.stringify(raw)} is not a date`, fix: `write it as RFC 3339 has it: ${rewrite}` });
    }
  });

  it('keeps the general fix when the rewrite would not be a date either', () => {
    expect(checkEntryDate('2014-05-08 09:30:00 +2500')).toMatchObject({ ok: false, fix: 'write YYYY-MM-DD, or an RFC 3339 date-time such as 2014-05-12T09:30:00+09:00' });
    expect(checkEntryDate('08/05/2014')).toMatchObject({ ok: false, fix: 'write YYYY-MM-DD, or an RFC 3339 date-time such as 2014-05-12T09:30:00+09:00' });
  });
});

describe('entry dates that cannot be published', () => {
  const refused = (raw: string) => {
    const parsed = parseEntryInstant(raw, 'Pacific/Kiritimati');
    expect(checkEntryDate(raw), raw).toEqual(parsed.ok ? { ok: true } : parsed);
    return parsed;
  };

  it('refuses years before 1000 and the edge days whose instant could leave the four-digit years', () => {
    for (const raw of ['0000-01-01', '0999-12-31', '1000-01-01', '1000-01-02', '9999-12-30', '9999-12-31', '0000-01-01T00:00:00Z', '1000-01-02T00:00:00+23:59', '9999-12-30T23:59:59-23:59']) {
      expect(refused(raw), raw).toMatchObject({ ok: false, message: `${raw} is outside the dates that can be published` });
    }
    expect(refused('0000-01-01').ok === false && refused('0000-01-01')).toMatchObject({ fix: expect.stringContaining('1000-01-03 to 9999-12-29') });
  });

  it('accepts the first and last publishable days, read in any site zone at any offset, as instants every zone shows in years 1000 to 9999', () => {
    // Every zone Intl knows (in the year 1000 their local mean times run from Manila's -15:56 to Metlakatla's
    // +15:13), and the Etc zones at the ends of today's offsets.
    const zones = [...Intl.supportedValuesOf('timeZone'), 'UTC', 'Etc/GMT+12', 'Etc/GMT-14'];
    const ends = [
      { raws: [FIRST_ENTRY_DATE, `${FIRST_ENTRY_DATE}T00:00`, `${FIRST_ENTRY_DATE}T00:00:00+23:59`], pick: Math.min, year: 1000 },
      { raws: [LAST_ENTRY_DATE, `${LAST_ENTRY_DATE}T23:59:59.999`, `${LAST_ENTRY_DATE}T23:59:59.999-23:59`], pick: Math.max, year: 9999 },
    ];
    for (const { raws, pick, year } of ends) {
      const instants = zones.flatMap((zone) => raws.map((raw) => {
        const parsed = parseEntryInstant(raw, zone);
        if (!parsed.ok) throw new Error(`${raw} in ${zone}: ${parsed.message}`);
        return parsed.value;
      }));
      const extreme = pick(...instants);
      for (const zone of zones) expect(DateTime.fromMillis(extreme, { zone }).year, `${new Date(extreme).toISOString()} in ${zone}`).toBe(year);
    }
  });

  it('refuses offsets beyond ±23:59', () => {
    for (const raw of ['2014-05-01T10:00:00+24:00', '2014-05-01T10:00:00-23:60', '2014-05-01T10:00:00+99:00']) {
      expect(refused(raw), raw).toMatchObject({ ok: false, message: `${raw} has a UTC offset beyond ±23:59` });
    }
    expect(refused('2014-05-01T10:00:00-23:59').ok).toBe(true);
  });

  it('refuses a leap second, naming the seconds', () => {
    expect(refused('2016-12-31T23:59:60Z')).toMatchObject({ ok: false, message: '2016-12-31T23:59:60Z: the seconds must be from 00 to 59', fix: expect.stringContaining(':59') });
  });
});

// YYYY-MM-DD dates are cached per zone: a cached answer must be the answer for that zone, never another's.
describe('parseEntryInstant, YYYY-MM-DD', () => {
  it('is midnight in the zone it is asked for, asked again or in another zone', () => {
    const millis = (zone: string) => {
      const parsed = parseEntryInstant('2014-05-08', zone);
      if (!parsed.ok) throw new Error(parsed.message);
      return parsed.value;
    };
    const seoul = Date.UTC(2014, 4, 7, 15); // 2014-05-08T00:00+09:00
    const newYork = Date.UTC(2014, 4, 8, 4); // 2014-05-08T00:00-04:00 (daylight time)
    expect(millis('Asia/Seoul')).toBe(seoul);
    expect(millis('America/New_York')).toBe(newYork);
    expect(millis('Asia/Seoul')).toBe(seoul);
    expect(millis('America/New_York')).toBe(newYork);
  });

  it('reports an impossible day every time it is asked', () => {
    for (let i = 0; i < 2; i++) expect(parseEntryInstant('2014-02-30', 'Asia/Seoul')).toMatchObject({ ok: false, message: '2014-02-30 is not a real date' });
  });

  it("names the days of the month for a day past its end, and the month's range for a month that is none", () => {
    // June has 30 days; February 2016 is a leap year's (29), February 2014 not (28); 1900 is no leap year.
    expect(checkEntryDate('2014-06-31')).toEqual({ ok: false, message: '2014-06-31 is not a real date', fix: 'June 2014 has 30 days' });
    expect(checkEntryDate('2014-02-29')).toMatchObject({ fix: 'February 2014 has 28 days' });
    expect(checkEntryDate('2016-02-30')).toMatchObject({ fix: 'February 2016 has 29 days' });
    expect(checkEntryDate('1900-02-29')).toMatchObject({ fix: 'February 1900 has 28 days' });
    expect(checkEntryDate('2014-06-31T09:30+09:00')).toEqual({ ok: false, message: '2014-06-31T09:30+09:00 is not a real date and time', fix: 'June 2014 has 30 days' });
    // No day count where the month, the day 00 or the clock is what is wrong.
    expect(checkEntryDate('2014-13-01')).toMatchObject({ fix: 'check the month (01-12) and the day of the month' });
    expect(checkEntryDate('2014-06-00')).toMatchObject({ fix: 'check the month (01-12) and the day of the month' });
    expect(checkEntryDate('2014-06-31T24:00+09:00')).toMatchObject({ fix: 'check the month, day, hour (00-23) and minute (00-59)' });
  });
});

describe('skippedTimeWarning', () => {
  it('names a local time the clocks skip, the zone, and the time it is read as (the offset before the change)', () => {
    // Los Angeles goes from 02:00 PST (-08:00) to 03:00 PDT (-07:00) on 14 March 2027: 02:30 at -08:00 is 03:30 at -07:00.
    expect(skippedTimeWarning('2027-03-14T02:30', 'America/Los_Angeles')).toEqual({
      message: '2027-03-14T02:30 does not exist in America/Los_Angeles (the clocks go forward over it): it is read as 2027-03-14T03:30-07:00',
      fix: 'write the time you mean, e.g. 2027-03-14T03:30, or give it with its offset',
    });
    // Seconds are kept, and a space for the T is the same time. Lord Howe skips half an hour (02:00 to 02:30, +10:30 to +11:00).
    expect(skippedTimeWarning(' 2027-03-14 02:59:59 ', 'America/Los_Angeles')?.message).toBe('2027-03-14 02:59:59 does not exist in America/Los_Angeles (the clocks go forward over it): it is read as 2027-03-14T03:59:59-07:00');
    expect(skippedTimeWarning('2026-10-04T02:10', 'Australia/Lord_Howe')?.message).toMatch(/: it is read as 2026-10-04T02:40\+11:00$/);
  });

  it('says nothing of a time that exists, one the clocks show twice, a date alone, or a time with its offset (an instant)', () => {
    for (const raw of ['2027-03-14T01:59', '2027-03-14T03:00', '2027-11-07T01:30', '2027-03-14', '2027-03-14T02:30-08:00', '2027-03-14T02:30Z', 'not a date', 20270314]) {
      expect(skippedTimeWarning(raw, 'America/Los_Angeles'), String(raw)).toBeUndefined();
    }
    expect(skippedTimeWarning('2027-03-14T02:30', 'Asia/Seoul')).toBeUndefined();
  });

  it('names a date alone whose whole day the clocks skip, and the day it is published on', () => {
    // Samoa went from -10:00 to +14:00 at the end of 29 December 2011: its clocks never showed 30 December.
    expect(skippedTimeWarning('2011-12-30', 'Pacific/Apia')).toEqual({
      message: '2011-12-30 does not exist in Pacific/Apia (the clocks go forward over the whole day): it is read as 2011-12-31',
      fix: 'write the day you mean, e.g. 2011-12-31',
    });
    // The days around it exist; Havana skips midnight only, so its day begins at 01:00, on the day written.
    for (const raw of ['2011-12-29', '2011-12-31']) expect(skippedTimeWarning(raw, 'Pacific/Apia'), raw).toBeUndefined();
    expect(skippedTimeWarning('2027-03-14', 'America/Havana')).toBeUndefined();
  });

  it('warns exactly where luxon, placing the local time in the zone, gives back another wall time', () => {
    // Every 10 minutes from 22:00 to 05:00 around each change of offset in 2024-2027; Havana's and Santiago's are at midnight, Lord Howe's half an hour.
    let warned = 0;
    let checked = 0;
    for (const zone of ['America/Los_Angeles', 'Europe/Berlin', 'Australia/Lord_Howe', 'America/Havana', 'America/Santiago']) {
      for (const day of changeDays(zone)) {
        for (let minutes = -120; minutes <= 300; minutes += 10) {
          const raw = day.plus({ minutes }).toFormat("yyyy-MM-dd'T'HH:mm");
          const luxon = DateTime.fromISO(raw, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
          const warning = skippedTimeWarning(raw, zone);
          expect(warning !== undefined, `${raw} in ${zone} (luxon: ${luxon})`).toBe(luxon !== raw);
          if (warning) {
            warned++;
            expect(warning.message).toContain(`it is read as ${luxon}`);
          }
          checked++;
        }
      }
    }
    expect(warned).toBeGreaterThan(50);
    expect(warned).toBeLessThan(checked / 4);
  });
});
