import { defaultTreeAdapter, type DefaultTreeAdapterMap } from 'parse5';
import type { Problem } from '../shared/errors.js';
import { quote } from '../shared/quote.js';
import { MAY_SHOW_IMAGE } from './bodyImages.js';
import { mergeTagImage } from './imageSource.js';
import { isDroppedElement } from './isDroppedElement.js';
import { markdown } from './markdownParser.js';
import { asTyped, mayHoldMergeTag, mergeTagIn } from './mergeTagIn.js';
import { noscriptImage } from './noscriptImage.js';
import { parseBodyHtml } from './parseBodyHtml.js';
import { attributesOf, pictureSources } from './pictureSources.js';
import { shortcodeWarning } from './shortcodeWarning.js';
import { trackingPixel } from './trackingPixel.js';

type Node = DefaultTreeAdapterMap['node'];

// Named in a message; the rest are counted.
const SHOWN = 3;

/**
 * The warning for a body with images whose address holds a mail service's merge tag (mergeTagImage:
 * `https://gallery.example.com/logo.png?u=*|UNIQID|*`), as a newsletter pasted from a mail service's editor has them:
 * the image is not published, its alt text is in its place, as a link to such an address is its text alone
 * (mergeTagLink). Each is named with its tag and what readers get. Not one the sanitiser drops anyway (hidden, in code,
 * a tracking pixel), one a noscript copy stands in for (noscriptImage), or a Liquid variable, which the shortcode
 * warning names. Read as a browser reads the body's HTML (markdown-it, then parse5).
 */
export function mergeTagImages(body: string): Pick<Problem, 'message' | 'fix'> | undefined {
  if (!MAY_SHOW_IMAGE.test(body) || !mayHoldMergeTag(body)) return undefined;
  const found: string[] = [];
  // Depth first, with a stack: raw HTML may nest deep.
  const pending: Node[] = [...parseBodyHtml(markdown.render(body, {})).childNodes].reverse();
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (!defaultTreeAdapter.isElementNode(node) || isDroppedElement(node)) continue;
    if (node.tagName === 'img') {
      const attributes = attributesOf(node);
      const sources = pictureSources(node);
      const address = mergeTagImage(attributes, sources);
      if (address !== undefined && !trackingPixel(attributes, sources) && noscriptImage(node) === undefined && shortcodeWarning(asTyped(address)) === undefined) {
        const alt = attributes.alt?.trim();
        found.push(`${quote(asTyped(address).trim())} (the tag ${quote(mergeTagIn(address)!)}, ${alt ? `published as its alt text ${quote(alt)}` : 'left out: it has no alt text'})`);
      }
    }
    for (let index = node.childNodes.length - 1; index >= 0; index--) pending.push(node.childNodes[index]!);
  }
  if (found.length === 0) return undefined;
  const more = found.length > SHOWN ? `; and ${found.length - SHOWN} more` : '';
  return {
    message: `shows ${found.length === 1 ? 'an image whose address holds' : `${found.length} images whose addresses hold`} a mail service's merge tag, which only that service fills in when it sends: ${found.slice(0, SHOWN).join('; ')}${more}; as written, no reader's request is meant to reach an address holding one, so the image is not published`,
    fix: "paste the image's real address in its place, or remove the image",
  };
}
