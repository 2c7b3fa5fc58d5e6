import { describe, expect, it } from 'vitest';
import { clockTimeMeant } from '../../../lib/content/clockTimeMeant.js';
import { parseDigestConfig } from '../../../lib/content/digestConfig.js';

describe('clockTimeMeant', () => {
  it('reads a time typed loosely as the HH:MM it means', () => {
    // 24-hour times padded; am/pm on the 12-hour clock, where 12am is midnight and 12pm noon; a YAML whole number as hours.
    const cases: [unknown, string][] = [
      ['8:00', '08:00'], ['8.30', '08:30'], ['20h15', '20:15'], ['0:05', '00:05'],
      ['8am', '08:00'], ['8 AM', '08:00'], ['8:30 p.m.', '20:30'], ['12am', '00:00'], ['12pm', '12:00'], ['11:59pm', '23:59'],
      [8, '08:00'], [0, '00:00'], [23, '23:00'],
    ];
    for (const [typed, meant] of cases) expect(clockTimeMeant(typed), String(typed)).toBe(meant);
  });

  it('reads nothing from what is no time of day', () => {
    for (const typed of ['25:00', '8:60', '13pm', '0am', '8', 'noon', "8 o'clock", '8:00:00', 8.3, 24, -1, ['08:00'], null]) expect(clockTimeMeant(typed), String(typed)).toBeUndefined();
  });
});

describe('digest.time typed loosely', () => {
  it('is refused with the quoted HH:MM it means as the fix', () => {
    expect(parseDigestConfig({ time: '8:00' }).problems).toMatchObject([{ field: 'digest.time', message: '"8:00" is not a time of day', fix: 'write the local send time as HH:MM in quotes: "08:00"' }]);
    expect(parseDigestConfig({ time: '8pm' }).problems).toMatchObject([{ field: 'digest.time', fix: 'write the local send time as HH:MM in quotes: "20:00"' }]);
    // Nothing it could mean: the general fix.
    expect(parseDigestConfig({ time: '25:00' }).problems).toMatchObject([{ field: 'digest.time', fix: 'write the local send time as HH:MM in quotes, e.g. "08:00"' }]);
  });
});
