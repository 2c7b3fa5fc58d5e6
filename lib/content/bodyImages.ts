import { defaultTreeAdapter, type DefaultTreeAdapterMap } from 'parse5';
import { imageSource, kept } from './imageSource.js';
import { isDroppedElement } from './isDroppedElement.js';
import { LAZY_SRC } from './lazyLoaded.js';
import { markdown, type MarkdownToken } from './markdownParser.js';
import { noscriptImage } from './noscriptImage.js';
import { parseBodyHtml } from './parseBodyHtml.js';
import { attributesOf, pictureSources } from './pictureSources.js';

type Node = DefaultTreeAdapterMap['node'];

// Where a body holds no HTML img, its Markdown images are read from the tokens alone. A browser reads an image start
// tag as an img (WHATWG HTML §13.2.6.4.7).
const HTML_IMAGE = /<im(?:g|age)\b/i;
/**
 * A body can show an image only where it holds one of these (the sanitiser keeps img alone of the elements that load
 * something: sanitizeEntryHtml).
 */
export const MAY_SHOW_IMAGE = new RegExp(`!\\[|${HTML_IMAGE.source}`, 'i');
// Marks a Markdown image with its address as typed: markdown-it writes it percent-encoded.
const TYPED = 'data-broadsheet-typed';

/**
 * An image a body shows: the address it is published with (`address`, as typed); or, for a lazy img whose loader's
 * address a publish cannot use (not an absolute http(s) URL, lazyLoaded), that address, with `lazy` the attribute
 * that holds it and the text published in its place (its alt, '' where it has none).
 */
export interface BodyImage {
  address: string;
  lazy?: { attribute: string; shownAs: string };
}

/**
 * Each image an entry's body shows, in order: Markdown images (`![alt](./chart.png)`, by reference too) and HTML img
 * elements, read as markdown-it and a browser (parse5) read them, each with the address it is published with: for an
 * img, the one of its src, srcset or picture's sources a browser draws (imageSource), or its noscript copy's
 * (noscriptImage). An image in code is shown as code, and one in an element the sanitiser drops is not published:
 * both are left out.
 */
export function bodyImages(body: string): BodyImage[] {
  // MAY_SHOW_IMAGE needs `![` or `<`, which most bodies do not hold: a scan for them first.
  if ((!body.includes('![') && !body.includes('<')) || !MAY_SHOW_IMAGE.test(body)) return [];
  // The parse's env is the render's: the footnotes plugin keeps the notes there.
  const env = {};
  const tokens = markdown.parse(body, env);
  if (HTML_IMAGE.test(body)) return htmlImages(tokens, env);
  const images: BodyImage[] = [];
  const read = (list: readonly MarkdownToken[]) => {
    for (const token of list) {
      if (token.type === 'inline') read(token.children ?? []);
      else if (token.type === 'image') images.push({ address: typed(token) });
    }
  };
  read(tokens);
  return images;
}

/** A Markdown image's address as the editor typed it (`my chart.png`, where markdown-it writes `my%20chart.png`). */
const typed = (token: MarkdownToken): string => markdown.normalizeLinkText(String(token.attrGet('src') ?? '')).trim();

/** The images of a body with raw HTML, from the tree a browser builds of it, where a picture or a noscript is whole. */
function htmlImages(tokens: MarkdownToken[], env: Parameters<typeof markdown.parse>[1]): BodyImage[] {
  const mark = (list: readonly MarkdownToken[]) => {
    for (const token of list) {
      if (token.type === 'inline') mark(token.children ?? []);
      else if (token.type === 'image') token.attrSet(TYPED, typed(token));
    }
  };
  mark(tokens);
  const found: BodyImage[] = [];
  // Depth first, with a stack: raw HTML may nest deep.
  const pending: Node[] = [...parseBodyHtml(markdown.renderer.render(tokens, markdown.options, env)).childNodes].reverse();
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (!defaultTreeAdapter.isElementNode(node) || isDroppedElement(node)) continue;
    if (node.tagName === 'img') {
      const image = published(node);
      if (image !== undefined) found.push(image);
    }
    for (let index = node.childNodes.length - 1; index >= 0; index--) pending.push(node.childNodes[index]!);
  }
  return found;
}

/** What an img of the tree is published with (BodyImage); undefined where it shows no image and names none. */
function published(img: DefaultTreeAdapterMap['element']): BodyImage | undefined {
  const attributes = attributesOf(img);
  const copy = noscriptImage(img);
  const src = copy !== undefined ? copy.find((attribute) => attribute.name === 'src')!.value : imageSource(attributes, pictureSources(img));
  const address = attributes[TYPED] !== undefined && src === attributes.src ? attributes[TYPED] : src?.trim();
  if (address && kept(address)) return { address };
  const lazy = LAZY_SRC.find((name) => attributes[name]?.trim());
  if (lazy !== undefined) return { address: attributes[lazy]!.trim(), lazy: { attribute: lazy, shownAs: attributes.alt?.trim() ?? '' } };
  return address ? { address } : undefined;
}
