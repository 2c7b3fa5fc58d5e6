import { describe, expect, it } from 'vitest';
import { parseIsoWeek } from '../../../lib/time/isoWeek.js';
import { weekRangeText } from '../../../lib/time/weekRangeText.js';

const range = (name: string, language: string, zone = 'Asia/Kathmandu') => weekRangeText(parseIsoWeek(name, zone)!, language);

describe('weekRangeText: the dash closed up only between two day numbers of one month', () => {
  it('closes it up within a month: 2014-W19 is Monday 5 to Sunday 11 May 2014', () => {
    expect(range('2014-W19', 'en-GB')).toBe('5–11 May 2014');
    expect(range('2014-W19', 'en')).toBe('May 5–11, 2014');
  });

  it('keeps the spaces across months: 2014-W18 is Monday 28 April to Sunday 4 May 2014', () => {
    expect(range('2014-W18', 'en-GB')).toBe('28 April – 4 May 2014');
  });

  // The weeks that hold 1 January and start in December: 2015-W53 (28 December 2015 to 3 January 2016, a week-year
  // of 53 weeks), 2026-W01 (29 December 2025 to 4 January 2026), 2011-W52 in Apia (26 December 2011 to 1 January 2012,
  // without its skipped 30 December). Closed up, "2015–3" would read as a span of years.
  it('keeps the spaces across years, where a year and a day number meet at the dash', () => {
    expect(range('2015-W53', 'en-GB')).toBe('28 December 2015 – 3 January 2016');
    expect(range('2026-W01', 'en-GB', 'Europe/London')).toBe('29 December 2025 – 4 January 2026');
    expect(range('2011-W52', 'en-GB', 'Pacific/Apia')).toBe('26 December 2011 – 1 January 2012');
    expect(range('2015-W53', 'en')).toBe('December 28, 2015 – January 3, 2016');
    expect(range('2015-W53', 'de')).toBe('28. Dezember 2015 – 3. Januar 2016');
  });
});

// ICU has no interval pattern for long dates in Japanese and Chinese, and falls back to numbers ("2014/05/05～2014/05/11").
// The range is written as the site writes every date, with ICU's own separator, the shared year and month left out.
describe('weekRangeText in Japanese and Chinese: long dates, as every other date of the site', () => {
  it('within a month: 2014-W19, Monday 5 to Sunday 11 May 2014', () => {
    expect(range('2014-W19', 'ja')).toBe('2014年5月5日～11日');
    expect(range('2014-W19', 'zh-Hant')).toBe('2014年5月5日至11日');
  });

  it('across months: 2014-W18, Monday 28 April to Sunday 4 May 2014', () => {
    expect(range('2014-W18', 'ja')).toBe('2014年4月28日～5月4日');
    expect(range('2014-W18', 'zh-Hant')).toBe('2014年4月28日至5月4日');
  });

  it('across years: 2015-W53, Monday 28 December 2015 to Sunday 3 January 2016', () => {
    expect(range('2015-W53', 'ja')).toBe('2015年12月28日～2016年1月3日');
  });

  it('leaves a language whose range ICU writes in full as ICU writes it (Korean)', () => {
    expect(range('2014-W19', 'ko')).toBe('2014년 5월 5일~11일');
  });
});
