import type { Tag } from '../content/entry.js';

/**
 * Orders tags as readers look for them, by name: NFC, lowercased, compared code point by code point, ties by slug.
 * Hangul syllables are encoded in 가나다 order and Latin letters in alphabetical order; a slug (`xn--…` for Hangul)
 * is in neither. Not Intl.Collator: its order follows the ICU data of the Node that runs it, and the same content
 * must give the same bytes everywhere it is published.
 */
export function byTagName(a: Tag, b: Tag): number {
  return byCodePoint(nameKey(a.name), nameKey(b.name)) || byCodePoint(a.slug, b.slug);
}

const nameKey = (name: string) => name.normalize('NFC').toLowerCase();

/** String `<` compares UTF-16 code units, which puts U+10000 and above before U+E000–U+FFFF. */
function byCodePoint(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}
