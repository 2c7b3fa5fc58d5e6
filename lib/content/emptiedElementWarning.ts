import { bodyDrops, type BodyDrops } from './bodyDrops.js';

// A quick look, before any parse: a heading or a quotation (an ATX `#` line or a `>` line, a setext underline, a raw
// HTML tag), each looked for only where the character it needs is in the body (one pattern of all three, tried at every
// position of every body, was most of this warning's cost to `check`), and something that may leave one empty (a bare
// `#` or `>`, an image, a link, a reference, raw HTML, a space that is not ASCII, such as the no-break space).
const ATX_OR_QUOTE = /^ {0,3}(?:#{1,6}(?:[ \t]|$)|>)/m;
const SETEXT = /^ {0,3}(?:=+|-+)[ \t]*$/m;
const HTML_HEADING = /<(?:h[1-6]|blockquote)[\t\n\f\r />]/i;
const mayHold = (body: string) =>
  ((body.includes('#') || body.includes('>')) && ATX_OR_QUOTE.test(body)) || ((body.includes('=') || body.includes('-')) && SETEXT.test(body)) || (body.includes('<') && HTML_HEADING.test(body));
const MAY_EMPTY = /!\[|\]\(|&|<|[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]|^ {0,3}#{1,6}[ \t]*(?:#+[ \t]*)?$|^ {0,3}>[ \t]*$/m;
const HEADING = /^h[1-6]$/;

/**
 * The warning for the headings and quotations a body leaves with nothing a reader sees (a bare `#`, a heading or
 * quotation of an image dropped for its `data:` address, of hidden content or of `&nbsp;` alone), which every feed and
 * page drops (sanitizeEntryHtml): the first one's line in the body (0-based, also for one only the second pass of a
 * raw HTML body drops), and how many more. The body is rendered (`drops`, against the site's `baseUrl` where given) only
 * when it may hold one.
 */
export function emptiedElementWarning(body: string, baseUrl = 'https://example.org/', drops: () => BodyDrops = bodyDrops(body, baseUrl)): { line?: number; message: string; fix: string } | undefined {
  if (!mayHold(body) || !MAY_EMPTY.test(body)) return undefined;
  const [first, ...others] = drops().emptied.filter((element) => HEADING.test(element.tag) || element.tag === 'blockquote');
  if (first === undefined) return undefined;
  const heading = HEADING.test(first.tag);
  const more = others.length === 0 ? '' : `; and ${others.length} more heading${others.length === 1 ? '' : 's'} or quotation${others.length === 1 ? '' : 's'} so`;
  const warning = {
    message: `${heading ? 'a heading' : 'a quotation'} shows nothing (it is empty, or all it holds every feed and page drops: an image whose address is not http or https, such as data:, hidden content, white space), so every feed and page leaves it out${heading ? ', and moves up a level a heading after it that would skip one' : ''}${more}`,
    fix: `${heading ? "write the heading's text" : 'write what it quotes'} (an image needs an http or https address), or delete it`,
  };
  return first.line === undefined ? warning : { line: first.line, ...warning };
}
