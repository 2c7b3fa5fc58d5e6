import { describe, expect, it } from 'vitest';
import { chosenTags } from '../../../lib/subscribers/chosenTags.js';
import { meta, testSite } from '../../support/digestFixtures.js';

// An editor's --tags for a subscriber, stored as the digest matches them: the slugs of the site's tags.
const tag = (name: string, slug: string) => ({ name, slug });
const site = testSite({ tagSlugs: { 'C++': 'cpp' } });
const entries = [
  meta('2014-05-08', { tags: [tag('North Korea', 'north-korea'), tag('Trade', 'trade')] }),
  meta('2014-05-09', { tags: [tag('C++', 'cpp')] }),
  meta('2014-05-10', { tags: [tag('Secret', 'secret')], draft: true }),
];

describe('chosenTags', () => {
  it('names a tag by its slug whatever its case, spacing or hyphens', () => {
    expect(chosenTags(['north korea', 'NORTH-KOREA', 'Trade'], site, entries)).toEqual({ ok: true, tags: [tag('North Korea', 'north-korea'), tag('Trade', 'trade')] });
  });

  it('applies site.yml’s tagSlugs', () => {
    expect(chosenTags(['c++'], site, entries)).toEqual({ ok: true, tags: [tag('C++', 'cpp')] });
  });

  it('refuses a tag no entry has, a draft’s included, listing the site’s tags by name', () => {
    expect(chosenTags(['Trade', 'Secret', 'Nuclear'], site, entries)).toEqual({ ok: false, unknown: ['Secret', 'Nuclear'], known: [tag('C++', 'cpp'), tag('North Korea', 'north-korea'), tag('Trade', 'trade')] });
  });

  it('lists the site’s tags by name, not by slug: a Hangul tag’s slug is its xn-- form', () => {
    const korean = [meta('2014-05-08', { tags: [tag('환율', 'xn--bs5bt1z'), tag('가격', 'xn--o39aom')] })];
    expect(chosenTags(['쌀'], site, korean)).toMatchObject({ ok: false, known: [tag('가격', 'xn--o39aom'), tag('환율', 'xn--bs5bt1z')] });
  });
});
