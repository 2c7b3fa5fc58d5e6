import { parseFragment } from 'parse5';

/**
 * The character a numeric character reference to 0x80–0x9F stands for in HTML: the HTML Standard (§13.2.5.80,
 * numeric character reference end state) reads it as the Windows-1252 character of that byte, `&#146;` as ’ and
 * `&#150;` as –, as text pasted from old Windows software means it. parse5 reads references as that section says;
 * undefined outside 0x80–0x9F and for the five bytes Windows-1252 leaves unassigned (0x81, 0x8D, 0x8F, 0x90, 0x9D),
 * which stay control characters.
 */
export function windows1252Reference(code: number): string | undefined {
  if (code < 0x80 || code > 0x9f) return undefined;
  const node = parseFragment(`&#${code};`).childNodes[0];
  const text = node && 'value' in node ? node.value : undefined;
  return text === undefined || /^[\u0080-\u009f]$/.test(text) ? undefined : text;
}
