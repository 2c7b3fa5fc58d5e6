import type { Problem } from '../shared/errors.js';
import { codePointName } from '../shared/codePointName.js';
import { quote } from '../shared/quote.js';
import { cleanText } from '../shared/xmlText.js';

/** What a character cleanText drops is, in words. */
function kind(character: string): string {
  const code = character.codePointAt(0)!;
  if (code >= 0xd800 && code <= 0xdfff) return 'a lone surrogate half (no character)';
  return code <= 0x9f ? 'a control character' : 'a noncharacter';
}

/**
 * The warning for a text field that holds a character every output drops (cleanText: a control character, a
 * noncharacter, a lone surrogate half): a YAML escape (`"\uDC00"`, `"\x01"`) puts one there, or one YAML reads as
 * typed (NEL, a noncharacter but U+FFFE and U+FFFF). The field is published without it, and no editor shows it.
 * `published`: the field as published, when more than those characters is taken from it (a tag's name, trimmed and
 * in NFC); else the value without them.
 */
export function droppedCharacterWarning(file: string, field: string, value: string | undefined, published?: string): Problem | undefined {
  if (value === undefined) return undefined;
  const cleaned = cleanText(value);
  if (cleaned === value) return undefined;
  // Code points, so a surrogate pair is read whole and an astral noncharacter named as one.
  const dropped = [...value].filter((character) => cleanText(character) === '');
  const [first] = dropped;
  if (first === undefined) return undefined;
  const more = dropped.length === 1 ? '' : ` and ${dropped.length - 1} more such`;
  return {
    file,
    field,
    message: `holds ${codePointName(first)}, ${kind(first)}${more}, which every feed, page and mail drops: published as ${quote(published ?? cleaned)}`,
    fix: 'delete it: most often a YAML escape, "\\u…" or "\\x…", typed by mistake',
  };
}
