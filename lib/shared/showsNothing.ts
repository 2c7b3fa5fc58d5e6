import { cleanText } from './xmlText.js';
import { codePointName } from './codePointName.js';

/**
 * Characters that take no room and leave no mark: white space; format characters (Unicode's Cf: the zero-width space
 * and joiners, the soft hyphen, bidi controls, the byte-order mark); variation selectors and the combining grapheme
 * joiner, which only modify a neighbour; and the letters fonts draw blank (the Hangul fillers, the braille blank).
 */
const INVISIBLE = /[\p{White_Space}\p{Cf}\u034F\u115F\u1160\u180B-\u180D\u2800\u3164\uFE00-\uFE0F\uFFA0\u{E0100}-\u{E01EF}]/gu;

/**
 * The invisible characters of `text` as `U+XXXX` names, when nothing else is left once the control characters every
 * output removes (cleanText) are gone: a title, name or tag of only these reads as blank in every reader. Otherwise
 * undefined. An empty text gives an empty list.
 */
export function showsNothing(text: string): string[] | undefined {
  // Most texts hold a printable ASCII character, which shows.
  if (/[!-~]/.test(text)) return undefined;
  const clean = cleanText(text);
  if (clean.replace(INVISIBLE, '') !== '') return undefined;
  const names = [...new Set(clean.match(INVISIBLE) ?? [])].filter((char) => !/\p{White_Space}/u.test(char));
  return names.map(codePointName);
}
