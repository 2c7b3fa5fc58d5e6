import { defaultTreeAdapter, parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { characterReferences } from './characterReferences.js';
import { DROPPED_WITH_CONTENT } from './htmlElementSets.js';
import { plainElementText } from './htmlParagraphText.js';

type Node = DefaultTreeAdapterMap['node'];

// What a browser never shows as text (a script's, a style's); a textarea's text and an option's are shown (the box's
// text, the choice), so the editor meant them as words.
const DROPPED = new Set(DROPPED_WITH_CONTENT.filter((name) => name !== 'textarea' && name !== 'option'));

// The elements whose content the tokenizer reads as text up to their end tag, or to the end when there is none
// (WHATWG HTML §13.1.2 raw text and escapable raw text elements; §13.2.6.4.7 xmp, iframe, noembed, noframes, plaintext,
// and noscript, as parse5 parses with scripting on).
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext', 'noscript']);

// Elements whose text in a row misreads them (htmlParagraphText's plainElementText).
const SHAPED = new Set(['math', 'sup', 'sub', 'ruby']);

// A character reference as HTML writes one, with its semicolon (`&amp;`, `&eacute;`, `&#38;`).
const REFERENCE = /&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g;

/**
 * The first piece of HTML in a title (a tag with its end tag such as `<b>`, or a character reference such as `&amp;`)
 * and the title as the plain text it stands for, read as a browser reads HTML (parse5): `<b>Breaking</b> news` is
 * "Breaking news", `AT&amp;T reports` "AT&T reports", without what a browser never shows (a script's text). Undefined
 * when the title holds none, or only what characterReferences already names (`&#8217;`, `&ndash;`), or only tags
 * without an end tag, which name an element in words (`Why the <main> element matters`, `The <br> tag`).
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
    if (defaultTreeAdapter.isElementNode(node)) {
      const start = node.sourceCodeLocation?.startTag;
      // A tag without its end tag (`Why the <main> element matters`, `The <br> tag`, `x<y and y>z`) names an element
      // in words: readers are shown it as typed, which is what the editor meant, so it stays in the text.
      if (start && !node.sourceCodeLocation?.endTag) {
        const restAt = base + start.endOffset;
        text += title.slice(base + start.startOffset, restAt);
        // A raw text element never closed reads the rest as its text: read as HTML again, it keeps its markup.
        const children = RAW_TEXT.has(node.tagName) ? parseFragment(title.slice(restAt), { sourceCodeLocationInfo: true }).childNodes : childrenOf(node);
        const childBase = RAW_TEXT.has(node.tagName) ? restAt : base;
        for (let index = children.length - 1; index >= 0; index--) pending.push({ node: children[index]!, base: childBase });
        continue;
      }
      tag ??= start ? title.slice(base + start.startOffset, base + start.endOffset) : `<${node.tagName}>`;
      if (DROPPED.has(node.tagName)) continue;
      // A formula, raised or lowered text and a ruby annotation read as in a summary ("x²", "H₂O", "lim_(n→∞)"), not
      // as their text in a row.
      if (SHAPED.has(node.tagName)) {
        text += plainElementText(node, text);
        continue;
      }
    } else if (node.nodeName === '#text' && 'value' in node) text += node.value;
    const children = childrenOf(node);
    for (let index = children.length - 1; index >= 0; index--) pending.push({ node: children[index]!, base });
  }
  text = text.replace(/\s+/g, ' ').trim();
  if (tag !== undefined) return text === '' ? undefined : { found: tag, text };
  if (text === (characterReferences(title)?.text ?? title)) return undefined;
  const reference = [...title.matchAll(REFERENCE)].map((match) => match[0]).find((written) => characterReferences(written) === undefined);
  return reference === undefined ? undefined : { found: reference, text };
}

// A node's children; a template's are in its content (WHATWG HTML §4.12.3).
function childrenOf(node: Node): Node[] {
  if ('content' in node) return node.content.childNodes;
  return 'childNodes' in node ? node.childNodes : [];
}
