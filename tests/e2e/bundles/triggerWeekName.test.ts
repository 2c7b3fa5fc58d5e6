import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../lib/shared/errors.js';
import { checkWeekName } from '../../../lib/delivery/digestDelivery.js';
import { isoWeeksInYear, weekNameProblem } from '../../../lib/time/weekName.js';
import { luxonWeeksInWeekYear } from '../../support/luxonReference.js';

// The week check has no luxon (the trigger bundles it); its week counts must agree with luxon's.
describe("the trigger's week check", () => {
  it('counts 52 or 53 ISO weeks as luxon does, for every year from 1600 to 2600', () => {
    for (let year = 1600; year <= 2600; year++) expect(isoWeeksInYear(year), String(year)).toBe(luxonWeeksInWeekYear(year));
  });

  it('has 53 weeks in 2015, 2020 and 2026, and 52 in 2014 and 2021 (ISO 8601 calendars)', () => {
    expect([2014, 2015, 2020, 2021, 2026].map(isoWeeksInYear)).toEqual([52, 53, 53, 52, 53]);
  });

  it('accepts week names that exist and explains the others', () => {
    for (const name of ['2014-W19', '2020-W53', '2026-W53', '9999-W51', '1000-W01']) expect(weekNameProblem(name), name).toBeUndefined();
    // Dates have years 1000 to 9999 (README, Limits): a week-year outside them names no week a digest can have.
    for (const name of ['0000-W01', '0999-W52']) expect(weekNameProblem(name), name).toBe(`${name} is outside the years 1000 to 9999 that dates may have (see "Limits")`);
    // The trigger's callers read this too, so it names no CLI flag.
    expect(weekNameProblem('9999-W52')).toBe('9999-W52 runs into the year 10000, past the years 1000 to 9999 that dates may have (see "Limits"), so it never ends: name a week up to 9999-W51');
    expect(weekNameProblem('2021-W53')).toBe('2021 has 52 ISO weeks, so there is no 2021-W53');
    expect(weekNameProblem('2021-W00')).toBe('2021 has 52 ISO weeks, so there is no 2021-W00');
    for (const name of [' 2014-W19', '2014-W19x']) expect(weekNameProblem(name), name).toBe(`${JSON.stringify(name)} is not an ISO week (write YYYY-Www, e.g. 2014-W19)`);
    // A week typed loosely gets the name it means.
    expect(weekNameProblem('2014-19')).toBe('"2014-19" is not an ISO week (write YYYY-Www: 2014-W19)');
    expect(weekNameProblem('2014-W1')).toBe('"2014-W1" is not an ISO week (write YYYY-Www: 2014-W01)');
  });

  it('is what --week reports, as a usage error', () => {
    expect(() => checkWeekName('2014-W19', '--week')).not.toThrow();
    expect(() => checkWeekName('2027-W53', '--week')).toThrow(UsageError);
    expect(() => checkWeekName('2027-W53', '--week')).toThrow('--week: 2027 has 52 ISO weeks, so there is no 2027-W53');
  });
});
