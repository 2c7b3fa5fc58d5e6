// An image candidate of a srcset (WHATWG HTML §4.8.4.3.10, parse a srcset attribute): past white space and commas,
// the URL up to the next white space, less any commas it ends with (which end the candidate); else its descriptors,
// up to a comma outside parentheses.
const CANDIDATE = /[\t\n\f\r ,]*([^\t\n\f\r ]*)/y;
const DESCRIPTORS = /(?:[^,(]|\([^)]*\)?)*/y;

/** Whether a src or candidate is one the sanitiser keeps on an image: http or https, relative ones resolving to those. */
function kept(url: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(url.trim(), 'https://base.invalid/').protocol);
  } catch {
    return false;
  }
}

/** The srcset's candidate URLs, in the author's order. */
function candidates(srcset: string): string[] {
  const urls: string[] = [];
  let at = 0;
  while (at < srcset.length) {
    CANDIDATE.lastIndex = at;
    const url = CANDIDATE.exec(srcset)![1]!;
    at = CANDIDATE.lastIndex;
    if (url === '') break;
    urls.push(url.replace(/,+$/, ''));
    if (url.endsWith(',')) continue;
    DESCRIPTORS.lastIndex = at;
    DESCRIPTORS.exec(srcset);
    at = DESCRIPTORS.lastIndex + 1;
  }
  return urls.filter((url) => url !== '');
}

/**
 * The URL of the image an img shows: its src, unless that is blank (an error, not the page's own URL, WHATWG HTML
 * §4.8.4.3.4) or of a scheme the sanitiser drops while its srcset has a candidate it keeps; else its srcset's first
 * candidate it keeps, or its first (a browser picks one for the screen, §4.8.4.3; the author's first is taken, as the
 * output carries no srcset); undefined where there is none. One of a scheme the sanitiser drops drops the image.
 */
export function imageSource(attributes: Readonly<Record<string, string | undefined>>): string | undefined {
  const src = attributes.src?.trim() ? attributes.src : undefined;
  if (src !== undefined && kept(src)) return src;
  const urls = candidates(attributes.srcset ?? '');
  return urls.find(kept) ?? src ?? urls[0];
}

/**
 * The text an img with no image (imageSource) shows: its alt, which a browser draws as text in its place,
 * whatever its size (WHATWG HTML §15.4.4, an img that represents some text); undefined for any other, or a blank alt.
 */
export function altShownAsText(attributes: Readonly<Record<string, string | undefined>>): string | undefined {
  return imageSource(attributes) === undefined && attributes.alt?.trim() ? attributes.alt : undefined;
}
