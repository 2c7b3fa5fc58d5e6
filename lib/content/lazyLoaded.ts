import { isHttpUrl } from '../shared/urls.js';

type Attributes = Readonly<Record<string, string | undefined>>;

// The attributes a lazy loader's script copies into src and srcset once the image scrolls into view (lazysizes,
// WP Rocket, a3 Lazy Load, jQuery Lazy Load), in the order each is tried.
export const LAZY_SRC: readonly string[] = ['data-src', 'data-lazy-src', 'data-original'];
const LAZY_SRCSET = ['data-srcset', 'data-lazy-srcset'];
// A src that stands in for the image until the script runs: an inline data: URL, or a loader's own placeholder file
// (a3 Lazy Load's lazy_placeholder.gif, a spacer or blank gif).
const DATA_URL = /^[\t\n\f\r ]*data:/i;
const PLACEHOLDER_FILE = /(?:^|[/_-])(?:lazy[_-]?placeholder|placeholder|lazy|blank|spacer|loading|loader|transparent|grey|gray|empty|1x1|pixel)\.(?:gif|png|svg|jpe?g|webp)$/i;

function placeholder(src: string | undefined): boolean {
  if (src === undefined || src.trim() === '' || DATA_URL.test(src)) return true;
  try {
    return PLACEHOLDER_FILE.test(new URL(src.trim(), 'https://base.invalid/').pathname);
  } catch {
    return false;
  }
}

/**
 * An img's attributes as a browser running its lazy loader shows it, where its src is missing, a data: URL or a
 * loader's placeholder file and a lazy attribute is beside it (data-src, data-lazy-src, data-original; data-srcset,
 * data-lazy-srcset): that attribute's absolute http(s) URL as its src (and srcset), or no src where none holds one, so
 * that its alt stands in for it (altShownAsText), not the placeholder. A feed reader or mail client runs no script, and
 * the sanitiser drops the data-* attributes. Any other img as it is. A `<source>` of a lazy picture likewise (it has no
 * src): lazysizes and WP Rocket copy its data-srcset into its srcset, which a browser then selects from.
 */
export function lazyLoaded(attributes: Attributes): Attributes {
  if (![...LAZY_SRC, ...LAZY_SRCSET].some((name) => attributes[name]?.trim()) || !placeholder(attributes.src)) return attributes;
  const src = LAZY_SRC.map((name) => attributes[name]?.trim()).find((value) => isHttpUrl(value));
  const srcset = LAZY_SRCSET.map((name) => attributes[name]?.trim()).find((value) => value !== undefined && /^https?:\/\//i.test(value));
  return { ...attributes, src, srcset: srcset ?? attributes.srcset };
}
