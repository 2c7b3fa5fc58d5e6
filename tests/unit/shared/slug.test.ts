import { describe, expect, it } from 'vitest';
import { domainToUnicode } from 'node:url';
import { slugify } from '../../../lib/shared/slug.js';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

describe('slugify', () => {
  it('lowercases and joins words with hyphens', () => {
    expect(slugify('Special economic zones')).toBe('special-economic-zones');
  });

  it('drops accents from Latin letters', () => {
    expect(slugify('Rasŏn')).toBe('rason');
    expect(slugify('Économie Café')).toBe('economie-cafe');
  });

  it('turns other scripts into IDNA punycode words', () => {
    const slug = slugify('북한');
    expect(slug).toMatch(/^xn--[a-z0-9]+$/);
    // The slug is the word's IDNA form: decoding it gives the tag back.
    expect(domainToUnicode(slug)).toBe('북한');
    expect(slugify('北朝鮮 economy')).toMatch(/^xn--[a-z0-9]+-economy$/);
  });

  it('keeps distinct non-Latin tags distinct', () => {
    expect(slugify('북한')).not.toBe(slugify('남한'));
  });

  it('can never escape the output folder', () => {
    for (const tag of ['../../etc/passwd', '..', '.', '/', 'a/../b', '..\\..\\windows', '%2e%2e']) {
      const slug = slugify(tag);
      expect(slug).toMatch(SLUG);
      expect(slug).not.toContain('/');
      expect(slug).not.toContain('.');
    }
  });

  it('is never empty, even for punctuation or emoji', () => {
    for (const tag of ['!!!', '🚀', '   ', '—']) expect(slugify(tag)).toMatch(SLUG);
  });

  it('limits the length of a slug', () => {
    expect(slugify('word '.repeat(100)).length).toBeLessThanOrEqual(80);
  });
});
