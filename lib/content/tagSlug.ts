import { BoundedCache } from '../shared/boundedCache.js';
import { slugify } from '../shared/slug.js';

/**
 * How a tag is spelled, for telling spellings apart: case, accents, and runs of spaces, hyphens and underscores
 * do not count ("North Korea", "north-korea"); anything else does ("C++" and "C" are different tags).
 */
export function tagSpelling(name: string): string {
  // A site has few distinct tags and many entries carrying them, each read by several checks: each is spelled once.
  return spellings.get(name, computeSpelling);
}

const spellings = new BoundedCache<string, string>(10_000);

function computeSpelling(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[\s_-]+/g, ' ').trim();
}

/** A tag's slug: the one site.yml's `tagSlugs` gives its spelling, else slugify's. */
export function tagSlug(name: string, overrides: Readonly<Record<string, string>> | undefined): string {
  if (overrides) {
    const chosen = overrides[tagSpelling(name)];
    if (chosen !== undefined) return chosen;
  }
  return slugify(name);
}

/**
 * What slugify makes and a tag folder may be named: lowercase words of letters and digits, joined by hyphens; a word
 * may be IDNA punycode (`xn--pr3b894b`, RFC 3492), as slugify writes Hangul, so tagSlugs can name such a tag's slug.
 */
export const TAG_SLUG = /^(?:xn--)?[a-z0-9]+(?:-(?:xn--)?[a-z0-9]+)*$/;
