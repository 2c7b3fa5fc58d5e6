import { defaultTreeAdapter, type DefaultTreeAdapterMap } from 'parse5';

type Element = DefaultTreeAdapterMap['element'];

export type Attributes = Readonly<Record<string, string | undefined>>;

/** An element's attributes as parse5 gives them, by name. */
export const attributesOf = (element: Element): Attributes => Object.fromEntries(element.attrs.map((attribute) => [attribute.name, attribute.value]));

/**
 * The attributes of the `<source>` elements before an img in its `<picture>` (WHATWG HTML §4.8.1), as parse5 builds
 * the tree: those a browser may select an image from in the img's place; none where its parent is no picture.
 */
export function pictureSources(img: Element): Attributes[] {
  const parent = img.parentNode;
  const siblings = parent !== null && defaultTreeAdapter.isElementNode(parent) && parent.tagName === 'picture' ? parent.childNodes : [];
  return siblings
    .slice(0, siblings.indexOf(img))
    .filter((node): node is Element => defaultTreeAdapter.isElementNode(node) && node.tagName === 'source')
    .map(attributesOf);
}
