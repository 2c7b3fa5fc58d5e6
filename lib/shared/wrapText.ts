import stringWidth from 'string-width';
import { BoundedCache } from './boundedCache.js';
import { UNSPACED, WORDS } from './unspacedScripts.js';
import { cleanText } from './xmlText.js';

/**
 * Plain text word-wrapped for an email's text part: the digest's and the confirmation's. 72 columns, as RFC 5322
 * §2.1.1 asks for lines of at most 78 characters.
 */
export const WIDTH = 72;

/** White space other than a space: with a double space or a space at either end, what `\s+` → ' ' and trim() change. */
const NOT_A_SPACE = /[^\S ]/;

function isNormalized(text: string): boolean {
  // A string search and a one-class test: an alternation of the four cases is far slower over every summary.
  return !(text.charCodeAt(0) === 32 || text.charCodeAt(text.length - 1) === 32 || text.includes('  ') || NOT_A_SPACE.test(text));
}

/**
 * Word-wraps `text` to WIDTH columns, each line starting with `indent`; a word longer than a line stays whole.
 * Chinese, Japanese, Thai and the other scripts written without spaces break between their words too (unspacedWords).
 */
export function wrapText(text: string, indent: string): string[] {
  const lines: string[] = [];
  wrapLines(text, indent, (line) => lines.push(line));
  return lines;
}

/** wrapText, giving each line to `emit` as it is made. */
export function wrapLines(raw: string, indent: string, emit: (line: string) => void): void {
  const text = cleanText(raw);
  // Most text is already single-spaced: replacing every space with itself cost more than the wrapping.
  const normalized = isNormalized(text) ? text : text.replace(/\s+/g, ' ').trim();
  if (normalized === '') return;
  // Below U+1100 a UTF-16 unit other than a mark or a format character is a code point and a column: most text is
  // measured by its length. The rest (curly quotes and dashes, emoji, Hangul, CJK, combining marks: Devanagari's
  // vowel signs, Hebrew's points), and Thai, Lao and Burmese, whose words have no spaces between them, are measured
  // word by word, in columns.
  if (IN_COLUMNS.test(normalized)) return wrapInColumns(normalized, indent, emit);
  // Most titles, sources and tag lists fit one line: no need to split them.
  if (indent.length + normalized.length <= WIDTH) return emit(indent + normalized);
  // A line is a run of whole words of `normalized`, [lineStart, lineEnd): sliced out, not built word by word.
  let lineStart = 0;
  let lineEnd = -1;
  let wordStart = 0;
  while (wordStart <= normalized.length) {
    let wordEnd = normalized.indexOf(' ', wordStart);
    if (wordEnd < 0) wordEnd = normalized.length;
    // The line so far, a space and this word would pass WIDTH: the line ends before the word.
    if (lineEnd >= 0 && indent.length + (lineEnd - lineStart) + 1 + (wordEnd - wordStart) > WIDTH) {
      emit(indent + normalized.slice(lineStart, lineEnd));
      lineStart = wordStart;
    }
    lineEnd = wordEnd;
    wordStart = wordEnd + 1;
  }
  if (lineEnd > lineStart) emit(indent + normalized.slice(lineStart, lineEnd));
}

/**
 * A character from U+1100 (Hangul Jamo) on, or half of a surrogate pair; of Thai, Lao or Burmese (UNSPACED below
 * U+1100); or a mark or format character, which takes no column of its own (a combining accent, a Devanagari vowel
 * sign, a soft hyphen).
 */
const IN_COLUMNS = /[\u0e00-\u0eff\u1000-\u109f]|[^\u0000-\u10ff]|[\p{M}\p{Cf}]/u;

/**
 * The columns `text` takes on a fixed-width screen, as a terminal lays it out (string-width): a grapheme cluster
 * (UAX #29) at a time, two for an East Asian Wide or Fullwidth one (UAX #11) or an emoji, a ZWJ sequence included,
 * none for a cluster of marks or format characters alone, and a mark, a variation selector or a joiner after its base
 * none: a Thai vowel above its consonant takes no column of its own. An ambiguous character takes one.
 */
export function columns(text: string): number {
  return widths.get(text, stringWidth);
}

/**
 * string-width's count, kept for each word: segmenting every word into clusters is the costliest part of wrapping
 * Hangul, CJK and Thai, and a site's words repeat.
 */
const widths = new BoundedCache<string, number>(10_000);

/** wrapLines for text with characters past U+1100, or marks: word by word, each measured in columns. */
function wrapInColumns(normalized: string, indent: string, emit: (line: string) => void): void {
  const room = WIDTH - indent.length;
  let line = '';
  let width = 0;
  const add = (word: string, space: string) => {
    const wordWidth = columns(word);
    if (line === '') {
      line = word;
      width = wordWidth;
    } else if (width + space.length + wordWidth > room) {
      emit(indent + line);
      line = word;
      width = wordWidth;
    } else {
      line += space + word;
      width += space.length + wordWidth;
    }
  };
  for (const word of normalized.split(' ')) {
    if (!UNSPACED.test(word) || HANGUL.test(word)) add(word, ' ');
    else unspacedWords(word).forEach((part, index) => add(part, index === 0 ? ' ' : ''));
  }
  emit(indent + line);
}

/**
 * Korean has spaces between its words and breaks only there (its rule, `word-break: keep-all`), so a run with Hangul
 * in it is left whole; a run of a script written without spaces (UNSPACED: Chinese, Japanese, Thai…) breaks between
 * its words, or a sentence would be one line hundreds of columns wide.
 */
const HANGUL = /\p{Script=Hangul}/u;
/** Opening punctuation (Ps, Pi: 「 （ “): a line never ends on it (UAX #14 LB14), so it goes with the word after it. */
const OPENING = /^[\p{Ps}\p{Pi}]/u;

/**
 * A run without spaces cut into the words ICU finds in it (Intl.Segmenter), where a line may break: punctuation
 * stays with the word before it (a line never starts with 。 、 」: UAX #14 LB13, LB30), opening punctuation with the
 * word after it.
 */
function unspacedWords(run: string): string[] {
  const parts: string[] = [];
  // The last part is opening punctuation alone, waiting for its word.
  let opened = false;
  for (const { segment, isWordLike } of WORDS.segment(run)) {
    const opening = !isWordLike && OPENING.test(segment);
    if (parts.length === 0 || ((isWordLike || opening) && !opened)) parts.push(segment);
    else parts[parts.length - 1] += segment;
    opened = opening || (opened && !isWordLike);
  }
  return parts;
}
