import { describe, expect, it } from 'vitest';
import { quote, QUOTE_MAX_CHARS } from '../../../lib/shared/quote.js';

describe('quote', () => {
  it('quotes a short value whole, as JSON', () => {
    expect(quote('www.example.com/a')).toBe('"www.example.com/a"');
    expect(quote('a"b\n')).toBe('"a\\"b\\n"');
    expect(quote(12)).toBe('12');
    expect(quote(undefined)).toBe('undefined');
  });

  it(`cuts a long string to ${QUOTE_MAX_CHARS} characters and marks the cut`, () => {
    const value = 'a'.repeat(QUOTE_MAX_CHARS) + 'b'.repeat(10_000_000);
    expect(quote(value)).toBe(`"${'a'.repeat(QUOTE_MAX_CHARS)}"…`);
  });

  it('never cuts a surrogate pair in half', () => {
    const value = 'a'.repeat(QUOTE_MAX_CHARS - 1) + '😀'.repeat(5);
    expect(quote(value)).toBe(`"${'a'.repeat(QUOTE_MAX_CHARS - 1)}"…`);
  });

  it('cuts a long list or mapping', () => {
    const text = quote(Array(1000).fill('lol'));
    expect(text.length).toBe(QUOTE_MAX_CHARS + 1);
    expect(text.startsWith('["lol","lol"')).toBe(true);
    expect(text.endsWith('…')).toBe(true);
  });
});
