import { everyScreen } from './bodyStyleSheet.js';
import { lazyLoaded } from './lazyLoaded.js';
import { mergeTagIn } from './mergeTagIn.js';
import type { Attributes } from './pictureSources.js';
import { withoutTrailing } from './withoutTrailing.js';

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

/**
 * Whether a src or candidate is one the sanitiser keeps on an image: http or https, relative ones resolving to those,
 * and holding no mail service's merge tag (mergeTagIn: `https://gallery.example.com/*|UNIQID|*.png`), which only that
 * service fills in when it sends, as a link's address holding one is not kept (mergeTagLink).
 */
export function kept(url: string | undefined): boolean {
  if (url === undefined) return false;
  try {
    return ['http:', 'https:'].includes(new URL(url.trim(), 'https://base.invalid/').protocol) && mergeTagIn(url) === undefined;
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
      found.push({ url: withoutTrailing(url, ',') });
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

// The image types a source may name that every browser a reader uses draws (WHATWG HTML §4.8.4.3: a source of a type
// the browser does not support is passed over; MIME Sniffing §8.1's image types, and the old names of JPEG and PNG
// that Chromium and Firefox take). Not image/jxl, which Chromium draws and Firefox does not.
const DRAWN_TYPES: ReadonlySet<string> = new Set(['image/apng', 'image/avif', 'image/bmp', 'image/gif', 'image/jpeg', 'image/jpg', 'image/pjpeg', 'image/png', 'image/x-png', 'image/svg+xml', 'image/webp', 'image/x-icon', 'image/vnd.microsoft.icon']);

/** Whether a browser on any screen selects a source it reaches (§4.8.4.3, update the source set): no media query but every screen's, a type it draws. */
function alwaysSelected(source: Attributes): boolean {
  const type = source.type?.split(';')[0]!.trim().toLowerCase();
  return (source.media === undefined || everyScreen(source.media)) && (type === undefined || type === '' || DRAWN_TYPES.has(type));
}

/**
 * The URL of the image an img shows. First the srcset of the first source of its picture (`sources`, the `<source>`
 * elements before it) a browser selects on every screen (no media query but every screen's, a type every browser
 * draws, §4.8.4.3, update the source set): a browser draws that source, not the img's src. A source whose media query
 * only some screens match is passed over here (a reader's screen is not known): the img's own image is the one every
 * other screen draws. Then its src, unless that is blank (an error, not the page's own URL, WHATWG HTML §4.8.4.3.4) or
 * of a scheme the sanitiser drops; else, of the candidates the sanitiser keeps, the one a browser draws at a density of
 * one (chosen) from its own srcset, else from the first source selected on some screens (a media query's, a type some
 * browsers draw: an image, not the alt text, where a reader may see one). Where none is kept, the first of its own src
 * and candidates that holds a merge tag (the service's mail shows that image, whatever scheme the src has:
 * `javascript:` draws nothing), else its src or the first candidate (the sanitiser drops that scheme, and the image
 * with it); undefined where there is none, or where that holds a merge tag (mergeTagImage): it shows no image, and so
 * its alt (altShownAsText). The output carries no
 * srcset. A lazy-loaded img and its sources are read as the loader's script leaves them (lazyLoaded: a source's
 * data-srcset is its srcset).
 */
export function imageSource(img: Attributes, sources: readonly Attributes[] = []): string | undefined {
  const url = drawn(img, sources);
  return url !== undefined && mergeTagIn(url) !== undefined ? undefined : url;
}

/**
 * The address an img would show but for the mail service's merge tag it holds (mergeTagIn), which keeps it from being
 * published (kept): none of its src, srcset or picture's sources is kept, and the one imageSource would fall back on
 * holds a tag. Undefined for any other img.
 */
export function mergeTagImage(img: Attributes, sources: readonly Attributes[] = []): string | undefined {
  const url = drawn(img, sources);
  return url !== undefined && mergeTagIn(url) !== undefined ? url : undefined;
}

/** imageSource's reading, with the address it falls back on where none is kept, whatever that holds. */
function drawn(img: Attributes, sources: readonly Attributes[]): string | undefined {
  const attributes = lazyLoaded(img);
  const src = attributes.src?.trim() ? attributes.src : undefined;
  const sets = sources.map(lazyLoaded).filter((source) => source.srcset !== undefined);
  const always = sets.findIndex(alwaysSelected);
  const keptChosen = ({ srcset, sizes }: Attributes) => chosen(candidates(srcset ?? '').filter((candidate) => kept(candidate.url)), sizes);
  const selected = always < 0 ? undefined : keptChosen(sets[always]!);
  if (selected !== undefined) return selected;
  if (src !== undefined && kept(src)) return src;
  const own = { srcset: attributes.srcset ?? '', sizes: attributes.sizes };
  const order = always < 0 ? [own, ...sets] : sets.slice(0, always);
  for (const set of order) {
    const url = keptChosen(set);
    if (url !== undefined) return url;
  }
  // The img's own addresses, where a browser reads them (no source it always selects).
  const ownUrls = [src, ...(always < 0 ? candidates(own.srcset).map((candidate) => candidate.url) : [])];
  const tagged = ownUrls.find((url) => url !== undefined && mergeTagIn(url) !== undefined);
  return tagged ?? src ?? (always < 0 ? order : [sets[always]!, ...order]).map(({ srcset }) => candidates(srcset ?? '')[0]?.url).find((url) => url !== undefined);
}

/**
 * The text an img with no image (imageSource, `sources` its picture's) shows: its alt, which a browser draws as text
 * in its place, whatever its size (WHATWG HTML §15.4.4, an img that represents some text); undefined for any other, or a blank alt.
 * Nor for a tracking pixel (`pixel`, trackingPixel) whose address holds a merge tag (mergeTagImage): the service's mail
 * draws that image 1×1, and check names it as left out (hiddenContent).
 */
export function altShownAsText(attributes: Attributes, sources: readonly Attributes[] = [], pixel = false): string | undefined {
  return imageSource(attributes, sources) === undefined && !(pixel && mergeTagImage(attributes, sources) !== undefined) && attributes.alt?.trim() ? attributes.alt : undefined;
}
