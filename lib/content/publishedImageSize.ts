import type { DefaultTreeAdapterMap } from 'parse5';
import type { BodyStyleSheet } from './bodyStyleSheet.js';
import { attributesOf, pictureSources, type Attributes } from './pictureSources.js';
import { NO_CUSTOM_PROPERTIES, type CustomProperties, type Styles } from './styleHides.js';
import { drawingStyles, styleSides, trackingPixel } from './trackingPixel.js';

/**
 * The width and height attributes an img is published with, its style dropped: where its styles set a side (`styles`,
 * its inline style by default; a style wins over the attribute, WHATWG HTML §15.4.3), its pixels, rounded up to the
 * integer the attribute must be (§2.3.4.2), or none where it is auto or a length an attribute cannot hold (%, em,
 * calc(), a var() the HTML does not settle; `inherited`, the custom properties its ancestors set); else the attribute
 * as written. Neither where, so written, a browser would draw a pixel (trackingPixel) though the page does not (its
 * size came from a source of its picture, `sources`, or from such a length): the image is then drawn at its own size.
 */
export function publishedImageSize(img: Attributes, sources: readonly Attributes[] = [], styles: Styles | undefined = img.style, inherited: CustomProperties = NO_CUSTOM_PROPERTIES): { width: string | undefined; height: string | undefined } {
  const style = styleSides(styles, inherited);
  const side = (name: 'width' | 'height'): string | undefined => {
    const size = style[name];
    if (size === undefined) return img[name];
    return typeof size === 'number' ? String(Math.ceil(size)) : undefined;
  };
  const published = { width: side('width'), height: side('height') };
  return trackingPixel(published) && !trackingPixel(img, sources, styles, inherited) ? { width: undefined, height: undefined } : published;
}

/**
 * Writes into an img of a body's tree (parseBodyHtml) the width and height attributes it is published with, as its
 * styles draw it (drawingStyles: with the rules of the body's style sheets, `sheet`), and drops its style: the
 * sanitiser, which reads the output of this tree, sees no style sheet. An attribute it has keeps its place. Called
 * once every element is judged: a selector may match on the attributes this changes. `inherited`: the custom
 * properties its ancestors set, by the rules too (customPropertiesFrom).
 */
export function writePublishedSize(img: DefaultTreeAdapterMap['element'], sheet: BodyStyleSheet, inherited: CustomProperties): void {
  const size = publishedImageSize(attributesOf(img), pictureSources(img), drawingStyles(img, sheet, inherited), inherited);
  const dropped = (name: string) => name === 'style' || ((name === 'width' || name === 'height') && size[name] === undefined);
  img.attrs = img.attrs.filter((attribute) => !dropped(attribute.name));
  for (const name of ['width', 'height'] as const) {
    const value = size[name];
    const attribute = img.attrs.find((attr) => attr.name === name);
    if (value === undefined) continue;
    if (attribute === undefined) img.attrs.push({ name, value });
    else attribute.value = value;
  }
}
