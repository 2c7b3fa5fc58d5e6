import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { weekPastLastDate } from '../../../lib/time/weekPastLastDate.js';
import { isoWeeksInYear } from '../../../lib/time/weekName.js';

describe('weekPastLastDate', () => {
  it('refuses 9999-W52, whose Sunday is 2 January 10000, naming the years and the last week that ends in 9999', () => {
    expect(weekPastLastDate('9999-W52')).toBe('9999-W52 runs into the year 10000, past the years 1000 to 9999 that dates may have (see "Limits"), so it never ends: name a week up to 9999-W51');
  });

  it('refuses exactly the weeks whose Sunday luxon puts after 9999, among the last and first years\' weeks', () => {
    for (const year of [1000, 1001, 2014, 9998, 9999]) {
      for (let week = 1; week <= isoWeeksInYear(year); week++) {
        const name = `${year}-W${String(week).padStart(2, '0')}`;
        const sunday = DateTime.fromObject({ weekYear: year, weekNumber: week, weekday: 7 }, { zone: 'UTC' });
        expect(weekPastLastDate(name) !== undefined, name).toBe(sunday.year > 9999);
      }
    }
  });

  it('keeps 1000-W01, which starts on 30 December 999 but ends in 1000 and holds entries from 1000-01-03', () => {
    expect(weekPastLastDate('1000-W01')).toBeUndefined();
  });
});
