import { describe, expect, it } from 'vitest';
import { isEnglish, ownWords } from '../../../lib/shared/ownWords.js';

// WCAG 2.2 3.1.2: the pages' own English words are marked lang="en" on a site in another language, and only there.
describe('ownWords', () => {
  it('takes any tag whose primary subtag is en, in any case, for English', () => {
    for (const tag of ['en', 'en-GB', 'EN-us', 'en-Latn-IN']) expect(isEnglish(tag), tag).toBe(true);
    for (const tag of ['ko', 'ar', 'eng', 'enm', 'de-CH']) expect(isEnglish(tag), tag).toBe(false);
  });

  it('marks nothing on an English site', () => {
    expect(ownWords('en-GB')).toEqual({ direction: 'ltr', page: ' lang="en-GB"', en: '', typed: '', typedBlock: '', back: '←' });
  });

  it("marks the own words English, and typed text inside them in the site's language, on another site", () => {
    expect(ownWords('ko')).toEqual({ direction: 'ltr', page: ' lang="ko"', en: ' lang="en"', typed: ' lang="ko"', typedBlock: ' lang="ko"', back: '←' });
  });

  it('on a right-to-left site, sets the page right to left, the own words left to right, and a block of typed text back right to left', () => {
    expect(ownWords('ar')).toEqual({ direction: 'rtl', page: ' lang="ar" dir="rtl"', en: ' lang="en" dir="ltr"', typed: ' lang="ar"', typedBlock: ' lang="ar" dir="rtl"', back: '→' });
  });
});
