import { codePointName } from '../shared/codePointName.js';
import { cleanText } from '../shared/xmlText.js';

/**
 * The warning for a body that holds, as typed, a character every output drops (cleanText: a control character, a
 * noncharacter): pasted text brings them (a NUL, U+0007, U+0085), and no editor shows them. Markdown would show U+0000
 * as U+FFFD (CommonMark §2.3); markdownParser drops it as the others are dropped. `line` is the first one's line in the
 * body (0-based). References (`&#0;`) are controlReferenceWarning's.
 */
export function rawControlWarning(body: string): { line: number; message: string; fix: string } | undefined {
  if (cleanText(body) === body) return undefined;
  const dropped = [...body].filter((character) => cleanText(character) === '');
  const [first] = dropped;
  if (first === undefined) return undefined;
  const index = body.indexOf(first);
  const line = index < 0 ? 0 : body.slice(0, index).split('\n').length - 1;
  const code = first.codePointAt(0)!;
  const what = code <= 0x9f ? 'a control character' : code >= 0xd800 && code <= 0xdfff ? 'a lone surrogate half (no character)' : 'a noncharacter';
  const more = dropped.length === 1 ? '' : ` and ${dropped.length - 1} more such`;
  return {
    line,
    message: `holds ${codePointName(first)}, ${what}${more}, which every feed, page and mail drops, unseen`,
    fix: `delete it (most editors do not show it: search for ${codePointName(first)}), or write the character meant`,
  };
}
