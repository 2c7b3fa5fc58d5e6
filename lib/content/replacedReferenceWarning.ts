import { quote } from '../shared/quote.js';
import { markdown, type DroppedReference } from './markdownParser.js';

// Every reference markdownParser lists in env.replacedReferences is to U+D800 or above: a quick look before parsing.
const MAY_BE_REPLACED = /&#(?:[xX]0*[1-9a-fA-F][0-9a-fA-F]{3,}|0*[1-9]\d{4,})/;

// How each place shows a reference to no character. A Markdown link's or image's address and title keep it as typed
// (markdown-it reads no other reference so), and in an address its `#` starts the fragment (RFC 3986 §3.5).
const PLACES = {
  text: { where: '', how: 'every feed and page shows it as U+FFFD (\uFFFD)', meant: 'character' },
  link: { where: " in a link's address", how: 'the address keeps it as typed, where its "#" starts a fragment, so the link leads elsewhere', meant: 'address' },
  image: { where: " in an image's address", how: 'the address keeps it as typed, where its "#" starts a fragment, so the image is looked for elsewhere', meant: 'address' },
  title: { where: ' in a title', how: 'the title keeps it as typed and shows it so', meant: 'character' },
} as const;

/**
 * The warning for the numeric references in a body that stand for no character a reader can read (markdownParser: a
 * surrogate, a code point beyond U+10FFFF, a noncharacter): in text and raw HTML every feed and page publishes them as
 * U+FFFD (the replacement character, �), and a Markdown link's or image's address or title keeps them as typed. The
 * first named with what it is and where, the rest counted; one in code, shown as typed, is not named. `line` is the
 * first one's line in the body (0-based). A reference to U+0000 is dropped instead, and named by controlReferenceWarning.
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
  // A link reference definition may come before the paragraph that uses it.
  const after = lines.findIndex((text, line) => line >= first.blockLine && text.includes(reference));
  const index = after < 0 ? lines.findIndex((text) => text.includes(reference)) : after;
  const shown = PLACES[first.place ?? 'text'];
  return {
    line: index < 0 ? first.blockLine : index,
    message: `holds ${quote(reference)}${shown.where}, a reference to ${what}: ${shown.how}${more}`,
    fix: `${others.length === 0 ? `delete ${reference}` : `delete ${reference} and the others`}, or write the ${shown.meant} meant`,
  };
}
