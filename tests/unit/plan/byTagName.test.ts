import { describe, expect, it } from 'vitest';
import { byTagName } from '../../../lib/plan/byTagName.js';
import { slugify } from '../../../lib/shared/slug.js';

const tag = (name: string, slug = slugify(name)) => ({ name, slug });
const names = (list: string[]) => list.map((name) => tag(name)).sort(byTagName).map((t) => t.name);

describe('byTagName', () => {
  it('orders Hangul names in 가나다 order, which their xn-- slugs do not follow', () => {
    // Initial consonants ㅂ (북), ㅅ (석), ㅈ (제, 중); 제 before 중 by the vowel, ㅔ before ㅜ.
    expect(names(['중국', '제재', '북한경제', '석탄', 'UN'])).toEqual(['UN', '북한경제', '석탄', '제재', '중국']);
  });

  it('orders Latin names alphabetically, whatever their case', () => expect(names(['trade', 'Sanctions', 'coal', 'China'])).toEqual(['China', 'coal', 'Sanctions', 'trade']));

  it('orders an accented name among its letters, not after z', () => expect(names(['Zones', 'Économie', 'Energy', 'Ecology'])).toEqual(['Ecology', 'Économie', 'Energy', 'Zones']));

  it('orders a name typed decomposed (NFD) as its composed twin', () => {
    const nfd = '북한'.normalize('NFD');
    expect(names([nfd, '북', '북한경제'])).toEqual(['북', nfd, '북한경제']);
  });

  it('orders names alike by slug', () => expect([tag('Trade', 'trade-b'), tag('trade', 'trade-a')].sort(byTagName).map((t) => t.slug)).toEqual(['trade-a', 'trade-b']));

  it('compares code points, not UTF-16 units: U+E000 before U+1F600 (😀), whose first unit is U+D83D', () =>
    expect(names(['\u{1F600}', '\uE000'])).toEqual(['\uE000', '\u{1F600}']));
});
