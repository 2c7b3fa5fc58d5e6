import MarkdownIt from 'markdown-it';
import footnote from 'markdown-it-footnote';
import { defaultTreeAdapter, parseFragment } from 'parse5';
import { C1_REFERENCE, CONTROL_REFERENCE, MAY_HOLD_DROPPED_REFERENCE, UNASSIGNED_C1_REFERENCE } from './controlReference.js';
import { refusedAddress } from './refusedAddress.js';
import { windows1252Reference } from './windows1252Reference.js';

// Raw HTML is allowed in the Markdown and then sanitised; typographer stays off so text reads back as typed. One parser
// for the render and the summary, so that both read a body alike.
export const markdown = new MarkdownIt({ html: true, linkify: true, typographer: false }).use(footnote);

// Footnotes (`text[^1]` … `[^1]: note`) as a plain list after the text: the plugin's <section> would reach the output as
// a div (the sanitiser's BLOCK_CONTAINERS), its classes are dropped, and its <hr> the sanitiser writes `<hr />`, which
// pages may not hold (html-validate's void-style). Ids come from env.docId (footnoteIds).
markdown.renderer.rules.footnote_block_open = () => '<ol>\n';
markdown.renderer.rules.footnote_block_close = () => '</ol>\n';
// A note's number, the same at each of its references (the plugin writes `[1:1]` at the second).
markdown.renderer.rules.footnote_caption = (tokens, index) => `[${Number(tokens[index]!.meta?.id) + 1}]`;
// A second reference's id with `_` for the plugin's `:` (`fnref-x-1_1`): an id of letters, digits, - and _ (html-validate's valid-id).
const SUB_ID = /:(\d+)"/g;
for (const rule of ['footnote_ref', 'footnote_anchor'] as const) {
  const plugin = markdown.renderer.rules[rule]!;
  markdown.renderer.rules[rule] = (...args) => plugin(...args).replace(SUB_ID, '_$1"');
}

export type MarkdownToken = ReturnType<typeof markdown.parse>[number];

/** A part of a body markdown-it skipped: its first line and the line after it (0-based), and whether text follows it. */
export interface LostNesting {
  line: number;
  end: number;
  textAfter: boolean;
}

// markdown-it stops reading blocks at maxNesting levels (a list takes two, list and item; a quote one) and skips the
// rest of the range it reads there (ParserBlock.tokenize): a list item's range runs to its parent's end, so a deep list
// loses the text after it too, a quote's to the quote's end. Each skip is listed in env.lostNesting where the caller
// gives it (lostNestingProblem).
const tokenizeBlocks = markdown.block.tokenize;
markdown.block.tokenize = function (state, startLine, endLine) {
  const lost: unknown = state.env?.lostNesting;
  if (state.level >= state.md.options.maxNesting && Array.isArray(lost)) {
    const line = state.skipEmptyLines(startLine);
    if (line < endLine && state.sCount[line]! >= state.blkIndent) lost.push({ line, end: endLine, textAfter: state.skipEmptyLines(endLine) < state.lineMax } satisfies LostNesting);
  }
  tokenizeBlocks.call(this, state, startLine, endLine);
};

// A link's text shows its address decoded (mdurl.decode), which writes U+FFFD for percent-encoding that is not
// UTF-8 (`?q=caf%E9`, Latin-1): such an address is shown as typed instead. decodeURIComponent refuses exactly those runs.
const PERCENT_RUN = /(?:%[0-9A-Fa-f]{2})+/g;
const notUtf8 = (run: string) => {
  try {
    decodeURIComponent(run);
    return false;
  } catch {
    return true;
  }
};
const normalizeLinkText = markdown.normalizeLinkText.bind(markdown);
markdown.normalizeLinkText = (url) => (url.includes('%') && url.match(PERCENT_RUN)?.some(notUtf8) ? url : normalizeLinkText(url));

// CommonMark §2.3 reads U+0000 as U+FFFD, which every output would show; it is dropped as every output drops the other
// control characters (cleanText), and named by rawControlWarning.
markdown.core.ruler.before('normalize', 'drop_nul', (state) => {
  if (state.src.includes('\0')) state.src = state.src.replaceAll('\0', '');
});

// A reference to 0x80–0x9F (`It&#146;s`) is the Windows-1252 character, as HTML reads it and raw HTML in a body is
// read (parse5), where CommonMark writes U+FFFD; in a link's or image's address and title too (C1_REFERENCE). One to a control character (CONTROL_REFERENCE) is dropped, from the
// text, raw HTML and a link's or image's address and title (where markdown-it keeps it as typed, and in an address
// `&#0;` would start a fragment); an autolink's address is shown as typed and kept so. One to a byte Windows-1252 leaves
// unassigned (UNASSIGNED_C1_REFERENCE) stands for a C1 control character, which no output holds either: dropped alike,
// in text (where CommonMark writes U+FFFD) as in an address or title. Each dropped is listed in
// env.controlReferences, where the caller gives one (controlReferenceWarning), and an address the drop leaves of a
// scheme the sanitiser refuses (`java&#129;script:`: the link loses its address, the image is dropped with its alt) in
// env.lostAddresses. Before text_join, which merges a reference into its text.
const NUMERIC_REFERENCE = /^&#(?:[xX]([0-9a-fA-F]{1,6})|(\d{1,7}));$/;
const CONTROL = new RegExp(`^(?:${CONTROL_REFERENCE.source})$`);
const UNASSIGNED = new RegExp(`^(?:${UNASSIGNED_C1_REFERENCE.source})$`);
const CONTROL_WITH_SEMICOLON = new RegExp(`(?:${CONTROL_REFERENCE.source.replace(/;\?$/, ';')})`, 'g');
const ATTRIBUTES: Readonly<Record<string, readonly string[]>> = { link_open: ['href', 'title'], image: ['src', 'title'] };
// A reference to 0x80–0x9F in an address or title (C1_REFERENCE), which markdown-it keeps as typed: read as HTML and
// the text read it (windows1252Reference), percent-encoded in an address as markdown-it encodes any other character
// there; one of the five Windows-1252 leaves unassigned stands for a control character, dropped as CONTROL_REFERENCE's
// are (in an address its `#` would start a fragment).
const ADDRESSES = new Set(['href', 'src']);
// Raw HTML as its parts: a comment, ended where HTML ends it (at `-->` or `--!>`, at once in `<!-->` and `<!--->`,
// WHATWG HTML §13.2.5.43–52), a tag (its attribute values quoted or not, §13.2.5.32–38; a `<` outside quotes ends the
// look, so that a look from each `<` stops at the next), text. A reference to a control character or an unassigned byte
// (CONTROL_REFERENCE, UNASSIGNED_C1_REFERENCE) is dropped, in a tag as in a Markdown address or title, in text as in
// Markdown text (HTML reads it as the control character, which the output drops); not in a comment, which the sanitiser
// drops whole and no reader sees.
const RAW_HTML_PART = /<!--(?:-?>|[\s\S]*?(?:--!?>|$))|(<[A-Za-z][^\t\n\f\r />]*(?:[^<>"']|"[^"]*"|'[^']*')*>)|[^<]+|</g;

// A numeric reference in raw HTML, for replacedReference: its hexadecimal digits in group 1, its decimal ones in 2.
const RAW_NUMERIC_REFERENCE = /&#(?:[xX]([0-9a-fA-F]+)|(\d+));?/g;
// One in a Markdown link's or image's address or title, as CommonMark reads a reference (NUMERIC_REFERENCE's form).
const ATTRIBUTE_REFERENCE = /&#(?:[xX]([0-9a-fA-F]{1,6})|(\d{1,7}));/g;

/**
 * Whether a reference to `code` is published as U+FFFD (�), which no reader can read back: CommonMark writes it for
 * one to no character, a surrogate (U+D800–U+DFFF) or beyond U+10FFFF, and for a noncharacter (U+FDD0–U+FDEF, and
 * the last two of every plane), as markdown-it reads them; HTML (§13.2.5.80) for the first two, in raw HTML.
 */
function replacedCode(code: number, raw: boolean): boolean {
  if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return true;
  return !raw && ((code >= 0xfdd0 && code <= 0xfdef) || (code & 0xfffe) === 0xfffe);
}

/** A reference dropped (env.controlReferences), with the first line (0-based) of the block that holds it. */
export interface DroppedReference {
  reference: string;
  blockLine: number;
  /** Where a replaced one stands when not in text or raw HTML: a link's or an image's address, or a title, which keep it as typed. */
  place?: 'link' | 'image' | 'title';
}

/** A link's or image's address that a drop made refused (refusedAddress), as it then reads. */
export interface LostAddress {
  address: string;
  image: boolean;
}

/** A link's href or an img's src in a raw HTML tag, as a browser reads it. */
function tagAddress(tag: string): LostAddress | undefined {
  const element = parseFragment(tag).childNodes[0];
  if (element === undefined || !defaultTreeAdapter.isElementNode(element) || (element.tagName !== 'a' && element.tagName !== 'img')) return undefined;
  const image = element.tagName === 'img';
  const address = element.attrs.find((attribute) => attribute.name === (image ? 'src' : 'href'))?.value;
  return address === undefined ? undefined : { address, image };
}
markdown.core.ruler.before('text_join', 'windows1252_references', (state) => {
  if (!state.src.includes('&#')) return;
  const dropped: DroppedReference[] | undefined = Array.isArray(state.env?.controlReferences) ? state.env.controlReferences : undefined;
  // References published as U+FFFD (replacedCode), listed where the caller gives env.replacedReferences.
  const replaced: DroppedReference[] | undefined = Array.isArray(state.env?.replacedReferences) ? state.env.replacedReferences : undefined;
  // The first line of the block being read: inline tokens have no map of their own.
  let blockLine = 0;
  const lost: LostAddress[] | undefined = Array.isArray(state.env?.lostAddresses) ? state.env.lostAddresses : undefined;
  // Where a drop leaves an address refused that was not: the loss is the drop's.
  const compare = (before: LostAddress | undefined, after: LostAddress | undefined) => {
    if (lost && before && after && refusedAddress(after.address, after.image) && !refusedAddress(before.address, before.image)) lost.push(after);
  };
  const drop = (text: string, pattern: RegExp, listed = true) =>
    text.replace(pattern, (reference) => {
      if (listed) dropped?.push({ reference, blockLine });
      return '';
    });
  // A link reference definition's address and title are written once, however many links use them: each use's
  // references are listed only at the first (CommonMark §4.7). markdown-it marks a link or image made from a
  // definition with the definition's label (meta.label); one typed with its own address has none and is listed.
  const usedDefinitions = new Set<string>();
  const firstUse = (name: string, token: MarkdownToken): boolean => {
    const label: unknown = token.meta?.label;
    if (typeof label !== 'string') return true;
    const used = `${name === 'title' ? 'title' : 'address'}\n${label}`;
    if (usedDefinitions.has(used)) return false;
    usedDefinitions.add(used);
    return true;
  };
  const mend = (tokens: MarkdownToken[]) => {
    for (const token of tokens) {
      if (token.map) blockLine = token.map[0];
      if (token.type === 'text_special' && token.info === 'entity') {
        if (CONTROL.test(token.markup) || UNASSIGNED.test(token.markup)) {
          dropped?.push({ reference: token.markup, blockLine });
          token.content = '';
        } else {
          const numeric = NUMERIC_REFERENCE.exec(token.markup);
          const code = numeric ? (numeric[1] !== undefined ? parseInt(numeric[1], 16) : Number(numeric[2])) : undefined;
          const character = code === undefined ? undefined : windows1252Reference(code);
          if (character !== undefined) token.content = character;
          else if (replaced && code !== undefined && replacedCode(code, false)) replaced.push({ reference: token.markup, blockLine });
        }
      }
      if (replaced && (token.type === 'html_inline' || token.type === 'html_block') && token.content.includes('&#')) {
        // Outside comments, which no reader sees.
        for (const [part] of token.content.matchAll(RAW_HTML_PART)) {
          if (part.startsWith('<!--')) continue;
          for (const [reference, hex, decimal] of part.matchAll(RAW_NUMERIC_REFERENCE)) {
            if (replacedCode(hex !== undefined ? parseInt(hex, 16) : Number(decimal), true)) replaced.push({ reference, blockLine });
          }
        }
      }
      if (token.type === 'html_inline' || token.type === 'html_block') {
        if (MAY_HOLD_DROPPED_REFERENCE.test(token.content)) {
          token.content = token.content.replace(RAW_HTML_PART, (part, tag: string | undefined) => {
            if (tag === undefined) return part.startsWith('<!--') ? part : drop(drop(part, CONTROL_REFERENCE), UNASSIGNED_C1_REFERENCE);
            const read = drop(drop(tag, CONTROL_REFERENCE), UNASSIGNED_C1_REFERENCE);
            if (lost && read !== tag) compare(tagAddress(tag), tagAddress(read));
            return read;
          });
        }
      }
      const attributes = Object.hasOwn(ATTRIBUTES, token.type) && token.markup !== 'autolink' && token.markup !== 'linkify' ? ATTRIBUTES[token.type]! : [];
      for (const name of attributes) {
        const value = token.attrGet(name);
        if (typeof value === 'string' && value.includes('&#')) {
          const listed = firstUse(name, token);
          const read = drop(value, CONTROL_WITH_SEMICOLON, listed).replace(C1_REFERENCE, (reference, hex: string | undefined, decimal: string | undefined) => {
            const character = windows1252Reference(hex !== undefined ? parseInt(hex, 16) : Number(decimal));
            if (character !== undefined) return ADDRESSES.has(name) ? encodeURIComponent(character) : character;
            if (listed) dropped?.push({ reference, blockLine });
            return '';
          });
          if (ADDRESSES.has(name)) compare({ address: value, image: token.type === 'image' }, { address: read, image: token.type === 'image' });
          token.attrSet(name, read);
          // markdown-it reads every other reference here (unescapeAll) and keeps one to no character as typed.
          if (replaced && listed) {
            for (const [reference, hex, decimal] of read.matchAll(ATTRIBUTE_REFERENCE)) {
              if (replacedCode(hex !== undefined ? parseInt(hex, 16) : Number(decimal), false)) replaced.push({ reference, blockLine, place: name === 'title' ? 'title' : token.type === 'image' ? 'image' : 'link' });
            }
          }
        }
      }
      if (token.children) mend(token.children);
    }
  };
  mend(state.tokens);
});
