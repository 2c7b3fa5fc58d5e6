import { defaultTreeAdapter, parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import type { OwnWords } from '../shared/ownWords.js';
import { insertAt, type Insertion } from './insertAt.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

const attribute = (element: Element, name: string) => element.attrs.find((attr) => attr.name === name)?.value;

/** The id of the notes' heading, which names their section. */
const FOOTNOTES_ID = 'footnotes';

/** A way back from a note to its reference (footnoteIds: `fnref-<docId>-<note>`, `_<k>` for a later reference). */
const BACK_HREF = /^#fnref-.+-(\d+)(?:_\d+)?$/;

/**
 * The footnotes of a commentary (markdown-it-footnote's list after the text, its notes' ids footnoteIds') as a
 * section a screen reader announces and lists among the page's landmarks and headings: named by a heading, "Footnotes",
 * hidden from sight (a rule above the notes sets them apart: pageCss), an h2, which follows any heading of the
 * commentary or the h1 without skipping a level (WCAG 1.3.1). Each ↩︎ back to a reference is named "Back to
 * reference 1" ("(2 of 2)" for a note's second reference) by hidden text, the arrow hidden from a screen reader,
 * which would read its own name for it: text rather than an aria-label, so that `words` can mark it English on a
 * site in another language (WCAG 3.1.2), as the heading is. Pages only: a feed reader has not the page's style, and
 * would show the hidden words; the feeds keep the list as sanitised.
 * `html` is the sanitised commentary, its elements written closed; the rest is kept byte for byte.
 */
export function footnoteSection(html: string, words: OwnWords): string {
  // Most commentaries have no notes: no need to parse them.
  if (!html.includes(' href="#fnref-')) return html;
  const list = findNotes(parseFragment(html, { sourceCodeLocationInfo: true }).childNodes);
  const location = list?.sourceCodeLocation;
  if (!list || !location?.startTag || !location.endTag) return html;
  const insertions: Insertion[] = [
    { at: location.startTag.startOffset, text: `<section class="notes" aria-labelledby="${FOOTNOTES_ID}">\n<h2 id="${FOOTNOTES_ID}" class="skip"${words.en}>Footnotes</h2>\n` },
  ];
  for (const item of list.childNodes) {
    if (!defaultTreeAdapter.isElementNode(item) || item.tagName !== 'li') continue;
    const backs = links(item).filter((link) => BACK_HREF.test(attribute(link, 'href') ?? ''));
    backs.forEach((link, index) => {
      const { startTag, endTag } = link.sourceCodeLocation!;
      if (!startTag || !endTag) return;
      const note = BACK_HREF.exec(attribute(link, 'href')!)![1];
      const which = backs.length > 1 ? ` (${index + 1} of ${backs.length})` : '';
      const arrow = html.slice(startTag.endOffset, endTag.startOffset);
      insertions.push({ at: startTag.endOffset, to: endTag.startOffset, text: `<span aria-hidden="true">${arrow}</span><span class="skip"${words.en}>Back to reference ${note}${which}</span>` });
    });
  }
  insertions.push({ at: location.endTag.endOffset, text: '\n</section>' });
  return insertAt(html, insertions);
}

/** The first list whose items carry a note's id: the sanitiser keeps an li's id only there (footnoteIds). */
function findNotes(nodes: Node[]): Element | undefined {
  return elements(nodes).find((node) => node.tagName === 'ol' && node.childNodes.some((child) => defaultTreeAdapter.isElementNode(child) && child.tagName === 'li' && attribute(child, 'id')?.startsWith('fn-')));
}

function links(node: Element): Element[] {
  return elements(node.childNodes).filter((element) => element.tagName === 'a');
}

/** Every element under `nodes`, in document order: with a stack rather than recursion, however deep the HTML nests. */
function elements(nodes: Node[]): Element[] {
  const found: Element[] = [];
  const pending = [...nodes].reverse();
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (!defaultTreeAdapter.isElementNode(node)) continue;
    found.push(node);
    for (let index = node.childNodes.length - 1; index >= 0; index--) pending.push(node.childNodes[index]!);
  }
  return found;
}
