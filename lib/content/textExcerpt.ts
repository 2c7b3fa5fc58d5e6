import { UNSPACED, WORDS } from '../shared/unspacedScripts.js';

const GRAPHEMES = new Intl.Segmenter('und', { granularity: 'grapheme' });
const WHITE_SPACE = /\s/;

/**
 * `text` when it is at most `maxChars` characters (code points, as MAX_TEXT_CHARS counts them); otherwise its start,
 * cut where a word ends so that it and a closing "…" make at most `maxChars`: at the last white space that fits, or
 * between two words of a script written without spaces (UNSPACED) where that comes later. When neither leaves at least
 * half of the room (one word longer than that: an address), it is cut after the last whole character a reader sees
 * (a grapheme cluster, UAX #29: an emoji sequence or a letter and its accents kept whole), and failing that (one
 * cluster of hundreds of marks) between two code points. Never inside a surrogate pair. The text is plain (a default
 * summary): the character references its output writes come after the cut, so no cut falls inside one.
 */
export function textExcerpt(text: string, maxChars: number): string {
  // A code point is one or two UTF-16 units: a text of no more units is within the limit.
  if (text.length <= maxChars) return text;
  // The end (in UTF-16 units) of the first maxChars - 1 code points: the room before the ellipsis.
  let room = 0;
  for (let count = 0; count < maxChars - 1 && room < text.length; count++) room += isPairAt(text, room) ? 2 : 1;
  // At most one code point after the room: the text is within maxChars after all.
  if (room >= text.length || room + (isPairAt(text, room) ? 2 : 1) >= text.length) return text;
  let space = room;
  while (space >= 0 && !WHITE_SPACE.test(text[space]!)) space--;
  // The run without white space that the room ends in.
  const runStart = space + 1;
  let cut = space;
  if (UNSPACED.test(text.slice(runStart, room))) cut = Math.max(cut, lastStart(WORDS, text, runStart, room));
  if (cut < room / 2) {
    const grapheme = lastStart(GRAPHEMES, text, runStart, room);
    cut = grapheme >= room / 2 ? grapheme : room;
  }
  // A fresh string: a slice would keep the whole paragraph, perhaps the entry file, alive in the entry index.
  return (' ' + text.slice(0, cut).trimEnd() + '…').slice(1);
}

/** Whether a surrogate pair (one code point) starts at `index`. */
function isPairAt(text: string, index: number): boolean {
  const unit = text.charCodeAt(index);
  if (unit < 0xd800 || unit > 0xdbff) return false;
  const next = text.charCodeAt(index + 1);
  return next >= 0xdc00 && next <= 0xdfff;
}

/**
 * The last boundary `segmenter` finds at or before `end` (an index in `text`) in the run of `text` from `runStart` to
 * the next white space, past the run's start; -1 when there is none. Only up to LOOK_PAST `end` is segmented: a
 * segmenter reads a run whole, however long, while a boundary depends only on the text near it (ICU's dictionary
 * words are far shorter).
 */
function lastStart(segmenter: Intl.Segmenter, text: string, runStart: number, end: number): number {
  const ahead = text.slice(runStart, end + LOOK_PAST);
  const runEnd = ahead.search(WHITE_SPACE);
  let last = -1;
  for (const { index } of segmenter.segment(runEnd < 0 ? ahead : ahead.slice(0, runEnd))) {
    if (runStart + index > end) break;
    if (index > 0) last = runStart + index;
  }
  return last;
}

const LOOK_PAST = 100;
