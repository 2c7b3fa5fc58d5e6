/** Text to put into a string at `at`, replacing what runs up to `to` when given. */
export interface Insertion {
  at: number;
  text: string;
  to?: number;
}

/**
 * `html` with each insertion made, at offsets into the original (as parse5's source locations give them). Stable: of
 * two at the same offset, the one listed first goes first (a region's end before the next one's start).
 */
export function insertAt(html: string, insertions: Insertion[]): string {
  let result = '';
  let from = 0;
  for (const { at, text, to } of [...insertions].sort((a, b) => a.at - b.at)) {
    result += html.slice(from, at) + text;
    from = to ?? at;
  }
  return result + html.slice(from);
}
