import { describe, expect, it } from 'vitest';
import { clockFrom, parseNow } from '../../../cli/now.js';
import { UsageError } from '../../../lib/shared/errors.js';

describe('parseNow', () => {
  it('refuses a time without an offset, which names no instant', () => {
    for (const value of ['2014-06-01T00:00:00', '2014-06-01T09:30', '2014-06-01t09:30:00.5']) {
      expect(() => parseNow(value), value).toThrow(UsageError);
      expect(() => parseNow(value), value).toThrow('has a time but no offset');
    }
  });

  it('takes a time with its offset as that instant, and a date alone as 00:00 UTC', () => {
    // 09:00 at +09:00 is 00:00 UTC.
    expect(parseNow('2014-06-01T09:00:00+09:00').toMillis()).toBe(Date.UTC(2014, 5, 1));
    expect(parseNow('2014-06-01T09:00:00+0900').toMillis()).toBe(Date.UTC(2014, 5, 1));
    expect(parseNow('2014-06-01T00:00:00Z').toMillis()).toBe(Date.UTC(2014, 5, 1));
    expect(parseNow('2014-06-01').toMillis()).toBe(Date.UTC(2014, 5, 1));
  });
});

describe('clockFrom', () => {
  it('reads its start at once, then runs on with the wall clock', () => {
    let wall = 1_000_000;
    const clock = clockFrom(parseNow('2014-05-12T09:00:00+09:00'), () => wall);
    expect(clock().toMillis()).toBe(Date.UTC(2014, 4, 12));
    wall += 601_000;
    expect(clock().toMillis()).toBe(Date.UTC(2014, 4, 12, 0, 10, 1));
  });
});
