import { quote } from '../shared/quote.js';

// A Markdown image's address (`![alt](./chart.png "title")`, `![alt](<a b.png>)`), or an HTML img's src.
const MARKDOWN_IMAGE = /!\[[^\]]*\]\(\s*(?:<([^>]*)>|([^\s)]+))/g;
const HTML_IMAGE = /<img\b[^>]*?\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;
const ABSOLUTE = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/**
 * The first image in a body whose address is relative (`./chart.png`, `images/a.png`, `/img/b.png`): it is made
 * absolute against the site's url, as every link is, but a publish writes entries, not images, so the address it
 * gets holds nothing unless the editor put the file there. `siteUrl` names the address it becomes.
 */
export function relativeImage(body: string, siteUrl?: string): { message: string; fix: string } | undefined {
  for (const pattern of [MARKDOWN_IMAGE, HTML_IMAGE]) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(body); match; match = pattern.exec(body)) {
      const src = (match[1] ?? match[2] ?? match[3] ?? '').trim();
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
  }
  return undefined;
}
