import { defaultTreeAdapter, parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { imageSource, kept } from './imageSource.js';
import { attributesOf, pictureSources } from './pictureSources.js';
import { trackingPixel } from './trackingPixel.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];
type Attribute = Element['attrs'][number];
type ChildNode = DefaultTreeAdapterMap['childNode'];

// Each list of siblings' positions, made once per list: looked up for each img, an indexOf would cost the list's
// length each time, its square for a body of images side by side.
const positions = new WeakMap<readonly ChildNode[], Map<ChildNode, number>>();

function indexIn(siblings: readonly ChildNode[], node: ChildNode): number {
  let found = positions.get(siblings);
  if (found === undefined) {
    found = new Map(siblings.map((sibling, index) => [sibling, index]));
    positions.set(siblings, found);
  }
  const index = found.get(node);
  // A list changed in place since (none is while a tree is read) is searched.
  return index !== undefined && siblings[index] === node ? index : siblings.indexOf(node);
}

/** The element after a node among its siblings, past white space; undefined where text or nothing comes first. */
function nextElement(node: Element): Element | undefined {
  const siblings = node.parentNode?.childNodes ?? [];
  for (let index = indexIn(siblings, node) + 1; index < siblings.length; index++) {
    const sibling = siblings[index]!;
    if (defaultTreeAdapter.isElementNode(sibling)) return sibling;
    if (!(sibling.nodeName === '#text' && /^[\t\n\f\r ]*$/.test((sibling as DefaultTreeAdapterMap['textNode']).value))) return undefined;
  }
  return undefined;
}

/**
 * The attributes an img is published with where it shows a reader no image (imageSource: none, so its alt, or a
 * placeholder of a scheme the sanitiser drops, a lazy loader's) and the `<noscript>` just after it, or after its
 * picture, holds the image, as WordPress lazy loaders write it: a browser without script draws that copy (WHATWG HTML
 * §4.12.2). Those of the copy's first img that shows an image the sanitiser keeps and is no tracking pixel, with that
 * image as its src and no srcset. The noscript is dropped with its content (DROPPED_WITH_CONTENT): the image is
 * published once. Undefined for any other img. Read on a tree parse5 builds with scripting on, as a browser that runs
 * the loader does: the noscript holds its markup as text.
 */
export function noscriptImage(img: Element): Attribute[] | undefined {
  if (kept(imageSource(attributesOf(img), pictureSources(img)))) return undefined;
  const parent = img.parentNode;
  const noscript = nextElement(parent !== null && defaultTreeAdapter.isElementNode(parent) && parent.tagName === 'picture' ? parent : img);
  if (noscript?.tagName !== 'noscript') return undefined;
  const markup = noscript.childNodes.map((node) => (node.nodeName === '#text' ? (node as DefaultTreeAdapterMap['textNode']).value : '')).join('');
  // Depth first, in document order.
  const pending: Node[] = [parseFragment(markup)];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (defaultTreeAdapter.isElementNode(node) && node.tagName === 'img') {
      const attributes = attributesOf(node);
      const sources = pictureSources(node);
      const src = imageSource(attributes, sources);
      if (src !== undefined && kept(src) && !trackingPixel(attributes, sources)) {
        const copy = node.attrs.filter((attribute) => attribute.name !== 'srcset').map((attribute) => (attribute.name === 'src' ? { name: 'src', value: src } : attribute));
        return copy.some((attribute) => attribute.name === 'src') ? copy : [{ name: 'src', value: src }, ...copy];
      }
    }
    if ('childNodes' in node) for (let index = node.childNodes.length - 1; index >= 0; index--) pending.push(node.childNodes[index]!);
  }
  return undefined;
}
