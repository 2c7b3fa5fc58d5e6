import { windows1252Reference } from './windows1252Reference.js';

// What a CMS export writes into a title for the typographer's characters: `Kim Jong Un&#8217;s`, `2014&ndash;15`. A
// text field is plain text, so readers would see the reference as typed. Only numeric references and WordPress's
// typographic names: `&amp;` or `&lt;` in a title may be meant as written.
const TYPOGRAPHIC: Readonly<Record<string, string>> = { rsquo: '\u2019', lsquo: '\u2018', rdquo: '\u201D', ldquo: '\u201C', ndash: '\u2013', mdash: '\u2014', hellip: '\u2026', nbsp: '\u00A0' };
const REFERENCE = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(rsquo|lsquo|rdquo|ldquo|ndash|mdash|hellip|nbsp));/g;

/** The first character reference in `value` and the text with each one written as its character; undefined when none. */
export function characterReferences(value: string): { reference: string; text: string } | undefined {
  if (!value.includes('&')) return undefined;
  let first: string | undefined;
  const text = value.replace(REFERENCE, (whole, decimal: string | undefined, hex: string | undefined, name: string | undefined) => {
    const code = decimal !== undefined ? Number(decimal) : hex !== undefined ? parseInt(hex, 16) : undefined;
    // 0x80–0x9F as HTML reads them (`&#146;` is ’): the control character itself would be dropped on output.
    const character = name !== undefined ? TYPOGRAPHIC[name] : code === undefined ? undefined : code >= 0x80 && code <= 0x9f ? windows1252Reference(code) : code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : undefined;
    if (character === undefined) return whole;
    first ??= whole;
    return character;
  });
  return first === undefined ? undefined : { reference: first, text };
}
