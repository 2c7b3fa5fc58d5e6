/**
 * A numeric character reference to U+0000 or to a control character no output holds (C0 but tab, LF and CR, and DEL:
 * xmlText drops them, XML 1.0 §2.2): `&#0;`, `&#x00;`, `&#1;`, `&#x1B;`, `&#127;`; the semicolon may be left out, as
 * HTML reads it (§13.2.5.80, numeric character reference end state). HTML reads U+0000 as U+FFFD, CommonMark each of
 * them in text as U+FFFD, which readers see as � and the Nu checker reports; each stands for a control character,
 * which no output holds (README, Encoding), so it is dropped.
 */
export const CONTROL_REFERENCE = /&#(?:[xX]0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F]|7[fF])(?![0-9a-fA-F])|0*(?:[0-8]|1[124-9]|2\d|3[01]|127)(?!\d));?/g;
