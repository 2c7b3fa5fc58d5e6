/**
 * A numeric character reference to U+0000 or to a control character no output holds (C0 but tab, LF and CR, and DEL:
 * xmlText drops them, XML 1.0 §2.2): `&#0;`, `&#x00;`, `&#1;`, `&#x1B;`, `&#127;`; the semicolon may be left out, as
 * HTML reads it (§13.2.5.80, numeric character reference end state). HTML reads U+0000 as U+FFFD, CommonMark each of
 * them in text as U+FFFD, which readers see as � and the Nu checker reports; each stands for a control character,
 * which no output holds (README, Encoding), so it is dropped.
 */
export const CONTROL_REFERENCE = /&#(?:[xX]0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F]|7[fF])(?![0-9a-fA-F])|0*(?:[0-8]|1[124-9]|2\d|3[01]|127)(?!\d));?/g;

/**
 * A numeric character reference to 0x80–0x9F, with its semicolon: HTML reads it as a Windows-1252 character (`&#146;`
 * as ’, windows1252Reference), or as a control character for the five bytes Windows-1252 leaves unassigned. Group 1
 * holds its hexadecimal digits, group 2 its decimal ones.
 */
export const C1_REFERENCE = /&#(?:[xX]0*([89][0-9a-fA-F])|0*(12[89]|1[3-5]\d));/g;

/**
 * A numeric character reference to one of the five bytes Windows-1252 leaves unassigned (0x81, 0x8D, 0x8F, 0x90,
 * 0x9D), which HTML reads as that C1 control character (§13.2.5.80) and C1_REFERENCE's readers drop: `&#129;`,
 * `&#x8D;`, `&#0157;`; the semicolon may be left out, as HTML reads it. Any other C1 reference (`&#146;`) is a character.
 */
export const UNASSIGNED_C1_REFERENCE = /&#(?:[xX]0*(?:81|8[dDfF]|90|9[dD])(?![0-9a-fA-F])|0*(?:129|141|143|144|157)(?!\d));?/g;

/**
 * Whether a text may hold a reference some output drops: one to a control character (CONTROL_REFERENCE), or to an
 * unassigned byte (UNASSIGNED_C1_REFERENCE), dropped from a link's or image's address or title and a raw HTML tag. A
 * quick look before parsing; not global, so that `test` keeps no state.
 */
export const MAY_HOLD_DROPPED_REFERENCE = new RegExp(`${CONTROL_REFERENCE.source}|${UNASSIGNED_C1_REFERENCE.source}`);
