import { html, parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { characterReferences } from './characterReferences.js';
import { DROPPED_WITH_CONTENT } from './htmlElementSets.js';

type Node = DefaultTreeAdapterMap['node'];

const DROPPED = new Set(DROPPED_WITH_CONTENT);

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
  const pending: Node[] = [...fragment.childNodes].reverse();
  while (pending.length > 0) {
    const node = pending.pop()!;
    if ('tagName' in node) {
      if (html.getTagID(node.tagName) === html.TAG_ID.UNKNOWN) return undefined;
      const start = node.sourceCodeLocation?.startTag;
      tag ??= start ? title.slice(start.startOffset, start.endOffset) : `<${node.tagName}>`;
      // WHATWG HTML §4.5.27: a br is a line break, so the words on either side stay apart.
      if (node.tagName === 'br') text += ' ';
      // A script's or a style's text is no text a reader sees.
      if (DROPPED.has(node.tagName)) continue;
    } else if (node.nodeName === '#text' && 'value' in node) text += node.value;
    if ('childNodes' in node) for (let index = node.childNodes.length - 1; index >= 0; index--) pending.push(node.childNodes[index]!);
  }
  text = text.replace(/\s+/g, ' ').trim();
  if (tag !== undefined) return text === '' ? undefined : { found: tag, text };
  if (text === (characterReferences(title)?.text ?? title)) return undefined;
  const reference = [...title.matchAll(REFERENCE)].map((match) => match[0]).find((written) => characterReferences(written) === undefined);
  return reference === undefined ? undefined : { found: reference, text };
}
