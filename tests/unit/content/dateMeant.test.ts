import { describe, expect, it } from 'vitest';
import { dateMeant } from '../../../lib/content/dateMeant.js';

describe('dateMeant', () => {
  it('reads a date written year first, spelled out or as RSS writes it, with the fix for a field', () => {
    expect(dateMeant('date', '2014-5-8')?.fix).toBe('write date: 2014-05-08');
    expect(dateMeant('updated', '3 June 2014')?.fix).toBe('write updated: 2014-06-03');
    // 10:00 at +0000, its offset written as RFC 3339 numbers.
    expect(dateMeant('date', 'Tue, 03 Jun 2014 10:00:00 +0000')?.fix).toBe('write date: 2014-06-03T10:00:00+00:00');
  });

  it('for a flag that takes a day: writes the fix as the flag, and reads no date-time', () => {
    expect(dateMeant('--date', '2014-5-8', true)?.fix).toBe('write --date 2014-05-08');
    expect(dateMeant('--date', '3 June 2014', true)?.fix).toBe('write --date 2014-06-03');
    expect(dateMeant('--date', 'Tue, 03 Jun 2014 10:00:00 +0000', true)).toBeUndefined();
  });

  it('is undefined for text that is no date', () => {
    expect(dateMeant('date', 'soon')).toBeUndefined();
  });
});
