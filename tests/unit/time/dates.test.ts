import { describe, expect, it } from 'vitest';
import { parseEntryDate } from '../../../lib/time/dates.js';

// YYYY-MM-DD dates are cached per zone: a cached answer must be the answer for that zone, never another's.
describe('parseEntryDate, YYYY-MM-DD', () => {
  it('is midnight in the zone it is asked for, asked again or in another zone', () => {
    const millis = (zone: string) => {
      const parsed = parseEntryDate('2014-05-08', zone);
      if (!parsed.ok) throw new Error(parsed.message);
      return parsed.value.toMillis();
    };
    const seoul = Date.UTC(2014, 4, 7, 15); // 2014-05-08T00:00+09:00
    const newYork = Date.UTC(2014, 4, 8, 4); // 2014-05-08T00:00-04:00 (daylight time)
    expect(millis('Asia/Seoul')).toBe(seoul);
    expect(millis('America/New_York')).toBe(newYork);
    expect(millis('Asia/Seoul')).toBe(seoul);
    expect(millis('America/New_York')).toBe(newYork);
  });

  it('reports an impossible day every time it is asked', () => {
    for (let i = 0; i < 2; i++) expect(parseEntryDate('2014-02-30', 'Asia/Seoul')).toMatchObject({ ok: false, message: '2014-02-30 is not a real date' });
  });

  it('keeps the zone of the value it returns', () => {
    const parsed = parseEntryDate('2014-05-08', 'Europe/Berlin');
    expect(parsed.ok && parsed.value.zoneName).toBe('Europe/Berlin');
  });
});
