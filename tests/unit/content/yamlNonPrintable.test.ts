import { describe, expect, it } from 'vitest';
import { NON_PRINTABLE_ALL, yamlNonPrintable } from '../../../lib/content/yamlNonPrintable.js';

describe('yamlNonPrintable', () => {
  it('names the character, its kind and its column counted in code points', () => {
    // "😀" is two UTF-16 units but one column, so U+0001 at index 3 is column 3.
    const line = '😀a\u0001b';
    expect(yamlNonPrintable(line, '\u0001', 3)).toBe('U+0001, a control character, at column 3');
    expect(yamlNonPrintable('ab\uFFFF', '\uFFFF', 2)).toMatch(/^U\+FFFF.*, a noncharacter, at column 3$/);
  });

  it('finds C0 but tab, LF and CR, DEL and C1 but NEL, and U+FFFE/U+FFFF (YAML 1.2 §5.1)', () => {
    const found = [...'\t\n\r\u0000\u001F\u007F\u0085\u009F\uFFFE\u00A0'.matchAll(NON_PRINTABLE_ALL)].map((m) => m[0]);
    expect(found).toEqual(['\u0000', '\u001F', '\u007F', '\u009F', '\uFFFE']);
  });
});
