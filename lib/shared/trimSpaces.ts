/**
 * `text` without the spaces (U+0020, no other white space) at its start and end, in one pass. `String#trim` would drop
 * a no-break space or U+3000 too, which a YAML value (YAML 1.2 §5.5: white space is a space or a tab) and a mailbox
 * field keep as part of what was typed; `text.replace(/^ +| +$/g, '')` tries ` +$` from every space of a run inside
 * the text, each try to the run's end, so a field of spaces around a word took time quadratic in their number.
 */
export function trimSpaces(text: string): string {
  let start = 0;
  while (start < text.length && text.charCodeAt(start) === 0x20) start++;
  let end = text.length;
  while (end > start && text.charCodeAt(end - 1) === 0x20) end--;
  return text.slice(start, end);
}
