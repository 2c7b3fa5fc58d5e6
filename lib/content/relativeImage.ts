import { quote } from '../shared/quote.js';

const ABSOLUTE = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/**
 * The first of a body's images (bodyImages) whose address is relative (`./chart.png`, `images/a.png`, `/img/b.png`): it is made
 * absolute against the site's url, as every link is, but a publish writes entries, not images, so the address it
 * gets holds nothing unless the editor put the file there. `siteUrl` names the address it becomes.
 */
export function relativeImage(images: readonly string[], siteUrl?: string): { message: string; fix: string } | undefined {
  for (const src of images) {
    if (src === '' || ABSOLUTE.test(src)) continue;
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
