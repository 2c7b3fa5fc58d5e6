import type { DefaultTreeAdapterMap } from 'parse5';
import { attributesOf } from './pictureSources.js';
import { trackingPixel } from './trackingPixel.js';

type Element = DefaultTreeAdapterMap['element'];

/** The elements that play or show another document in the page, which a feed reader or mail client does not run. */
export const EMBEDS: readonly string[] = ['iframe', 'video', 'audio'];

// What a link without a title says the embed was.
const KIND: Readonly<Record<string, string>> = { iframe: 'Embed', video: 'Video', audio: 'Audio' };
// Absolute, or relative to the scheme as old embed codes write it (`//www.youtube.com/embed/…`), which a page over
// https loads over https.
const HTTP_OR_SCHEME_RELATIVE = /^(?:https?:)?\/\//i;

const attribute = (element: Element, name: string): string | undefined => element.attrs.find((attr) => attr.name === name)?.value;

function httpUrl(value: string | undefined): URL | undefined {
  if (value === undefined || !HTTP_OR_SCHEME_RELATIVE.test(value.trim())) return undefined;
  try {
    const url = new URL(value.trim(), 'https://base.invalid/');
    return url.hostname === '' ? undefined : url;
  } catch {
    return undefined;
  }
}

/**
 * The link an iframe, video or audio is published as, in a reader that plays none of them: to its source (an iframe's
 * or a media element's src, else a media element's first `<source>` with one, WHATWG HTML §4.8.11.5), where that is an
 * http(s) URL; its text the element's title, else its kind and where it is (`Video: media.example.org/clip.mp4`).
 * Undefined for any other element, one with no such source, or one drawn at most a pixel wide and high (a tracking
 * frame, trackingPixel).
 */
export function embedLink(element: Element): { href: string; text: string } | undefined {
  const kind = KIND[element.tagName];
  if (kind === undefined) return undefined;
  const attributes = attributesOf(element);
  if (trackingPixel(attributes)) return undefined;
  const sources = element.tagName === 'iframe' ? [] : element.childNodes.filter((node): node is Element => 'tagName' in node && node.tagName === 'source');
  const url = [attribute(element, 'src'), ...sources.map((source) => attribute(source, 'src'))].map(httpUrl).find((found) => found !== undefined);
  if (url === undefined) return undefined;
  const title = attributes.title?.replace(/\s+/g, ' ').trim();
  return { href: url.href, text: title || `${kind}: ${url.host}${url.pathname === '/' ? '' : url.pathname}` };
}
