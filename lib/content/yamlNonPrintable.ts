import { codePointName } from '../shared/codePointName.js';

// YAML 1.2 §5.1 (c-printable), as js-yaml tests it: C0 but tab, LF and CR; DEL and C1 but NEL; U+FFFE and U+FFFF.
// A lone surrogate cannot come from UTF-8, which the file was checked to be.
export const NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]/;
export const NON_PRINTABLE_ALL = new RegExp(NON_PRINTABLE.source, 'g');

/** `U+0001, a control character, at column 3`: a character YAML does not read (or U+FEFF), found at `index` of `line`. */
export function yamlNonPrintable(line: string, character: string, index: number): string {
  const code = character.charCodeAt(0);
  const kind = code === 0xfeff ? 'a byte-order mark' : code >= 0xfffe ? 'a noncharacter' : 'a control character';
  return `${codePointName(character)}, ${kind}, at column ${[...line.slice(0, index)].length + 1}`;
}
