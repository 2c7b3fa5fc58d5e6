import { describe, expect, it } from 'vitest';
import { subscriptText, superscriptText } from '../../../lib/content/superscriptText.js';

// Expected values worked out by hand from Unicode's superscript and subscript characters.
describe('superscriptText', () => {
  it('writes a raised figure in superscript characters when each of its characters has one', () => {
    expect(superscriptText('2')).toBe('²');
    expect(superscriptText('6')).toBe('⁶');
    expect(superscriptText('-10')).toBe('⁻¹⁰');
    expect(superscriptText('(n+1)')).toBe('⁽ⁿ⁺¹⁾');
  });

  it('leaves letters alone as written (an ordinal), marks anything else with ^, and in a formula brackets it', () => {
    expect(superscriptText('st')).toBe('st');
    expect(superscriptText('2a')).toBe('^2a');
    expect(superscriptText('*')).toBe('^*');
    expect(superscriptText('a', true)).toBe('^a');
    expect(superscriptText('ab', true)).toBe('^(ab)');
    expect(superscriptText('')).toBe('');
  });
});

describe('subscriptText', () => {
  it('writes subscript characters when each has one, else _ and the text, bracketed when longer than one', () => {
    expect(subscriptText('12', true)).toBe('₁₂');
    // i and j have no subscript form in Superscripts and Subscripts (U+2090–U+209C holds a e o x ə h k l m n p s t).
    expect(subscriptText('i', true)).toBe('_i');
    expect(subscriptText('i+1', true)).toBe('_(i+1)');
  });

  it('has the letters of Superscripts and Subscripts (U+2090–U+209C)', () => {
    expect(subscriptText('t', true)).toBe('ₜ');
    expect(subscriptText('t-1', true)).toBe('ₜ₋₁');
    expect(subscriptText('max')).toBe('ₘₐₓ');
  });

  it('in running text (a sub element), marks what has no subscript form with _ alone, letters too', () => {
    expect(subscriptText('2')).toBe('₂');
    expect(subscriptText('ij')).toBe('_ij');
    expect(subscriptText('2b')).toBe('_2b');
    expect(subscriptText('')).toBe('');
  });
});
