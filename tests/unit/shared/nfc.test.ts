import { describe, expect, it } from 'vitest';
import { nfc } from '../../../lib/shared/nfc.js';

// nfc skips String#normalize for text it holds to be in NFC already: every character, beside every other, must then
// be unchanged by normalize, and text with any other character must still be normalised.
describe('nfc', () => {
  it('gives what String#normalize gives, for each BMP character alone, after a letter and before a combining mark', () => {
    const differ: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const char = String.fromCharCode(code);
      for (const text of [char, `e${char}`, `${char}\u0301`, `\u1100${char}`]) {
        if (nfc(text) !== text.normalize('NFC')) differ.push(text);
      }
    }
    expect(differ).toEqual([]);
  });

  it('gives what String#normalize gives for each pair of characters below U+0300', () => {
    let differ = 0;
    for (let a = 0; a < 0x300; a++) {
      for (let b = 0; b < 0x300; b++) {
        const text = String.fromCharCode(a, b);
        if (text.normalize('NFC') !== text || nfc(text) !== text) differ++;
      }
    }
    expect(differ).toBe(0);
  });

  it('normalises decomposed text and keeps undefined', () => {
    expect(nfc('Cafe\u0301')).toBe('Café');
    expect(nfc('\u1112\u1161\u11AB')).toBe('\uD55C');
    expect(nfc(undefined)).toBeUndefined();
  });
});
