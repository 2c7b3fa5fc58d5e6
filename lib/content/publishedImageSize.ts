import type { Attributes } from './pictureSources.js';
import { styleSides, trackingPixel } from './trackingPixel.js';

/**
 * The width and height attributes an img is published with, its style dropped: where the inline style sets a side
 * (which wins over the attribute, WHATWG HTML §15.4.3), its pixels, rounded up to the integer the attribute must be
 * (§2.3.4.2), or none where it is auto or a length an attribute cannot hold (%, em, calc()); else the attribute as
 * written. Neither where, so written, a browser would draw a pixel (trackingPixel) though the page does not (its
 * size came from a source of its picture, `sources`, or from such a length): the image is then drawn at its own size.
 */
export function publishedImageSize(img: Attributes, sources: readonly Attributes[] = []): { width: string | undefined; height: string | undefined } {
  const style = styleSides(img.style);
  const side = (name: 'width' | 'height'): string | undefined => {
    const size = style[name];
    if (size === undefined) return img[name];
    return typeof size === 'number' ? String(Math.ceil(size)) : undefined;
  };
  const published = { width: side('width'), height: side('height') };
  return trackingPixel(published) && !trackingPixel(img, sources) ? { width: undefined, height: undefined } : published;
}
