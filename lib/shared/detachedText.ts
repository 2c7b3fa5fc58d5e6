/**
 * The same text as a string of its own. V8 makes a substring of 13 characters or more (slice, trim, a parser's
 * capture) a SlicedString, which points into its parent and so keeps the whole parent alive: a title js-yaml cut out
 * of an entry's front matter keeps the entry's whole file text for as long as the title is kept. A value kept for a
 * whole publish is detached here. structuredClone copies the characters (lone surrogates too) into a new flat string.
 */
export function detachedText(text: string): string {
  return structuredClone(text);
}
