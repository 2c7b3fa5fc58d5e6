import { describe, expect, it } from 'vitest';
import { isoWeeksInYear, weekNameProblem } from '../../../functions/http/weekName.js';
import { checkWeekName } from '../../../lib/digestRun.js';
import { weeksInWeekYear } from '../../../lib/isoWeek.js';

// The trigger checks "week" without luxon (to keep its bundle small); it must agree with the digest core.
describe("the trigger's week check", () => {
  it('counts 52 or 53 ISO weeks as luxon does, for every year from 1600 to 2600', () => {
    for (let year = 1600; year <= 2600; year++) expect(isoWeeksInYear(year), String(year)).toBe(weeksInWeekYear(year));
  });

  it('has 53 weeks in 2015, 2020 and 2026, and 52 in 2014 and 2021 (ISO 8601 calendars)', () => {
    expect([2014, 2015, 2020, 2021, 2026].map(isoWeeksInYear)).toEqual([52, 53, 53, 52, 53]);
  });

  it('accepts and refuses the same names as the digest core', () => {
    for (const name of ['2014-W19', '2020-W53', '2021-W53', '2021-W00', '2014-19', '2014-W1', ' 2014-W19', '2014-W19x', '0000-W01', '9999-W52', '2026-W53', '2027-W53']) {
      let core: string | undefined;
      try {
        checkWeekName(name);
      } catch (error) {
        core = (error as Error).message.replace(/^--week: /, '');
      }
      expect(weekNameProblem(name), name).toBe(core);
    }
  });
});
