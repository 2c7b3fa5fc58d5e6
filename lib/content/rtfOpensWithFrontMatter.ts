// In RTF a backslash before a line break is a paragraph mark, as is `\par` (Microsoft's Rich Text Format
// Specification 1.9.1, "Special Characters"): TextEdit ends each line of the text with the first, Word with the second,
// so front matter's first line is `---\` or `---\par`.
const RTF_START = /^\{\\rtf/;
const FENCE = /---(?:\\\r?\n|\\par(?![a-z]))/y;
// A control word (`\fs24`, with the one space that may end it) or a control symbol that is no text (`\*`, `\-`);
// and the destinations whose text is no part of the document's: tables, the info group, `{\*\…}` (spec 1.9.1, "Header").
const CONTROL_WORD = /\\[a-z]{1,32}(?:-?\d{1,10})? ?/y;
const NO_TEXT_SYMBOL = /\\[*\-:|\r\n]/y;
const DESTINATION = /\{\\(?:\*|fonttbl|colortbl|stylesheet|info|listtable|listoverridetable|filetbl|rsidtbl|generator|pict|header|footer)(?![a-z])/y;

/**
 * Whether an RTF text's document opens with front matter's first line: the first text after the header's control words
 * and destinations is `---` and a paragraph mark. A `---\` line further down is the note's own text (a rule drawn in it).
 */
export function rtfOpensWithFrontMatter(text: string): boolean {
  if (!RTF_START.test(text)) return false;
  let at = 0;
  // The depth of the group each skipped destination opened at; text inside one is not the document's.
  let depth = 0;
  let skipFrom = Infinity;
  while (at < text.length) {
    const char = text[at]!;
    if (char === '{') {
      DESTINATION.lastIndex = at;
      if (skipFrom === Infinity && DESTINATION.test(text)) skipFrom = depth + 1;
      depth++;
      at++;
    } else if (char === '}') {
      if (depth === skipFrom) skipFrom = Infinity;
      depth--;
      at++;
    } else if (char === '\r' || char === '\n') at++;
    else if (char === '\\' && matchesAt(CONTROL_WORD, text, at)) at = CONTROL_WORD.lastIndex;
    else if (char === '\\' && matchesAt(NO_TEXT_SYMBOL, text, at)) at = NO_TEXT_SYMBOL.lastIndex;
    // An escaped character (`\{`, `\'e9`) inside a destination is its text, never a group's brace.
    else if (skipFrom !== Infinity) at += char === '\\' ? 2 : 1;
    else return matchesAt(FENCE, text, at);
  }
  return false;
}

/** Whether a sticky pattern matches `text` at `at` (its lastIndex then past the match). */
function matchesAt(pattern: RegExp, text: string, at: number): boolean {
  pattern.lastIndex = at;
  return pattern.test(text);
}
