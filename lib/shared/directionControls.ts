/** The directional formatting characters that open an embedding or override (U+202A–U+202E) or an isolate (U+2066–U+2068). */
const OPENERS = new Set(['\u202A', '\u202B', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068']);
const POP_EMBEDDING = '\u202C';
const POP_ISOLATE = '\u2069';
const isIsolate = (opener: string) => opener >= '\u2066';

/**
 * The directional formatting characters `text` opens and never closes, outermost first (UAX #9 §2.1–2.2: an
 * embedding or override ends at U+202C POP DIRECTIONAL FORMATTING, an isolate at U+2069 POP DIRECTIONAL ISOLATE;
 * a pop closes as rules X6a and X7 do).
 */
export function openDirectionControls(text: string): string[] {
  const open: string[] = [];
  for (const character of text) {
    if (OPENERS.has(character)) open.push(character);
    else if (character === POP_ISOLATE) {
      const isolate = open.findLastIndex(isIsolate);
      if (isolate >= 0) open.length = isolate;
    } else if (character === POP_EMBEDDING) {
      // Closes the innermost embedding or override, unless an isolate is open inside it.
      if (open.length > 0 && !isIsolate(open[open.length - 1]!)) open.pop();
    }
  }
  return open;
}

/**
 * `text` with each directional formatting character it leaves open closed at its end, innermost first: a field
 * written into a line of plain text, where no markup isolates it (the HTML's <bdi> does), cannot then reorder or
 * turn around the rest of its line.
 */
export function withDirectionClosed(text: string): string {
  const open = openDirectionControls(text);
  if (open.length === 0) return text;
  return text + open.reverse().map((opener) => (isIsolate(opener) ? POP_ISOLATE : POP_EMBEDDING)).join('');
}
