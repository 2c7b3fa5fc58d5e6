import { describe, expect, it } from 'vitest';
import { unclosedDirectionControl } from '../../../lib/content/unclosedDirectionControl.js';

describe('unclosedDirectionControl (UAX #9 §2.1–2.2)', () => {
  it('names an override, embedding or isolate that is never closed', () => {
    expect(unclosedDirectionControl('Invoice \u202Efdp.exe')).toBe('U+202E RIGHT-TO-LEFT OVERRIDE');
    expect(unclosedDirectionControl('a \u202Ab')).toBe('U+202A LEFT-TO-RIGHT EMBEDDING');
    expect(unclosedDirectionControl('a \u2067b')).toBe('U+2067 RIGHT-TO-LEFT ISOLATE');
    expect(unclosedDirectionControl('\u2068x')).toBe('U+2068 FIRST STRONG ISOLATE');
  });

  it('names each of the seven openers left open, mid-text', () => {
    const openers = ['\u202A', '\u202B', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068'];
    expect(openers.map((opener) => unclosedDirectionControl(`a ${opener}b`)?.slice(0, 6))).toEqual(['U+202A', 'U+202B', 'U+202D', 'U+202E', 'U+2066', 'U+2067', 'U+2068']);
  });

  it('takes one closed by its pop as closed', () => {
    expect(unclosedDirectionControl('a \u202Eb\u202C c')).toBeUndefined();
    expect(unclosedDirectionControl('a \u2067ب\u2069 c')).toBeUndefined();
    expect(unclosedDirectionControl('\u202B\u202Dx\u202C\u202C')).toBeUndefined();
  });

  it('closes every isolate-held embedding at the pop of the isolate, and no isolate with an embedding pop', () => {
    expect(unclosedDirectionControl('\u2066\u202Ex\u2069')).toBeUndefined();
    expect(unclosedDirectionControl('\u2066x\u202C')).toBe('U+2066 LEFT-TO-RIGHT ISOLATE');
    expect(unclosedDirectionControl('\u202Ex\u2069')).toBe('U+202E RIGHT-TO-LEFT OVERRIDE');
  });

  it('leaves text without openers alone, marks and stray pops included', () => {
    expect(unclosedDirectionControl('ارتفاع \u200F(تقرير)')).toBeUndefined();
    expect(unclosedDirectionControl('x\u202C\u2069')).toBeUndefined();
    expect(unclosedDirectionControl('Rail link opens')).toBeUndefined();
  });
});
