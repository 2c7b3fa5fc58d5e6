import { describe, expect, it } from 'vitest';
import { prng } from '../../../bench/corpus.js';
import { articleKey } from '../../../lib/content/articleKey.js';
import { imageSource } from '../../../lib/content/imageSource.js';
import { withoutTrailing } from '../../../lib/content/withoutTrailing.js';

/** The pattern each caller used before, kept as the reference: the same answers, in time quadratic in an inner run. */
const oldTrim = (text: string, char: string) => text.replace(new RegExp(`${char === '/' ? '\\/' : char}+$`), '');

describe('withoutTrailing', () => {
  it('gives what the pattern c+$ leaves, over generated texts of runs of spaces, slashes and commas', () => {
    const random = prng(6454);
    const pieces = [' ', '/', ',', 'a', 'con', '.md', '  ', '//', ',,'];
    let changed = 0;
    for (let i = 0; i < 5_000; i++) {
      const text = Array.from({ length: Math.floor(random() * 8) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      for (const char of [' ', '/', ',']) {
        const expected = oldTrim(text, char);
        if (withoutTrailing(text, char) !== expected) expect.fail(`${JSON.stringify(text)} without trailing ${JSON.stringify(char)}: ${JSON.stringify(withoutTrailing(text, char))}, the pattern ${JSON.stringify(expected)}`);
        if (expected !== text) changed++;
      }
    }
    // The inputs reached both cases: a run at the end, and none.
    expect(changed).toBeGreaterThan(1_000);
    expect(changed).toBeLessThan(14_000);
  });

  it('takes time linear in a run inside the text: a URL path of 50,000 slashes, a srcset URL of 50,000 commas', () => {
    const began = performance.now();
    const key = articleKey(`https://a.example/a${'/'.repeat(50_000)}b/`);
    const source = imageSource({ srcset: `https://i.example/a${','.repeat(50_000)}b,,` });
    const took = performance.now() - began;
    // The path keeps its inner run and loses its trailing slash; the srcset's one URL loses its trailing commas.
    expect(key).toBe(`https://a.example/a${'/'.repeat(50_000)}b`);
    expect(source).toBe(`https://i.example/a${','.repeat(50_000)}b`);
    // The patterns took seconds here (they grow with the square of the run); one pass, milliseconds.
    expect(took).toBeLessThan(1_000);
  });
});
