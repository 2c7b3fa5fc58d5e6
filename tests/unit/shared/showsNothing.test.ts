import { describe, expect, it } from 'vitest';
import { showsNothing } from '../../../lib/shared/showsNothing.js';

// A title, name or tag that every reader shows blank is refused as blank (lib/content/entry.ts, site.ts).
describe('showsNothing', () => {
  it('names the invisible characters of a text that holds nothing else', () => {
    expect(showsNothing('\u200B')).toEqual(['U+200B']);
    expect(showsNothing(' \u200C\u200D\u2060\uFEFF ')).toEqual(['U+200C', 'U+200D', 'U+2060', 'U+FEFF']);
    expect(showsNothing('\u202E\u202C')).toEqual(['U+202E', 'U+202C']);
    expect(showsNothing('\u00AD')).toEqual(['U+00AD']);
  });

  it('counts the letters fonts draw blank and the variation selectors as nothing', () => {
    expect(showsNothing('\u3164')).toEqual(['U+3164']);
    expect(showsNothing('\u115F\u1160')).toEqual(['U+115F', 'U+1160']);
    expect(showsNothing('\u2800')).toEqual(['U+2800']);
    expect(showsNothing('\uFE0F')).toEqual(['U+FE0F']);
  });

  it('leaves out the control characters every output removes, and white space, from the names', () => {
    expect(showsNothing('\u0001\u200B\u00A0')).toEqual(['U+200B']);
    expect(showsNothing('  ')).toEqual([]);
  });

  it('is undefined for a text with any character that shows: a letter, a digit, an emoji, a CJK ideograph, punctuation', () => {
    for (const text of ['a', '\u200Ba', '7', '🗞', '\u2764\uFE0F', '북한', '\u200B北', '—', 'ـ', '\u0627\u200C']) expect(showsNothing(text), text).toBeUndefined();
  });
});
