import { describe, expect, it } from 'vitest';
import { countOf } from '../../../lib/shared/countOf.js';

describe('countOf', () => {
  it('puts the noun in the singular for exactly one, the plural for every other count', () => {
    expect(countOf(1, 'entry', 'entries')).toBe('1 entry');
    expect(countOf(0, 'entry', 'entries')).toBe('0 entries');
    expect(countOf(2, 'tag', 'tags')).toBe('2 tags');
    expect(countOf(101_919, 'file', 'files')).toBe('101919 files');
  });
});
