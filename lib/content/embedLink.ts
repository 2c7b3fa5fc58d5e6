import { defaultTreeAdapter, type DefaultTreeAdapterMap } from 'parse5';
import { mergeTagIn } from './mergeTagIn.js';
import { attributesOf } from './pictureSources.js';
import { trackingPixel } from './trackingPixel.js';
import { watchPage } from './watchPage.js';

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

/** What an embed is published as (embedLink). */
export interface EmbedLink {
  /** The address linked: undefined where the source holds a merge tag (`mergeTag`), whose text alone is published. */
  href: string | undefined;
  text: string;
  /** The first merge tag in the source's address (mergeTagIn), as mergeTagLink treats a link to one. */
  mergeTag?: string;
  /** Whether `href` is a known player's watch page (watchPage), in the embed address's place. */
  watchPage?: boolean;
}

/**
 * The link an iframe, video or audio is published as, in a reader that plays none of them: to its source (an iframe's
 * or a media element's src, else a media element's first `<source>` with one, WHATWG HTML §4.8.11.5), where that is an
 * http(s) URL, a known player's to its watch page (watchPage); its text the element's title, else its kind and where it
 * is (`Video: media.example.org/clip.mp4`, `Video: www.youtube.com/watch?v=…`). A source holding a mail service's merge
 * tag (`?u=*|UNIQID|*`) is the text alone, as a link to one is (mergeTagLink): no reader's request is meant to reach
 * it as written. Undefined for any other element, one with no such source, or one drawn at most a pixel wide and high
 * (a tracking frame, trackingPixel).
 */
export function embedLink(element: Element): EmbedLink | undefined {
  const kind = KIND[element.tagName];
  if (kind === undefined) return undefined;
  const attributes = attributesOf(element);
  if (trackingPixel(attributes)) return undefined;
  const sources = element.tagName === 'iframe' ? [] : element.childNodes.filter((node): node is Element => defaultTreeAdapter.isElementNode(node) && node.tagName === 'source');
  const url = [attribute(element, 'src'), ...sources.map((source) => attribute(source, 'src'))].map(httpUrl).find((found) => found !== undefined);
  if (url === undefined) return undefined;
  const title = attributes.title?.replace(/\s+/g, ' ').trim();
  const mergeTag = mergeTagIn(url.href);
  if (mergeTag !== undefined) return { href: undefined, text: title || `${kind}: ${url.host}${url.pathname === '/' ? '' : url.pathname}`, mergeTag };
  const page = watchPage(url);
  if (page !== undefined) return { href: page, text: title || `Video: ${page.replace(/^https:\/\//, '')}`, watchPage: true };
  return { href: url.href, text: title || `${kind}: ${url.host}${url.pathname === '/' ? '' : url.pathname}` };
}
