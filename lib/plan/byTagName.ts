import type { Tag } from '../content/entry.js';

/**
 * Orders tags as readers look for them, by name: its letters without their accents (NFKD, marks dropped),
 * lowercased, compared code point by code point, so `Économie` stands among the e's; ties by the name with its accents (NFC,
 * lowercased), then by slug. Hangul syllables are encoded in 가나다 order, and decomposed into their jamo they keep it; Latin
 * letters are in alphabetical order; a slug (`xn--…` for Hangul) is in neither. Not Intl.Collator: its order follows
 * the ICU data of the Node that runs it, and the same content must give the same bytes everywhere it is published.
 */
export function byTagName(a: Tag, b: Tag): number {
  return byCodePoint(letters(a.name), letters(b.name)) || byCodePoint(a.name.normalize('NFC').toLowerCase(), b.name.normalize('NFC').toLowerCase()) || byCodePoint(a.slug, b.slug);
}

const letters = (name: string) => name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

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
