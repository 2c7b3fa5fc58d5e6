import { describe, expect, it } from 'vitest';
import { prng } from '../../../bench/corpus.js';
import { NearNames } from '../../../lib/shared/nearNames.js';
import { nearestName } from '../../../lib/shared/nearestName.js';

// NearNames compares a typed name only with the names that share a form with it (up to two letters deleted from
// each): it must answer as nearestName does over the whole list, slips, swaps, ties and case and dashes included.
describe('NearNames', () => {
  it('answers as nearestName over every name, for typed names one to three slips from them', () => {
    const random = prng(50);
    const letters = 'abcde-';
    const word = (length: number) => Array.from({ length }, () => letters[Math.floor(random() * letters.length)]).join('');
    const names = [...new Set(Array.from({ length: 300 }, () => word(2 + Math.floor(random() * 8))))];
    const slip = (text: string) => {
      const at = Math.floor(random() * (text.length + 1));
      const kind = Math.floor(random() * 4);
      if (kind === 0) return text.slice(0, at) + text.slice(at + 1);
      if (kind === 1) return text.slice(0, at) + word(1) + text.slice(at);
      if (kind === 2) return text.slice(0, at) + word(1) + text.slice(at + 1);
      return text.slice(0, at) + text.slice(at + 1, at + 2) + text.slice(at, at + 1) + text.slice(at + 2);
    };
    const index = new NearNames(names);
    const disagreements: string[] = [];
    let found = 0;
    for (let i = 0; i < 3000; i++) {
      let typed = names[Math.floor(random() * names.length)]!;
      for (let slips = 1 + (i % 3); slips > 0; slips--) typed = slip(typed);
      if (i % 7 === 0) typed = typed.toUpperCase();
      const expected = nearestName(typed, names);
      if (expected !== undefined) found++;
      if (index.nearest(typed) !== expected) disagreements.push(`${typed}: ${index.nearest(typed)} / ${expected}`);
    }
    expect(disagreements.slice(0, 5)).toEqual([]);
    // The comparison means something only if many typed names have an answer.
    expect(found).toBeGreaterThan(300);
  });

  it('finds a swap, a letter left out or added, case and dashes; none between two or beyond two slips', () => {
    const index = new NearNames(['Trade', 'Sanctions', 'North Korea', 'dry-run', 'cat', 'bag']);
    expect(index.nearest('Trdae')).toBe('Trade');
    expect(index.nearest('Sanctons')).toBe('Sanctions');
    expect(index.nearest('Norht Koreaa')).toBe('North Korea');
    expect(index.nearest('DRYRUN')).toBe('dry-run');
    expect(index.nearest('bat')).toBeUndefined();
    expect(index.nearest('Tarfif')).toBeUndefined();
  });
});
