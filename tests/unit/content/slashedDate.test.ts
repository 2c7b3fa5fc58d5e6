import { describe, expect, it } from 'vitest';
import { slashedDate } from '../../../lib/content/slashedDate.js';

describe('slashedDate', () => {
  it('reads a year-first date not written YYYY-MM-DD as the date it means', () => {
    expect(slashedDate('date', '2014-5-8')).toEqual({ message: '"2014-5-8" is not a date in the form YYYY-MM-DD', fix: 'write date: 2014-05-08' });
  });

  it('has nothing to say of a date already in the form YYYY-MM-DD, whatever a caller found wrong with it', () => {
    expect(slashedDate('date', '2014-05-08')).toBeUndefined();
    expect(slashedDate('date', ' 2014-05-08 ')).toBeUndefined();
  });
});
