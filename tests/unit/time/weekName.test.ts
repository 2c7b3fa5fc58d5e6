import { describe, expect, it } from 'vitest';
import { parseIsoWeek } from '../../../lib/time/isoWeek.js';
import { isoWeeksInYear, weekNameProblem } from '../../../lib/time/weekName.js';
import { luxonWeeksInWeekYear } from '../../support/luxonReference.js';

// weekName.ts has no luxon (the trigger bundles it), and lib/time counts weeks with it alone: its counts must be
// luxon's for every year a week name can hold.
describe('isoWeeksInYear', () => {
  it('counts the weeks luxon counts, for every year from 0000 to 9999', () => {
    for (let year = 0; year <= 9999; year++) expect(isoWeeksInYear(year), String(year)).toBe(luxonWeeksInWeekYear(year));
  });

  it('names the same weeks parseIsoWeek finds', () => {
    for (const name of ['2020-W53', '2021-W53', '2026-W53', '0000-W01', '9999-W52', '2014-W00', '2014-W19']) {
      expect(parseIsoWeek(name, 'UTC') !== undefined, name).toBe(weekNameProblem(name) === undefined);
    }
  });
});

describe('weekNameProblem', () => {
  it('refuses a week-year before 1000, which no entry date can reach (README "Limits")', () => {
    expect(weekNameProblem('0999-W01')).toBe('0999-W01 is outside the years 1000 to 9999 that dates may have (see "Limits")');
    expect(weekNameProblem('0000-W01')).toContain('outside the years 1000 to 9999');
    expect(weekNameProblem('1000-W01')).toBeUndefined();
  });

  // 9999-W52's Sunday is 2 January 10000: no --now reaches its end, so every caller (--week, the trigger's "week",
  // the digest function) refuses it up front, with the words that name the last week that ends in 9999.
  it('refuses a week that runs into the year 10000, and keeps the one before it', () => {
    expect(weekNameProblem('9999-W52')).toBe('9999-W52 runs into the year 10000, past the years 1000 to 9999 that dates may have (see "Limits"), so it never ends: name a week up to 9999-W51');
    expect(weekNameProblem('9999-W51')).toBeUndefined();
  });
});

describe('weekNameProblem of a week typed loosely', () => {
  it('offers the YYYY-Www meant for a week without its W, with a small w, or with one digit', () => {
    // Each name's year and number, written as ISO 8601 writes a week: four digits, -W, two digits.
    for (const [name, meant] of [['2014-23', '2014-W23'], ['2014w23', '2014-W23'], ['2014-w23', '2014-W23'], ['2014 W23', '2014-W23'], ['2014-W5', '2014-W05'], ['2020-53', '2020-W53']]) {
      expect(weekNameProblem(name!), name).toBe(`${JSON.stringify(name)} is not an ISO week (write YYYY-Www: ${meant})`);
    }
  });

  it('gives the general fix where the loose reading names no week, or the text is no week at all', () => {
    // 2014 has 52 weeks; 201423 has no mark between year and week; the rest are not a year and a number.
    for (const name of ['2014-53', '2014-00', '201423', ' 2014-W19', '2014-W19x', 'week 23']) {
      expect(weekNameProblem(name), name).toBe(`${JSON.stringify(name)} is not an ISO week (write YYYY-Www, e.g. 2014-W19)`);
    }
  });
});
