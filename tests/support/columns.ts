import { eastAsianWidth } from 'get-east-asian-width';

/** The columns of a fixed-width screen `text` takes, counted a code point at a time: two for an East Asian Wide or Fullwidth character (UAX #11), else one. */
export function columns(text: string): number {
  return [...text].reduce((sum, character) => sum + (eastAsianWidth(character.codePointAt(0)!, { ambiguousAsWide: false }) === 2 ? 2 : 1), 0);
}
