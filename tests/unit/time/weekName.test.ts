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
    expect(weekNameProblem('9999-W52')).toBeUndefined();
  });
});
