import { describe, expect, it } from 'vitest';
import { languageDirection } from '../../../lib/shared/languageDirection.js';

// A language is written right to left when its script is (Arabic, Hebrew, Thaana, Syriac, N'Ko…): the script the
// tag names, else the one its language is usually written in.
describe('languageDirection', () => {
  it('takes languages written in a right-to-left script for right to left', () => {
    for (const tag of ['ar', 'ar-EG', 'he', 'fa', 'ur', 'ps', 'sd', 'ug', 'yi', 'dv', 'syr', 'ckb']) expect(languageDirection(tag), tag).toBe('rtl');
  });

  it('follows a script the tag names', () => {
    for (const tag of ['az-Arab', 'pa-Arab', 'uz-Arab-AF']) expect(languageDirection(tag), tag).toBe('rtl');
    for (const tag of ['az', 'pa', 'uz', 'ku']) expect(languageDirection(tag), tag).toBe('ltr');
  });

  it('takes the others, and a tag it cannot read, for left to right', () => {
    for (const tag of ['en', 'en-GB', 'ko', 'ja', 'zh-Hant-TW', 'ru', 'hi', 'am', 'not a tag']) expect(languageDirection(tag), tag).toBe('ltr');
  });
});
