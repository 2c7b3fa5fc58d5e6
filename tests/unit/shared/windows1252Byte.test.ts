import { describe, expect, it } from 'vitest';
import { windows1252Reference } from '../../../lib/content/windows1252Reference.js';
import { windows1252Byte } from '../../../lib/shared/windows1252Byte.js';

describe('windows1252Byte', () => {
  it('agrees with the HTML parser on every byte from 0x80 to 0x9F (the same table, WHATWG HTML §13.2.5.80), and names none outside', () => {
    for (let byte = 0x80; byte <= 0x9f; byte++) expect(windows1252Byte(byte), byte.toString(16)).toBe(windows1252Reference(byte));
    expect([0x92, 0x93, 0x94, 0x96].map(windows1252Byte)).toEqual(['\u2019', '\u201C', '\u201D', '\u2013']);
    expect([0x7f, 0xa0, 0xe9].map(windows1252Byte)).toEqual([undefined, undefined, undefined]);
  });
});
