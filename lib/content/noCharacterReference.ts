import { windows1252Reference } from './windows1252Reference.js';

// A numeric reference as HTML reads one (WHATWG HTML §13.2.5.72–80): hexadecimal digits in group 1, decimal in 2.
const NUMERIC = /&#(?:[xX]([0-9a-fA-F]+)|(\d+));?/g;

/**
 * The first numeric reference in `value` to no character a reader can read, or undefined: to U+0000 or beyond
 * U+10FFFF, a surrogate (HTML reads these as U+FFFD), a noncharacter (U+FDD0–U+FDEF, the last two of each plane), a
 * control character other than tab, line feed and carriage return (one of 0x80–0x9F only where Windows-1252 leaves
 * the byte unassigned, as HTML reads the others as its characters). Every output drops or replaces what it stands
 * for, and YAML reads none of them typed raw in a file.
 */
export function noCharacterReference(value: string): string | undefined {
  if (!value.includes('&#')) return undefined;
  for (const [reference, hex, decimal] of value.matchAll(NUMERIC)) {
    const code = hex !== undefined ? parseInt(hex, 16) : Number(decimal);
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || (code >= 0xfdd0 && code <= 0xfdef) || (code & 0xfffe) === 0xfffe) return reference;
    if (code === 0 || (code < 0x20 && code !== 9 && code !== 10 && code !== 13) || code === 0x7f) return reference;
    if (code >= 0x80 && code <= 0x9f && windows1252Reference(code) === undefined) return reference;
  }
  return undefined;
}
