import { defaultTreeAdapter, type DefaultTreeAdapterMap } from 'parse5';
import type { Problem } from '../shared/errors.js';
import { quote, quoteShowingUnseen } from '../shared/quote.js';
import { bodyStyleSheet } from './bodyStyleSheet.js';
import { customPropertiesFrom, HIDDEN_FROM_READERS } from './htmlElementSets.js';
import { EMBEDS } from './embedLink.js';
import { hiddenElement } from './hiddenElement.js';
import { NO_TEXT_HIDERS, textHiddenIn, textLeftOut, visibilityHiddenIn, type TextHiders } from './hiddenText.js';
import { imageSource, mergeTagImage } from './imageSource.js';
import { MAX_STYLE_SELECTORS } from './limits.js';
import { markdown } from './markdownParser.js';
import { startTagThatMayDrop } from './mayDropContent.js';
import { asTyped, mergeTagIn } from './mergeTagIn.js';
import { parseBodyHtml } from './parseBodyHtml.js';
import { attributesOf, pictureSources } from './pictureSources.js';
import { NO_CUSTOM_PROPERTIES, type CustomProperties } from './styleHides.js';
import { trackingPixelElement } from './trackingPixel.js';

// Drawn as a box, not text: the visibility they inherit hides them whole (visibilityHiddenIn).
const REPLACED = new Set(['img', ...EMBEDS]);

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

const HIDDEN = new Set(HIDDEN_FROM_READERS);
// A body can hold such an element only where it holds a start tag of one, or of a style element whose rules may
// hide one (startTagThatMayDrop).
const MAY_HIDE = startTagThatMayDrop([...HIDDEN_FROM_READERS, 'img', 'style']);
// Named in a message; the rest are counted.
const SHOWN = 3;

/**
 * The warning for a body whose HTML holds text or an image the sanitiser drops because a browser would not show it
 * as written (HIDDEN_FROM_READERS, hiddenElement): a newsletter's preheader in `<div style="display:none">` or hidden
 * by a `<style>` element's rule, at `opacity: 0`, `font-size: 0` or in a box of zero height, a
 * tracking pixel (trackingPixel, an img drawn 1×1 or less), or the text of one kept as a child shows its own
 * (textHiddenIn). Left out of every output, as a reader would not see it, but the editor may
 * have meant it; and what a hidden inline element shows past a blank line, which ended it early (cutShort). Undefined
 * when nothing with text or an image is dropped so, nor shown so. Read as a browser reads the body's HTML
 * (markdown-it, then parse5, parseBodyHtml), so a tag in code is not counted, and an element ends where a browser
 * ends it, as the output has it (withoutDroppedElements).
 */
export function hiddenContent(body: string): Pick<Problem, 'message' | 'fix'> | undefined {
  if (!MAY_HIDE.test(body)) return undefined;
  const html = markdown.render(body, {});
  const found: string[] = [];
  // Depth first, with a stack: raw HTML may nest deep. Each entry: a node, and the custom properties its ancestors set.
  const fragment = parseBodyHtml(html, true);
  const sheet = bodyStyleSheet(fragment, html);
  // Each entry also: what hides the text its parent holds (textHiddenIn), and the element whose styles began to.
  const pending: [Node, CustomProperties, TextHiders, Element | undefined][] = fragment.childNodes.map((node): [Node, CustomProperties, TextHiders, Element | undefined] => [node, NO_CUSTOM_PROPERTIES, NO_TEXT_HIDERS, undefined]).reverse();
  // The text such an element holds that is left out though the element is kept, by element, at its place in `found`.
  const hiddenText = new Map<Element, { at: number; text: string }>();
  // What a hidden element was meant to hold past its paragraph (cutShort).
  const cut: string[] = [];
  const named = (node: Element, shown: string) => {
    const start = node.sourceCodeLocation?.startTag;
    return `${start ? html.slice(start.startOffset, start.endOffset) : `<${node.tagName}>`} ${shown}`;
  };
  while (pending.length > 0) {
    const [node, inherited, hiders, hider] = pending.pop()!;
    if (!defaultTreeAdapter.isElementNode(node)) {
      const text = node.nodeName === '#text' ? (node as DefaultTreeAdapterMap['textNode']).value : '';
      if (hider === undefined || !textLeftOut(text, hiders)) continue;
      const known = hiddenText.get(hider) ?? { at: found.push('') - 1, text: '' };
      known.text += text;
      hiddenText.set(hider, known);
      continue;
    }
    if (HIDDEN.has(node.tagName) || hiddenElement(node, inherited, sheet) || trackingPixelElement(node, sheet, inherited) || (REPLACED.has(node.tagName) && visibilityHiddenIn(node, hiders, inherited, sheet))) {
      const shown = shownContent(node);
      if (shown !== undefined) found.push(named(node, shown));
      const after = cutShort(node, html);
      if (after !== undefined) cut.push(`a blank line ends ${named(node, `with its Markdown paragraph, so what follows it up to its </${node.tagName}> shows and is published: the text ${quoteShowingUnseen(after)}`)}`);
      continue;
    }
    const children = 'content' in node ? node.content.childNodes : node.childNodes;
    const passed = customPropertiesFrom(node.attrs, inherited, sheet.declarations(node));
    const inside = textHiddenIn(node, hiders, inherited, sheet);
    const by = inside.length === 0 ? undefined : inside.some((property) => !hiders.includes(property)) ? node : hider;
    for (let index = children.length - 1; index >= 0; index--) pending.push([children[index]!, passed, inside, by]);
  }
  for (const [node, { at, text }] of hiddenText) found[at] = named(node, `the text ${quoteShowingUnseen(text.replace(/\s+/g, ' ').trim())}`);
  // Past the cap a rule is not read, so what it hides is published (bodyStyleSheet).
  const notRead = sheet.selectorsNotRead > 0 ? `its <style> rules that may hide hold ${sheet.selectorsNotRead} selector${sheet.selectorsNotRead === 1 ? '' : 's'} past the first ${MAX_STYLE_SELECTORS}, which are not read, so what they hide is published` : undefined;
  if (found.length === 0 && notRead === undefined && cut.length === 0) return undefined;
  const more = found.length > SHOWN ? `; and ${found.length - SHOWN} more` : '';
  const dropped = found.length === 0 ? '' : `holds what a browser would not show as written, which is left out of every feed, page and the digest: ${found.slice(0, SHOWN).join('; ')}${more}`;
  return {
    message: [dropped, ...cut, notRead].filter(Boolean).join('; and '),
    fix: `delete it if readers are not meant to see it; if they are, remove what hides it (hidden, style="display:none", opacity:0, a zero height or width with overflow:hidden, font-size:0, visibility:hidden, a <dialog> not open, a width or height of 1 or less on an image, in its attributes, its style or a rule of a <style> element), or write text meant as typed (<xmp>, <plaintext>) as a Markdown code block${cut.length === 0 ? '' : '; to hide paragraphs, put them in a <div> whose start and end tags are each on a line of their own, with a blank line between them and the text'}${notRead === undefined ? '' : `; keep the rules that hide among the first ${MAX_STYLE_SELECTORS} selectors`}`,
  };
}

// The elements a browser reopens in the next paragraph (WHATWG HTML §13.2.4.3, the active formatting elements), so
// that what they hide goes on past a paragraph's end.
const REOPENED = new Set(['a', 'b', 'big', 'code', 'em', 'font', 'i', 'nobr', 's', 'small', 'strike', 'strong', 'tt', 'u']);

/**
 * The text a hidden element's end tag was meant to take in, where its paragraph ended first: raw HTML in a Markdown
 * paragraph is inline (CommonMark §6.6), so a blank line ends the paragraph, a browser ends the element there with
 * the `p` (WHATWG HTML §13.2.6.4.7, an end tag `p`) and ignores its end tag, and what is between shows. Undefined
 * where the element ends at its own end tag, is reopened (REOPENED), or has no end tag after its paragraph.
 */
function cutShort(node: Element, html: string): string | undefined {
  const location = node.sourceCodeLocation;
  const parent = node.parentNode;
  if (!location || location.endTag !== undefined || REOPENED.has(node.tagName) || parent === null || !defaultTreeAdapter.isElementNode(parent) || parent.tagName !== 'p') return undefined;
  const rest = html.slice(location.endOffset);
  const end = rest.search(new RegExp(`</${node.tagName}[\\t\\n\\f\\r />]`, 'i'));
  if (end < 0) return undefined;
  let text = '';
  const pending: Node[] = [...parseBodyHtml(rest.slice(0, end)).childNodes];
  while (pending.length > 0) {
    const child = pending.shift()!;
    if (child.nodeName === '#text') text += ` ${(child as DefaultTreeAdapterMap['textNode']).value}`;
    if (defaultTreeAdapter.isElementNode(child)) pending.unshift(...child.childNodes);
  }
  const words = text.replace(/\s+/g, ' ').trim();
  return words === '' ? undefined : words;
}

/** What an element holds that a reader would take for content: its text, quoted (its invisible characters escaped), and its images; undefined if none. */
function shownContent(element: Element): string | undefined {
  let text = '';
  const images: string[] = [];
  const pending: Node[] = [element];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.nodeName === '#text') text += (node as DefaultTreeAdapterMap['textNode']).value;
    if (!defaultTreeAdapter.isElementNode(node)) continue;
    if (node.tagName === 'img') images.push(...shownImage(node));
    const children = 'content' in node ? node.content.childNodes : node.childNodes;
    for (let index = children.length - 1; index >= 0; index--) pending.push(children[index]!);
  }
  const words = text.replace(/\s+/g, ' ').trim();
  const parts = [...(words === '' ? [] : [`the text ${quoteShowingUnseen(words)}`]), ...images];
  return parts.length === 0 ? undefined : parts.join(', ');
}

/**
 * An img's image as shownContent names it: its address (imageSource); or, where that holds a mail service's merge tag
 * (mergeTagImage), the address as typed and the tag, as the merge-tag warning names them: the service's mail shows that
 * image. Nothing for an img with no address.
 */
function shownImage(img: Element): string[] {
  const attributes = attributesOf(img);
  const sources = pictureSources(img);
  const src = imageSource(attributes, sources)?.trim();
  if (src) return [`the image ${quote(src)}`];
  const tagged = mergeTagImage(attributes, sources);
  return tagged === undefined ? [] : [`the image ${quote(asTyped(tagged).trim())}, whose address holds the merge tag ${quote(mergeTagIn(tagged)!)}`];
}
