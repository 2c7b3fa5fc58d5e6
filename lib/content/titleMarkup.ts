import { html, parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { characterReferences } from './characterReferences.js';
import { DROPPED_WITH_CONTENT } from './htmlElementSets.js';

type Node = DefaultTreeAdapterMap['node'];

// What a browser never shows as text (a script's, a style's); a textarea's text and an option's are shown (the box's
// text, the choice), so the editor meant them as words.
const DROPPED = new Set(DROPPED_WITH_CONTENT.filter((name) => name !== 'textarea' && name !== 'option'));

// The elements whose content the tokenizer reads as text up to their end tag, or to the end when there is none
// (WHATWG HTML §13.1.2 raw text and escapable raw text elements; §13.2.6.4.7 xmp, iframe, noembed, noframes, plaintext).
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);

// A character reference as HTML writes one, with its semicolon (`&amp;`, `&eacute;`, `&#38;`).
const REFERENCE = /&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g;

/**
 * The first piece of HTML in a title (a tag such as `<b>`, or a character reference such as `&amp;`) and the title as
 * the plain text it stands for, read as a browser reads HTML (parse5): `<b>Breaking</b> news` is "Breaking news",
 * `AT&amp;T reports` "AT&T reports", without what a browser never shows (a script's text). Undefined when the title
 * holds none, or only what characterReferences already names (`&#8217;`, `&ndash;`), or a `<` no browser would read
 * as an HTML element (`x<y and y>z`).
 */
export function titleMarkup(title: string): { found: string; text: string } | undefined {
  if (!title.includes('<') && !title.includes('&')) return undefined;
  const fragment = parseFragment(title, { sourceCodeLocationInfo: true });
  let tag: string | undefined;
  let text = '';
  // Each node with the offset in `title` of the text it was parsed from.
  const pending: { node: Node; base: number }[] = [...fragment.childNodes].reverse().map((node) => ({ node, base: 0 }));
  while (pending.length > 0) {
    const { node, base } = pending.pop()!;
    if ('tagName' in node) {
      if (html.getTagID(node.tagName) === html.TAG_ID.UNKNOWN) return undefined;
      const start = node.sourceCodeLocation?.startTag;
      tag ??= start ? title.slice(base + start.startOffset, base + start.endOffset) : `<${node.tagName}>`;
      // WHATWG HTML §4.5.27: a br is a line break, so the words on either side stay apart.
      if (node.tagName === 'br') text += ' ';
      // `Why the <script> tag matters`: a raw text element never closed names a tag in words, and the rest of the
      // title, which parse5 read as its content, is the editor's text: read as HTML again, it keeps its words.
      if (start && RAW_TEXT.has(node.tagName) && !node.sourceCodeLocation?.endTag) {
        const restAt = base + start.endOffset;
        const rest = parseFragment(title.slice(restAt), { sourceCodeLocationInfo: true }).childNodes;
        for (let index = rest.length - 1; index >= 0; index--) pending.push({ node: rest[index]!, base: restAt });
        continue;
      }
      if (DROPPED.has(node.tagName)) continue;
    } else if (node.nodeName === '#text' && 'value' in node) text += node.value;
    if ('childNodes' in node) for (let index = node.childNodes.length - 1; index >= 0; index--) pending.push({ node: node.childNodes[index]!, base });
  }
  text = text.replace(/\s+/g, ' ').trim();
  if (tag !== undefined) return text === '' ? undefined : { found: tag, text };
  if (text === (characterReferences(title)?.text ?? title)) return undefined;
  const reference = [...title.matchAll(REFERENCE)].map((match) => match[0]).find((written) => characterReferences(written) === undefined);
  return reference === undefined ? undefined : { found: reference, text };
}
