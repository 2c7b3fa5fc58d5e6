import { isNamedWhenEmptied } from './blockLines.js';
import { bodyDrops, type BodyDrops } from './bodyDrops.js';

// A quick look, before any parse: a heading or a quotation (an ATX `#` line or a `>` line, a setext underline, a raw
// HTML tag), each looked for only where the character it needs is in the body (one pattern of all three, tried at every
// position of every body, was most of this warning's cost to `check`), and something that may leave one empty (a bare
// `#` or `>`, an image, a link, a reference, raw HTML, a code span of spaces, a space that is not ASCII, such as the
// no-break space, or a character of no width).
const ATX_OR_QUOTE = /^ {0,3}(?:#{1,6}(?:[ \t]|$)|>)/m;
const SETEXT = /^ {0,3}(?:=+|-+)[ \t]*$/m;
const HTML_HEADING = /<(?:h[1-6]|blockquote)[\t\n\f\r />]/i;
const mayHoldHeading = (body: string) =>
  ((body.includes('#') || body.includes('>')) && ATX_OR_QUOTE.test(body)) || ((body.includes('=') || body.includes('-')) && SETEXT.test(body)) || (body.includes('<') && HTML_HEADING.test(body));
const SHOWS_NOTHING = '[\\u00a0\\u1680\\u2000-\\u200d\\u202f\\u205f\\u2060\\u3000\\ufeff]|`[ \\t\\n]+`';
const MAY_EMPTY = new RegExp(`!\\[|\\]\\(|&|<|${SHOWS_NOTHING}|^ {0,3}#{1,6}[ \\t]*(?:#+[ \\t]*)?$|^ {0,3}>[ \\t]*$`, 'm');
// And a list, a code block, a figure or a caption: a list's marker or a code fence at a line's start (after a
// quotation's `>`), each line's start read alone, not a pattern tried at every position; a raw HTML tag. What may leave
// one empty: an image, a link without text, raw HTML, a reference, what shows nothing, a list's marker alone on its
// line, or a fence (a fence in a list item ends with the item, which may leave it empty: any fence is looked at).
const BLOCK_START = /[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])(?:[ \t\r\n]|$)|`{3}|~{3})/y;
const HTML_BLOCK = /<(?:pre|ul|ol|li|dl|dt|dd|figure|figcaption|caption|table)[\t\n\f\r />]/i;
const MAY_EMPTY_BLOCK = new RegExp(`!\\[|\\[[ \\t\\n]*\\]|&|<|${SHOWS_NOTHING}|^[ \\t>]*(?:(?:[-*+]|\\d{1,9}[.)])[ \\t]+)*(?:[-*+]|\\d{1,9}[.)])[ \\t]*$|\`{3}|~{3}`, 'm');

// And a Markdown table, which needs a `|`: with what may leave a cell empty, as above, or cells of nothing at all, a row
// of pipes and spaces alone (the header's, when all are blank).
const BLANK_ROW = /^[ \t>]*\|[ \t|]*$/m;
const mayHoldBlankTable = (body: string) => body.includes('|') && BLANK_ROW.test(body);

// And a paragraph of characters of no width: one of them, as written or as a character reference (`&#8203;`,
// `&#x200B;`, `&ZeroWidthSpace;`, `&zwj;`, `&NoBreak;`, `&NegativeThinSpace;`; WHATWG HTML §13.5 names them).
// The characters and the references are two patterns, and a reference is looked for only where a `&` is: one
// case-insensitive pattern of both would be tried at every position of every body (docs/benchmarks.md, stop 48).
const NO_WIDTH_CHARACTER = /[\u200b-\u200d\u2060\ufeff]/;
const NO_WIDTH_REFERENCE = /&(?:#(?:x0*(?:200[bcd]|2060|feff)|0*(?:820[345]|8288|65279))|zwn?j;|ZeroWidthSpace;|NoBreak;|Negative\w+Space;)/i;
const mayHoldNoWidth = (body: string) => NO_WIDTH_CHARACTER.test(body) || (body.includes('&') && NO_WIDTH_REFERENCE.test(body));

function mayHoldBlock(body: string): boolean {
  if (body.includes('<') && HTML_BLOCK.test(body)) return true;
  if (body.includes('|')) return true;
  for (let at = 0; ; ) {
    BLOCK_START.lastIndex = at;
    if (BLOCK_START.test(body)) return true;
    const end = body.indexOf('\n', at);
    if (end === -1) return false;
    at = end + 1;
  }
}

// What the warning calls each element it names (NAMED_WHEN_EMPTIED), and its fix; and how it counts the others, a
// heading and a quotation together.
interface Kind {
  name: string;
  fix: string;
  counted: [one: string, more: string];
  /** What it holds, where that is one thing alone, and the whole fix; else the general ones. */
  only?: { holds: string; fix: string };
}
const GENERAL = {
  holds: 'it is empty, or all it holds every feed and page drops: an image whose address is not http or https, such as data:, hidden content, white space',
  fix: (kind: Kind) => `${kind.fix} (an image needs an http or https address), or delete it`,
};
const HEADINGS_OR_QUOTATIONS: Kind['counted'] = ['heading or quotation', 'headings or quotations'];
const HEADING: Kind = { name: 'heading', fix: "write the heading's text", counted: HEADINGS_OR_QUOTATIONS };
const LIST: Kind = { name: 'list', fix: "write the list's items", counted: ['list', 'lists'] };
const CAPTION: Kind = { name: 'caption', fix: "write the caption's text", counted: ['caption', 'captions'] };
const KINDS: ReadonlyMap<string, Kind> = new Map([
  ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((tag): [string, Kind] => [tag, HEADING]),
  ['blockquote', { name: 'quotation', fix: 'write what it quotes', counted: HEADINGS_OR_QUOTATIONS }],
  ['pre', { name: 'code block', fix: 'write its code', counted: ['code block', 'code blocks'] }],
  ['ul', LIST],
  ['ol', LIST],
  ['dl', LIST],
  ['li', { name: 'list item', fix: "write the item's text", counted: ['list item', 'list items'] }],
  ['figure', { name: 'figure', fix: 'give the figure its image', counted: ['figure', 'figures'] }],
  ['figcaption', CAPTION],
  ['caption', CAPTION],
  ['table', { name: 'table', fix: "write the table's cells", counted: ['table', 'tables'] }],
  // Only one of characters of no width (isNamedWhenEmptied), which has no text to write.
  ['p', { name: 'paragraph', fix: 'delete it', counted: ['paragraph', 'paragraphs'], only: { holds: 'it holds only characters of no width, such as the zero-width space U+200B, which most editors do not show', fix: 'delete it' } }],
]);

/**
 * The warning for the headings, quotations, code blocks, lists and list items, figures, captions and tables a body leaves with
 * nothing a reader sees (a bare `#` or `-`, an empty fence, one of an image dropped for its `data:` address, of hidden
 * content, of `&nbsp;` or a zero width space alone), and the paragraphs of characters of no width alone, which every feed and page drops (sanitizeEntryHtml): the first one's
 * line in the body (0-based, also for one only the second pass of a raw HTML body drops), and how many more. One dropped
 * with what holds it is not named again (a list of blank items is one list). The body is rendered (`drops`, against the
 * site's `baseUrl` where given) only when it may hold one.
 */
export function emptiedElementWarning(body: string, baseUrl = 'https://example.org/', drops: () => BodyDrops = bodyDrops(body, baseUrl)): { line?: number; message: string; fix: string } | undefined {
  if (!((mayHoldHeading(body) && MAY_EMPTY.test(body)) || (mayHoldBlock(body) && MAY_EMPTY_BLOCK.test(body)) || mayHoldBlankTable(body) || mayHoldNoWidth(body))) return undefined;
  // In the body's order: the render tells of those the pass after the repair drops last.
  const named = drops().emptied.filter(isNamedWhenEmptied);
  const [first, ...others] = named.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
  if (first === undefined) return undefined;
  const kind = KINDS.get(first.tag)!;
  const heading = kind === HEADING;
  // The kinds of the others, in the order first met.
  const kinds = [...new Set(others.map((element) => KINDS.get(element.tag)!.counted[others.length === 1 ? 0 : 1]))];
  const more = others.length === 0 ? '' : `; and ${others.length} more ${kinds.length === 1 ? kinds[0] : `${kinds.slice(0, -1).join(', ')} and ${kinds.at(-1)}`} so`;
  const warning = {
    message: `a ${kind.name} shows nothing (${kind.only?.holds ?? GENERAL.holds}), so every feed and page leaves it out${heading ? ', and moves up a level a heading after it that would skip one' : ''}${more}`,
    fix: kind.only?.fix ?? GENERAL.fix(kind),
  };
  return first.line === undefined ? warning : { line: first.line, ...warning };
}
