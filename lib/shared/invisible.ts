/**
 * Characters a reader never sees, as a regular expression's character class body (with the `u` flag): Unicode's
 * Default_Ignorable_Code_Point (a zero-width space or joiner, a soft hyphen, a BOM, a variation selector, the
 * combining grapheme joiner, the Hangul filler, bidi controls). The rules on names and ids share it, so a character one
 * of them takes for invisible every other does too.
 */
export const INVISIBLE = '\\p{Default_Ignorable_Code_Point}';

/**
 * The invisible characters that change nothing beside them, as a character class body: a soft hyphen (a hyphen only
 * where a line breaks), a zero-width space (a place a line may break), the word joiner and the invisible operators,
 * a byte-order mark inside text. Word and web pages leave them in pasted words. Unlike a zero-width joiner or
 * non-joiner, a variation selector or a bidi control, which change how the letters beside them are drawn, a reader
 * sees the same text without them.
 */
export const UNSEEN_BETWEEN = '\\u00AD\\u200B\\u2060-\\u2064\\uFEFF';
