/**
 * A character reference to U+0000 in HTML (`&#0;`, `&#x00;`; the semicolon may be left out): the HTML Standard
 * (§13.2.5.80, numeric character reference end state) reads it as U+FFFD, which readers see as � and the Nu checker
 * reports. It stands for a control character, which no output holds (README, Encoding), so it is dropped.
 */
export const NULL_REFERENCE = /&#(?:[xX]0+(?![0-9a-fA-F])|0+(?!\d));?/g;
