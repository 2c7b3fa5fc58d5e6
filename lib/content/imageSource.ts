// An image candidate of a srcset (WHATWG HTML §4.8.4.3.10, parse a srcset attribute): past white space and commas,
// the URL up to the next white space, less any commas it ends with (which end the candidate); else its descriptors,
// white-space separated, up to a comma outside parentheses.
const CANDIDATE = /[\t\n\f\r ,]*([^\t\n\f\r ]*)/y;
const DESCRIPTORS = /(?:[^,(]|\([^)]*\)?)*/y;
const DESCRIPTOR = /(?:[^\t\n\f\r (]|\([^)]*\)?)+/g;
// HTML's valid non-negative integer and valid floating-point number (§2.3.4.1, §2.3.4.3).
const INTEGER = /^\d+$/;
const FLOAT = /^-?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?$/;
// A sizes attribute of one length in CSS pixels and no media condition: the width the image is drawn at (§4.8.4.3.12).
const ONE_SIZE = /^[\t\n\f\r ]*(\d+(?:\.\d+)?|\.\d+)px[\t\n\f\r ]*$/i;

/** A srcset's candidate: its URL, with its density (`x`) or width (`w`) descriptor where it has one. */
interface Candidate {
  url: string;
  density?: number;
  width?: number;
}

/** Whether a src or candidate is one the sanitiser keeps on an image: http or https, relative ones resolving to those. */
function kept(url: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(url.trim(), 'https://base.invalid/').protocol);
  } catch {
    return false;
  }
}

/** The srcset's candidates, in the author's order; one whose descriptors are in error is dropped, as a browser drops it. */
function candidates(srcset: string): Candidate[] {
  const found: Candidate[] = [];
  let at = 0;
  while (at < srcset.length) {
    CANDIDATE.lastIndex = at;
    const url = CANDIDATE.exec(srcset)![1]!;
    at = CANDIDATE.lastIndex;
    if (url === '') break;
    if (url.endsWith(',')) {
      found.push({ url: url.replace(/,+$/, '') });
      continue;
    }
    DESCRIPTORS.lastIndex = at;
    const descriptors = DESCRIPTORS.exec(srcset)![0].match(DESCRIPTOR) ?? [];
    at = DESCRIPTORS.lastIndex + 1;
    const candidate = described(url, descriptors);
    if (candidate !== undefined) found.push(candidate);
  }
  return found;
}

/**
 * A candidate with its descriptors read as HTML reads them (§4.8.4.3.10, step 13): at most one width (`w`, an integer
 * above zero) or one density (`x`, a number not below zero), and a height (`h`) only beside a width; undefined where
 * they are in error.
 */
function described(url: string, descriptors: readonly string[]): Candidate | undefined {
  const candidate: Candidate = { url };
  let height = false;
  for (const descriptor of descriptors) {
    const value = descriptor.slice(0, -1);
    const kind = descriptor.at(-1);
    if (kind === 'w' && candidate.width === undefined && candidate.density === undefined && INTEGER.test(value) && Number(value) > 0) candidate.width = Number(value);
    else if (kind === 'x' && candidate.width === undefined && candidate.density === undefined && !height && FLOAT.test(value) && Number(value) >= 0) candidate.density = Number(value);
    else if (kind === 'h' && !height && candidate.density === undefined && INTEGER.test(value) && Number(value) > 0) height = true;
    else return undefined;
  }
  return height && candidate.width === undefined ? undefined : candidate;
}

/**
 * The candidate a browser at a density of one draws (WHATWG HTML §4.8.4.3, select an image source from a source set,
 * which leaves the choice to the browser; browsers take the least density not below the screen's): each candidate's
 * density, one without a descriptor's 1, one with a width's that width over the width the image is drawn at (its
 * `sizes` where that is one length in px; else the screen's, not known here, taken as the widest candidate's, the one
 * no screen draws blurred, as the output carries no srcset); a later candidate of a density already given dropped
 * (§4.8.4.3, same step); then the one of density 1, else the least above it, else the greatest below it.
 */
function chosen(list: readonly Candidate[], sizes: string | undefined): string | undefined {
  const size = ONE_SIZE.exec(sizes ?? '');
  const drawnWidth = size !== null ? Number(size[1]) : Math.max(0, ...list.map((candidate) => candidate.width ?? 0));
  let best: { url: string; density: number } | undefined;
  for (const candidate of list) {
    const density = candidate.density ?? (candidate.width === undefined ? 1 : candidate.width / drawnWidth);
    const better = best === undefined || (best.density < 1 ? density > best.density : density >= 1 && density < best.density);
    if (better) best = { url: candidate.url, density };
  }
  return best?.url;
}

/**
 * The URL of the image an img shows: its src, unless that is blank (an error, not the page's own URL, WHATWG HTML
 * §4.8.4.3.4) or of a scheme the sanitiser drops while its srcset has a candidate it keeps; else the candidate of its
 * srcset a browser draws at a density of one (chosen), of those it keeps, or its first (the output carries no srcset);
 * undefined where there is none. One of a scheme the sanitiser drops drops the image.
 */
export function imageSource(attributes: Readonly<Record<string, string | undefined>>): string | undefined {
  const src = attributes.src?.trim() ? attributes.src : undefined;
  if (src !== undefined && kept(src)) return src;
  const list = candidates(attributes.srcset ?? '');
  return chosen(list.filter((candidate) => kept(candidate.url)), attributes.sizes) ?? src ?? list[0]?.url;
}

/**
 * The text an img with no image (imageSource) shows: its alt, which a browser draws as text in its place,
 * whatever its size (WHATWG HTML §15.4.4, an img that represents some text); undefined for any other, or a blank alt.
 */
export function altShownAsText(attributes: Readonly<Record<string, string | undefined>>): string | undefined {
  return imageSource(attributes) === undefined && attributes.alt?.trim() ? attributes.alt : undefined;
}
