import { describe, expect, it } from 'vitest';
import { skippedSendDays, skippedSendTimeWarning } from '../../../lib/delivery/skippedSendTimes.js';

const NOW = Date.UTC(2026, 11, 5);
const sunday = (hour: number, minute: number) => ({ day: 7, hour, minute });

describe('send times the clocks skip (the gap of a forward DST change)', () => {
  it('finds each send day whose time falls in the gap, and none for a time just after it or in the repeated hour', () => {
    // The EU goes forward at 02:00 on the last Sunday of March: 28 Mar 2027, 26 Mar 2028, 25 Mar 2029, 31 Mar 2030, 30 Mar 2031.
    expect(skippedSendDays('Europe/Berlin', sunday(2, 30), NOW)).toEqual(['2027-03-28', '2028-03-26', '2029-03-25', '2030-03-31', '2031-03-30']);
    expect(skippedSendDays('Europe/Berlin', sunday(3, 0), NOW)).toEqual([]);
    expect(skippedSendDays('Europe/Berlin', sunday(1, 59), NOW)).toEqual([]);
    // The US goes forward at 02:00 on the second Sunday of March (14 March 2027), back on the first of November.
    expect(skippedSendDays('America/New_York', sunday(2, 0), NOW, 1)).toEqual(['2027-03-14']);
    // Lord Howe Island goes forward half an hour at 02:00 on the first Sunday of October (3 October 2027).
    expect(skippedSendDays('Australia/Lord_Howe', sunday(2, 15), NOW, 1)).toEqual(['2027-10-03']);
    expect(skippedSendDays('Australia/Lord_Howe', sunday(2, 30), NOW, 1)).toEqual([]);
    expect(skippedSendDays('Asia/Seoul', { day: 1, hour: 8, minute: 0 }, NOW)).toEqual([]);
  });

  it("warns about digest.time in check's one-line form, naming the zone and the first such day", () => {
    expect(skippedSendTimeWarning('America/New_York', sunday(2, 30), NOW)).toEqual({
      file: 'site.yml',
      field: 'digest.time',
      message: '"02:30" on Sundays is skipped in America/New_York when the clocks go forward (on 2027-03-14 and 4 more Sundays in the next 5 years): EventBridge Scheduler skips a run due then, so that week\'s digest would not be sent',
      fix: 'choose a time outside 02:00–03:00, which the clocks skip',
    });
    // Lord Howe Island's clocks go from 02:00 to 02:30 (+10:30 to +11:00) on the first Sunday of October.
    expect(skippedSendTimeWarning('Australia/Lord_Howe', sunday(2, 15), NOW)?.fix).toBe('choose a time outside 02:00–02:30, which the clocks skip');
    expect(skippedSendTimeWarning('America/New_York', { day: 1, hour: 2, minute: 30 }, NOW)).toBeUndefined();
  });
});
