import { defaultTreeAdapter, html as parse5Html, serialize, type DefaultTreeAdapterMap } from 'parse5';
import { bodyStyleSheet, NO_STYLE_SHEET, type BodyStyleSheet } from './bodyStyleSheet.js';
import { embedLink, EMBEDS } from './embedLink.js';
import { hiddenElement } from './hiddenElement.js';
import { NO_TEXT_HIDERS, textHiddenIn, textLeftOut, visibilityHiddenIn, type TextHiders } from './hiddenText.js';
import { customPropertiesFrom } from './htmlElementSets.js';
import { isDroppedElement } from './isDroppedElement.js';
import { mathText } from './mathText.js';
import { noscriptImage } from './noscriptImage.js';
import { parseBodyHtml } from './parseBodyHtml.js';
import { writePublishedSize } from './publishedImageSize.js';
import { keepLeadingNewline } from './repairHtml.js';
import { rubyTextWithoutParentheses } from './rubyTextWithoutParentheses.js';
import { NO_CUSTOM_PROPERTIES, type CustomProperties } from './styleHides.js';
import { trackingPixelElement } from './trackingPixel.js';

type Node = DefaultTreeAdapterMap['node'];
type ParentNode = DefaultTreeAdapterMap['parentNode'];
type Element = DefaultTreeAdapterMap['element'];
type ChildNode = DefaultTreeAdapterMap['childNode'];

const EMBED = new Set(EMBEDS);
const MAY_EMBED = new RegExp(`<(?:${EMBEDS.join('|')})\\b`, 'i');

/**
 * Body HTML as a browser builds it (parseBodyHtml), without the elements the sanitiser drops with their content
 * (isDroppedElement) and the text a kept element's styles hide (textHiddenIn), with each MathML formula as its text
 * (mathText), serialised for the sanitiser. Its own parser (htmlparser2) ends a misnested element elsewhere:
 * `<div hidden><table></div>text</table></div>` hides the text in a browser, but htmlparser2 ends the div at the first
 * `</div>` and the text was published; a formatting element a browser reopens in a later paragraph (§13.2.4.3) it
 * does not reopen. What is left holds no raw-text element (all are dropped), so htmlparser2 reads it back as written.
 * An iframe, video or audio that a reader can open is a link to it (embedLink; inside a link, that link's text alone,
 * as one link may not hold another, WHATWG HTML §4.5.1; its text alone too where its address holds a merge tag): a video's or audio's fallback goes
 * with it where it has an end tag, and stays after the link where it has none (`<video/>` holds the rest of the body).
 * A lazy img that shows no image takes its noscript copy's attributes (noscriptImage).
 */
export function withoutDroppedElements(html: string): string {
  // Where an element's end tag is, to tell a media element's fallback from the body a missing end tag puts in it.
  const fragment = parseBodyHtml(html, MAY_EMBED.test(html));
  const sheet = bodyStyleSheet(fragment, html);
  // Every element is judged on the whole tree, as a browser matches selectors (a hidden element is still a sibling
  // and an ancestor), and only then are the dropped ones taken out.
  const dropped = new Set<Node>();
  const parents = new Set<ParentNode>();
  // Each embed made a link (or none, where it is not seen): the link, and the element whose fallback stays after it
  // (where it has no end tag).
  const links = new Map<Node, { a: Element | undefined; fallback: Element | undefined }>();
  // Each MathML formula a reader sees, published as its text (mathText): the sanitiser keeps no MathML.
  const formulas: [Element, CustomProperties][] = [];
  // Each ruby annotation without rp parentheses: the sanitiser keeps no ruby, so it is published after its base in
  // parentheses, as a summary writes it (rubyTextWithoutParentheses), not run into it.
  const annotations: Element[] = [];
  // The imgs kept, with their ancestors' custom properties: their size is written once all are judged (writePublishedSize).
  const images: [Element, CustomProperties][] = [];
  // Depth first, with a stack: raw HTML may nest deep. Each entry: a node, the custom properties its ancestors set,
  // what hides the text it holds (textHiddenIn), and whether it is in a link, where another would be nested
  // (WHATWG HTML §4.5.1).
  const pending: [ParentNode, CustomProperties, TextHiders, boolean][] = [[fragment, NO_CUSTOM_PROPERTIES, NO_TEXT_HIDERS, false]];
  while (pending.length > 0) {
    const [parent, inherited, hiders, inLink] = pending.pop()!;
    for (const node of parent.childNodes) {
      if (!defaultTreeAdapter.isElementNode(node)) {
        if (node.nodeName === '#text' && textLeftOut((node as DefaultTreeAdapterMap['textNode']).value, hiders)) {
          dropped.add(node);
          parents.add(parent);
        }
        continue;
      }
      const embed = EMBED.has(node.tagName) && !hiddenElement(node, inherited, sheet);
      // One a visibility it inherits hides (its parent kept for a child shown again) becomes no link.
      const unseen = embed && visibilityHiddenIn(node, hiders, inherited, sheet);
      const link = embed && !unseen ? embedLink(node) : undefined;
      if (link !== undefined || unseen) {
        // In a link, its text alone: a link in a link is not HTML; so too where its address holds a merge tag.
        const href = inLink ? undefined : link?.href;
        const a = link === undefined ? undefined : defaultTreeAdapter.createElement(href === undefined ? 'span' : 'a', parse5Html.NS.HTML, href === undefined ? [] : [{ name: 'href', value: href }]);
        if (a !== undefined) defaultTreeAdapter.insertText(a, link!.text);
        const closed = node.tagName === 'iframe' || node.sourceCodeLocation?.endTag !== undefined;
        links.set(node, { a, fallback: closed ? undefined : node });
        parents.add(parent);
        if (closed) continue;
      } else if (isDroppedElement(node, inherited, sheet) || (sheet !== NO_STYLE_SHEET && trackingPixelElement(node, sheet, inherited)) || (node.tagName === 'math' && textLeftOut(mathText(node), hiders)) || (node.tagName === 'img' && visibilityHiddenIn(node, hiders, inherited, sheet))) {
        // A tracking pixel a style sheet's rule sizes (trackingPixelElement) is dropped here, where the rules are
        // read; a formula whose text its ancestors' styles hide, as that text would be; an img the visibility it
        // inherits hides.
        dropped.add(node);
        parents.add(parent);
        continue;
      }
      if (node.tagName === 'math') {
        formulas.push([node, inherited]);
        continue;
      }
      if (rubyTextWithoutParentheses(node)) annotations.push(node);
      // A lazy img that shows no image, published as its noscript copy (noscriptImage).
      const copy = node.tagName === 'img' ? noscriptImage(node) : undefined;
      if (copy !== undefined) node.attrs = copy;
      if (sheet !== NO_STYLE_SHEET && node.tagName === 'img') images.push([node, inherited]);
      // parse5 drops a newline just after <pre> or <listing> and its serialiser writes none back.
      if (node.tagName === 'pre' || node.tagName === 'listing') keepLeadingNewline(node);
      pending.push([node, customPropertiesFrom(node.attrs, inherited, sheet.declarations(node)), textHiddenIn(node, hiders, inherited, sheet), inLink || node.tagName === 'a']);
    }
  }
  for (const [img, inherited] of images) writePublishedSize(img, sheet, inherited);
  for (const annotation of annotations) {
    const open = defaultTreeAdapter.createTextNode('(');
    open.parentNode = annotation;
    annotation.childNodes.unshift(open);
    defaultTreeAdapter.insertText(annotation, ')');
  }
  for (const parent of parents) parent.childNodes = parent.childNodes.filter((node: Node) => !dropped.has(node));
  // Before the links are placed: a formula in a fallback they move keeps its parent.
  for (const [math, inherited] of formulas) {
    dropInFormula(math, inherited, sheet);
    const text = defaultTreeAdapter.createTextNode(mathText(math));
    text.parentNode = math.parentNode;
    math.parentNode!.childNodes[math.parentNode!.childNodes.indexOf(math)] = text;
  }
  // Deepest first (a parent is met before its descendants): an embed in another's fallback is placed before that
  // fallback is moved.
  for (const parent of [...parents].reverse()) {
    parent.childNodes = parent.childNodes.flatMap((node): ChildNode[] => {
      const link = links.get(node);
      if (link === undefined) return [node];
      const fallback = link.fallback?.childNodes ?? [];
      if (link.a === undefined) return fallback;
      // At the top, in a paragraph of its own, as the body's other lines are.
      let shown: ChildNode = link.a;
      if (parent === fragment) {
        shown = defaultTreeAdapter.createElement('p', parse5Html.NS.HTML, []);
        defaultTreeAdapter.appendChild(shown, link.a);
      }
      shown.parentNode = parent;
      return [shown, ...fallback];
    });
  }
  return serialize(fragment);
}

/**
 * A formula without the elements inside it the sanitiser drops with their content (isDroppedElement): a token's HTML
 * (an mtext is an integration point, WHATWG HTML §13.2.6.5) may hold a script, a style sheet or a hidden span, which a
 * browser does not draw; its text is published (mathText). `inherited`: the custom properties its ancestors set.
 */
function dropInFormula(math: Element, inherited: CustomProperties, sheet: BodyStyleSheet): void {
  const pending: [Element, CustomProperties][] = [[math, inherited]];
  while (pending.length > 0) {
    const [element, above] = pending.pop()!;
    const passed = customPropertiesFrom(element.attrs, above, sheet.declarations(element));
    element.childNodes = element.childNodes.filter((node) => !(defaultTreeAdapter.isElementNode(node) && isDroppedElement(node, passed, sheet)));
    for (const node of element.childNodes) if (defaultTreeAdapter.isElementNode(node)) pending.push([node, passed]);
  }
}
