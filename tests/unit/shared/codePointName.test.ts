import { describe, expect, it } from 'vitest';
import { codePointName } from '../../../lib/shared/codePointName.js';

describe('codePointName', () => {
  it('writes U+ and four uppercase hex digits at least, the whole code point beyond the BMP', () => {
    expect(['\u00ad', '\u200b', '\ufeff', '\u{1f680}', '\t'].map(codePointName)).toEqual(['U+00AD', 'U+200B', 'U+FEFF', 'U+1F680', 'U+0009']);
  });
});
