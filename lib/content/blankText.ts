// White space, and the characters of no width that draw nothing (zero width space, non-joiner and joiner, word joiner;
// U+FEFF, the zero width no-break space, is white space to `\s`): a heading of `&#8203;` alone shows nothing.
const BLANK = /^[\s\u200b-\u200d\u2060]*$/;

/**
 * Whether `text` shows a reader nothing: white space and characters of no width alone. The sanitiser drops an element
 * of such text as left empty (sanitizeEntryHtml), and the summary passes such text over (firstParagraphText).
 */
export function isBlankText(text: string): boolean {
  return BLANK.test(text);
}

// A character of no width alone: which a blank paragraph holds, it is no spacer an editor typed (`&nbsp;`, `<br>`) but
// one pasted unseen, which `check` names (emptiedElementWarning).
const NO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/;

/** Whether `text` holds a character of no width (U+200B to U+200D, U+2060, U+FEFF). */
export function holdsNoWidthCharacter(text: string): boolean {
  return NO_WIDTH.test(text);
}
