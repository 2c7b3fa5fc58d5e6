import { eastAsianWidth } from 'get-east-asian-width';

/** The columns of a fixed-width screen `text` takes, counted a code point at a time: two for an East Asian Wide or Fullwidth character (UAX #11), else one. */
export function columns(text: string): number {
  return [...text].reduce((sum, character) => sum + (eastAsianWidth(character.codePointAt(0)!, { ambiguousAsWide: false }) === 2 ? 2 : 1), 0);
}

/**
 * The columns of text made of Hangul syllables (U+AC00–U+D7A3, two each) and ASCII (one each), by that rule alone,
 * without the library: for the tests of Korean text, which hold the layout to UAX #11 from outside.
 */
export function hangulColumns(text: string): number {
  return [...text].reduce((sum, character) => sum + (/[\uac00-\ud7a3]/.test(character) ? 2 : 1), 0);
}
