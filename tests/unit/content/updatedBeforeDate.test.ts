import { describe, expect, it } from 'vitest';
import { parseEntry } from '../../../lib/content/entry.js';
import { entry, entryText } from '../../support/content.js';

const KEY = 'entries/2014/a.md';
const SEOUL = { timezone: 'Asia/Seoul' };
const SAYS = 'every feed gives the date as the update time, and the page shows no correction';
const FIX = 'check both years; if the correction did come before the date, remove updated:';
const updatedWarnings = (fields: Record<string, unknown>, validateOnly = false) =>
  parseEntry(entryText(entry(fields)), KEY, SEOUL, { validateOnly }).warnings.filter((w) => w.field === 'updated');

// A correction comes after what it corrects: an updated: before the date is shown as the date (feeds' update time,
// no "Updated" on the page), so it says nothing, and a year typed wrong in either is the likely cause.
describe('an updated: earlier than the date', () => {
  it('is named on updated:, with its line, both values as typed and the fix, in check and publish alike', () => {
    for (const [date, updated] of [['2014-05-08', '1014-05-09'], ['2104-05-08', '2014-05-09']]) {
      const line = entryText(entry({ date, updated })).split('\n').findIndex((text) => text.startsWith('updated:')) + 1;
      const expected = [{ file: KEY, line, field: 'updated', message: `${updated} is earlier than the date, ${date}: ${SAYS}`, fix: FIX }];
      expect(updatedWarnings({ date, updated })).toEqual(expected);
      expect(updatedWarnings({ date, updated }, true)).toEqual(expected);
    }
  });

  it('compares instants: a day later as typed but earlier with the offsets', () => {
    // 2014-05-07T23:59:59-23:59 is 2014-05-08T23:58:59Z; 2014-05-09T00:00:00+23:59 is 2014-05-08T00:01:00Z.
    expect(updatedWarnings({ date: '2014-05-07T23:59:59-23:59', updated: '2014-05-09T00:00:00+23:59' })).toMatchObject([
      { message: `2014-05-09T00:00:00+23:59 is earlier than the date, 2014-05-07T23:59:59-23:59: ${SAYS}` },
    ]);
    // A date alone is its midnight: the same day as a date with a time is earlier, and the fix asks for the time.
    expect(updatedWarnings({ date: '2014-05-08T10:00', updated: '2014-05-08' })).toMatchObject([
      { message: `2014-05-08 is earlier than the date, 2014-05-08T10:00: ${SAYS}`, fix: "give updated: the correction's time, after the date's, or remove it" },
    ]);
    // The site's zone: 09:00 in Seoul is midnight UTC.
    expect(updatedWarnings({ date: '2014-05-08T09:00:00', updated: '2014-05-08T00:30:00Z' })).toEqual([]);
    expect(updatedWarnings({ date: '2014-05-08T09:00:00', updated: '2014-05-07T23:59:59Z' })).toHaveLength(1);
  });

  it('is not named when the same as the date or later, nor when either is refused', () => {
    for (const updated of ['2014-05-08', '2014-05-08T00:00:00+09:00', '2014-05-09', '2024-01-01']) expect(updatedWarnings({ date: '2014-05-08', updated }), updated).toEqual([]);
    expect(parseEntry(entryText(entry({ date: '2014-05-08', updated: '0914-05-08' })), KEY, SEOUL).warnings).toEqual([]);
    expect(updatedWarnings({ date: 'soon', updated: '1014-05-09' })).toEqual([]);
  });
});
