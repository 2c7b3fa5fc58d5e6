import { defaultTreeAdapter, serialize, type DefaultTreeAdapterMap } from 'parse5';
import { bodyStyleSheet, NO_STYLE_SHEET } from './bodyStyleSheet.js';
import { NO_TEXT_HIDERS, textHiddenIn, textLeftOut, type TextHiders } from './hiddenText.js';
import { customPropertiesFrom } from './htmlElementSets.js';
import { isDroppedElement } from './isDroppedElement.js';
import { mathText } from './mathText.js';
import { parseBodyHtml } from './parseBodyHtml.js';
import { writePublishedSize } from './publishedImageSize.js';
import { keepLeadingNewline } from './repairHtml.js';
import { NO_CUSTOM_PROPERTIES, type CustomProperties } from './styleHides.js';
import { trackingPixelElement } from './trackingPixel.js';

type Node = DefaultTreeAdapterMap['node'];
type ParentNode = DefaultTreeAdapterMap['parentNode'];

/**
 * Body HTML as a browser builds it (parseBodyHtml), without the elements the sanitiser drops with their content
 * (isDroppedElement) and the text a kept element's styles hide (textHiddenIn), with each MathML formula as its text
 * (mathText), serialised for the sanitiser. Its own parser (htmlparser2) ends a misnested element elsewhere:
 * `<div hidden><table></div>text</table></div>` hides the text in a browser, but htmlparser2 ends the div at the first
 * `</div>` and the text was published; a formatting element a browser reopens in a later paragraph (§13.2.4.3) it
 * does not reopen. What is left holds no raw-text element (all are dropped), so htmlparser2 reads it back as written.
 */
export function withoutDroppedElements(html: string): string {
  const fragment = parseBodyHtml(html);
  const sheet = bodyStyleSheet(fragment, html);
  // Every element is judged on the whole tree, as a browser matches selectors (a hidden element is still a sibling
  // and an ancestor), and only then are the dropped ones taken out.
  const dropped = new Set<Node>();
  const parents = new Set<ParentNode>();
  // Each MathML formula a reader sees, published as its text (mathText): the sanitiser keeps no MathML.
  const formulas: DefaultTreeAdapterMap['element'][] = [];
  // The imgs kept, with their ancestors' custom properties: their size is written once all are judged (writePublishedSize).
  const images: [DefaultTreeAdapterMap['element'], CustomProperties][] = [];
  // Depth first, with a stack: raw HTML may nest deep. Each entry: a node, the custom properties its ancestors set,
  // and what hides the text it holds (textHiddenIn).
  const pending: [ParentNode, CustomProperties, TextHiders][] = [[fragment, NO_CUSTOM_PROPERTIES, NO_TEXT_HIDERS]];
  while (pending.length > 0) {
    const [parent, inherited, hiders] = pending.pop()!;
    for (const node of parent.childNodes) {
      if (!('tagName' in node)) {
        if (node.nodeName === '#text' && textLeftOut((node as DefaultTreeAdapterMap['textNode']).value, hiders)) {
          dropped.add(node);
          parents.add(parent);
        }
        continue;
      }
      // A tracking pixel a style sheet's rule sizes (trackingPixelElement) is dropped here, where the rules are read;
      // a formula whose text its ancestors' styles hide, as that text would be.
      if (isDroppedElement(node, inherited, sheet) || (sheet !== NO_STYLE_SHEET && trackingPixelElement(node, sheet, inherited)) || (node.tagName === 'math' && textLeftOut(mathText(node), hiders))) {
        dropped.add(node);
        parents.add(parent);
        continue;
      }
      if (node.tagName === 'math') {
        formulas.push(node);
        continue;
      }
      if (sheet !== NO_STYLE_SHEET && node.tagName === 'img') images.push([node, inherited]);
      // parse5 drops a newline just after <pre> or <listing> and its serialiser writes none back.
      if (node.tagName === 'pre' || node.tagName === 'listing') keepLeadingNewline(node);
      pending.push([node, customPropertiesFrom(node.attrs, inherited, sheet.declarations(node)), textHiddenIn(node, hiders, inherited, sheet)]);
    }
  }
  for (const [img, inherited] of images) writePublishedSize(img, sheet, inherited);
  for (const parent of parents) parent.childNodes = parent.childNodes.filter((node: Node) => !dropped.has(node));
  for (const math of formulas) {
    const text = defaultTreeAdapter.createTextNode(mathText(math));
    text.parentNode = math.parentNode;
    math.parentNode!.childNodes[math.parentNode!.childNodes.indexOf(math)] = text;
  }
  return serialize(fragment);
}
