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

describe('parseNow and what else a date-time may carry', () => {
  it('refuses a bracketed time zone (RFC 9557), saying it is not read and giving the time with its offset alone', () => {
    expect(() => parseNow('2027-01-04T00:00:00+13:00[Pacific/Auckland]')).toThrow(
      new UsageError('--now: "2027-01-04T00:00:00+13:00[Pacific/Auckland]" ends in [Pacific/Auckland], a bracketed time zone (RFC 9557) that --now does not read (write the time with its offset alone: 2027-01-04T00:00:00+13:00)'),
    );
    // An offset the zone contradicts (Paris is +01:00 in January) is not read either way, nor a calendar suffix.
    expect(() => parseNow('2027-01-04T00:00:00+13:00[Europe/Paris][u-ca=iso8601]')).toThrow(/ends in \[Europe\/Paris\]\[u-ca=iso8601\], .*offset alone: 2027-01-04T00:00:00\+13:00\)$/);
    expect(() => parseNow('2027-01-04T00:00[Pacific/Auckland]')).toThrow(/does not read \(write the time with its offset alone, e.g. 2027-01-04T00:00Z for UTC or 2027-01-04T00:00\+09:00\)$/);
  });

  it('takes a space for the T, as an entry\'s date does, and still wants the offset', () => {
    // 00:00 at +13:00 on 4 January is 11:00 UTC on 3 January.
    expect(parseNow('2027-01-04 00:00:00+13:00').toMillis()).toBe(Date.UTC(2027, 0, 3, 11));
    expect(parseNow('2027-01-04 00:00Z').toMillis()).toBe(Date.UTC(2027, 0, 4));
    expect(() => parseNow('2027-01-04 00:00')).toThrow('has a time but no offset');
  });
});

describe('parseNow by an entry date\'s rules', () => {
  it('refuses 24:00, a week date and a leap second, as an entry\'s date does, in its words', () => {
    expect(() => parseNow('2026-01-05T24:00:00Z')).toThrow(new UsageError('--now: 2026-01-05T24:00:00Z is not a real date and time (check the month, day, hour (00-23) and minute (00-59))'));
    expect(() => parseNow('2026-W53-1')).toThrow(new UsageError('--now: "2026-W53-1" is not a date (write YYYY-MM-DD, or an RFC 3339 date-time such as 2014-05-12T09:30:00+09:00)'));
    expect(() => parseNow('2016-12-31T23:59:60Z')).toThrow(new UsageError('--now: 2016-12-31T23:59:60Z: the seconds must be from 00 to 59 (write the seconds from 00 to 59 (for a leap second, write :59))'));
    // ISO 8601 forms RFC 3339 has not: the basic format, an ordinal date, a month alone.
    for (const value of ['20140601T090000Z', '2014-152', '2014-06']) expect(() => parseNow(value), value).toThrow(`--now: "${value}" is not a date`);
  });

  it('refuses a year before 1000 or after 9999, and an offset beyond ±23:59, in its own words', () => {
    for (const value of ['0000-01-01T00:00:00Z', '+010000-01-01T00:00:00Z', '2014-05-01T00:00:00+25:00']) {
      expect(() => parseNow(value), value).toThrow(UsageError);
      expect(() => parseNow(value), value).toThrow(`--now: ${JSON.stringify(value)} is outside the years 1000 to 9999`);
      expect(() => parseNow(value), value).not.toThrow('Invalid time value');
    }
  });

  it('keeps its own years (1000 to 9999, first and last day included) and reads +0900 as +09:00, as date +%z writes it', () => {
    expect(parseNow('1000-01-01').toMillis()).toBe(Date.UTC(1000, 0, 1));
    expect(parseNow('2014-06-01T09:00:00+0900').toMillis()).toBe(Date.UTC(2014, 5, 1));
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
