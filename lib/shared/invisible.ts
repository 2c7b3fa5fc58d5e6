/**
 * Characters a reader never sees, as a regular expression's character class body (with the `u` flag): Unicode's
 * Default_Ignorable_Code_Point (a zero-width space or joiner, a soft hyphen, a BOM, a variation selector, the
 * combining grapheme joiner, the Hangul filler, bidi controls). The rules on names and ids share it, so a character one
 * of them takes for invisible every other does too.
 */
export const INVISIBLE = '\\p{Default_Ignorable_Code_Point}';
