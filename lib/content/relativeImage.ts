import { quote } from '../shared/quote.js';
import type { BodyImage } from './bodyImages.js';

const ABSOLUTE = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/**
 * The first of a body's images (bodyImages) whose address is relative (`./chart.png`, `images/a.png`, `/img/b.png`): it is made
 * absolute against the site's url, as every link is, but a publish writes entries, not images, so the address it
 * gets holds nothing unless the editor put the file there. `siteUrl` names the address it becomes. A lazy img's
 * relative data-src is not published at all (lazyLoaded takes only an absolute one): its alt text is, which it says.
 */
export function relativeImage(images: readonly BodyImage[], siteUrl?: string): { message: string; fix: string } | undefined {
  for (const { address: src, lazy } of images) {
    if (src === '' || ABSOLUTE.test(src)) continue;
    if (lazy !== undefined) {
      return {
        message: `shows a lazy-loaded image whose address, ${quote(src)} (its ${lazy.attribute}), is relative, which a publish cannot make an image of: readers get ${lazy.shownAs === '' ? 'nothing in its place' : `its alt text, ${quote(lazy.shownAs)}`}`,
        fix: "give the image's full https address as its src",
      };
    }
    let becomes = '';
    if (siteUrl) {
      try {
        becomes = `: it becomes ${new URL(src, siteUrl).href}`;
      } catch {
        becomes = '';
      }
    }
    return {
      message: `shows the image ${quote(src)}, a relative address${becomes}, and a publish writes no image there`,
      fix: "give the image's full https address, or put the file at that address yourself",
    };
  }
  return undefined;
}
