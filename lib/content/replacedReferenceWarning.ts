import { quote } from '../shared/quote.js';
import { markdown, type DroppedReference } from './markdownParser.js';

// Every reference markdownParser lists in env.replacedReferences is to U+D800 or above: a quick look before parsing.
const MAY_BE_REPLACED = /&#(?:[xX]0*[1-9a-fA-F][0-9a-fA-F]{3,}|0*[1-9]\d{4,})/;

/**
 * The warning for the numeric references in a body's text or raw HTML that every feed and page publishes as U+FFFD
 * (the replacement character, �), as they stand for no character a reader can read (markdownParser: a surrogate, a
 * code point beyond U+10FFFF, a noncharacter): the first named with what it is, the rest counted; one in code, shown
 * as typed, is not named. `line` is the first one's line in the body (0-based). A reference to U+0000 is dropped
 * instead, and named by controlReferenceWarning.
 */
export function replacedReferenceWarning(body: string): { line: number; message: string; fix: string } | undefined {
  if (!body.includes('&#') || !MAY_BE_REPLACED.test(body)) return undefined;
  const env = { replacedReferences: [] as DroppedReference[] };
  markdown.parse(body, env);
  const [first, ...others] = env.replacedReferences;
  if (first === undefined) return undefined;
  const { reference } = first;
  const hex = /^&#[xX]/.test(reference);
  const digits = reference.slice(hex ? 3 : 2).replace(';', '');
  const code = hex ? parseInt(digits, 16) : Number(digits);
  const what =
    code > 0x10ffff
      ? 'a number beyond U+10FFFF, the last code point Unicode has'
      : code >= 0xd800 && code <= 0xdfff
        ? `U+${code.toString(16).toUpperCase()}, a surrogate, half of a UTF-16 pair and no character by itself`
        : `U+${code.toString(16).toUpperCase().padStart(4, '0')}, a noncharacter, which Unicode keeps for programs' own use`;
  const more = others.length === 0 ? '' : `; and ${others.length} more such reference${others.length === 1 ? '' : 's'}`;
  const lines = body.split('\n');
  const index = lines.findIndex((text, line) => line >= first.blockLine && text.includes(reference));
  return {
    line: index < 0 ? first.blockLine : index,
    message: `holds ${quote(reference)}, a reference to ${what}: every feed and page shows it as U+FFFD (\uFFFD)${more}`,
    fix: `${others.length === 0 ? `delete ${reference}` : `delete ${reference} and the others`}, or write the character meant`,
  };
}
