import { defaultTreeAdapter, parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import type { OwnWords } from '../shared/ownWords.js';
import { insertAt, type Insertion } from './insertAt.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/**
 * Each code block and table of a commentary that is not inside another one, made a box that scrolls sideways when
 * wider than the column (pageCss), and that a keyboard can reach to scroll it (WCAG 2.1.1; axe's
 * scrollable-region-focusable): a named region (WCAG 4.1.2), so that a screen reader says what it lands on.
 *   - A pre becomes the region itself: `<pre tabindex="0" role="region" aria-label="Code">`.
 *   - A table is wrapped in one, `<div class="scroll" tabindex="0" role="region" …>`: a role on the table would
 *     replace its own, and with it the reading by rows and columns. The region is named by the table's caption
 *     (aria-labelledby, the caption given an id) when it has text, else "Table".
 * A page with two code blocks, or two tables without a caption, numbers them in order: "Code 1", "Code 2".
 * On a site in another language (`words`) "Code" and "Table" are Broadsheet's English words, which an aria-label
 * would have spoken in the page's language (it cannot say its own, and a page translator leaves it as it is): the
 * region is named by a text of its own instead, hidden from sight just before it, marked English as ownWords
 * marks the rest: `<span class="skip" id="region-name-1" lang="en">Code</span><pre … aria-labelledby="region-name-1">`.
 * One nested in another scrolls with it: it gets nothing, so that the keyboard stops once.
 * `html` is the sanitised commentary (repairEntryHtml, sanitizeEntryHtml): it holds no id, tabindex or role, and
 * its elements are written closed, so the insertions go at the tags parse5 locates, and the rest is kept byte for byte.
 */
export function scrollRegions(html: string, words: OwnWords): string {
  // Most commentaries hold neither: no need to parse them (the sanitiser writes tag names in lower case).
  if (!/<(?:pre|table)[\s>]/.test(html)) return html;
  const regions: { element: Element; caption: Element | undefined }[] = [];
  // Depth first, with a stack rather than recursion, stopping at each region: what is inside it stays as written.
  const pending: Node[] = [...parseFragment(html, { sourceCodeLocationInfo: true }).childNodes].reverse();
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (!defaultTreeAdapter.isElementNode(node)) continue;
    // The sanitiser writes every element closed: both tags are there to insert at.
    if ((node.tagName === 'pre' || node.tagName === 'table') && node.sourceCodeLocation?.startTag && node.sourceCodeLocation.endTag) {
      const caption = node.childNodes.find((child): child is Element => defaultTreeAdapter.isElementNode(child) && child.tagName === 'caption');
      regions.push({ element: node, caption: caption && textOf(caption).trim() !== '' ? caption : undefined });
      continue;
    }
    for (let index = node.childNodes.length - 1; index >= 0; index--) pending.push(node.childNodes[index]!);
  }
  // Landmarks of one role need names apart (axe's landmark-unique): "Code 1", "Code 2" when there are two.
  const unnamed = (tag: string) => regions.filter((region) => region.element.tagName === tag && !region.caption).length;
  const counts: Record<string, { total: number; seen: number }> = { pre: { total: unnamed('pre'), seen: 0 }, table: { total: unnamed('table'), seen: 0 } };
  const insertions: Insertion[] = [];
  let captions = 0;
  let names = 0;
  for (const { element, caption } of regions) {
    const start = element.sourceCodeLocation!.startTag!.startOffset;
    let name: string;
    if (caption) {
      const id = `table-caption-${++captions}`;
      name = `aria-labelledby="${id}"`;
      insertions.push({ at: caption.sourceCodeLocation!.startTag!.startOffset + '<caption'.length, text: ` id="${id}"` });
    } else {
      const count = counts[element.tagName]!;
      const word = element.tagName === 'pre' ? 'Code' : 'Table';
      const label = count.total > 1 ? `${word} ${++count.seen}` : word;
      if (words.en === '') name = `aria-label="${label}"`;
      else {
        const id = `region-name-${++names}`;
        name = `aria-labelledby="${id}"`;
        insertions.push({ at: start, text: `<span class="skip" id="${id}"${words.en}>${label}</span>` });
      }
    }
    if (element.tagName === 'pre') insertions.push({ at: start + '<pre'.length, text: ` tabindex="0" role="region" ${name}` });
    else {
      insertions.push({ at: start, text: `<div class="scroll" tabindex="0" role="region" ${name}>` });
      insertions.push({ at: element.sourceCodeLocation!.endTag!.endOffset, text: '</div>' });
    }
  }
  return insertAt(html, insertions);
}

function textOf(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value;
  return 'childNodes' in node ? node.childNodes.map(textOf).join('') : '';
}
