import sanitize from 'sanitize-html';
import { encodeUriTail, normalizeUrl } from '../shared/normalizeUrl.js';
import { BLOCK_CONTAINERS, DROPPED_WITH_CONTENT, hiddenByAttributes, PUBLISHED_TAGS } from './htmlElementSets.js';
import type { FootnoteIds } from './footnoteIds.js';
import { holdsNoWidthCharacter, isBlankText } from './blankText.js';
import { LINE_ATTRIBUTE, NAMED_WHEN_EMPTIED } from './blockLines.js';
import { altShownAsText, imageSource } from './imageSource.js';
import { bodyLanguageTag } from './languageTag.js';
import { listNumbering, NUMBERING_MARKS } from './listNumbering.js';
import { isMergeTagLink } from './mergeTagLink.js';
import { publishedImageSize } from './publishedImageSize.js';
import { nextHeadingLevel } from './repairHtml.js';
import { IMAGE_SCHEMES, LINK_SCHEMES, refusedAddress } from './refusedAddress.js';
import { customPropertiesPassedDown, NO_CUSTOM_PROPERTIES, type CustomProperties } from './styleHides.js';
import type { Attributes } from './pictureSources.js';
import { trackingPixel } from './trackingPixel.js';
import { withHtmlCommentEnds } from './withHtmlCommentEnds.js';

const ALLOWED_TAGS = [...PUBLISHED_TAGS];
const ALLOWED = new Set(ALLOWED_TAGS);

/**
 * Resolves `value` against `base`, as an RFC 3986 URI every output can carry (the Nu checker refuses what the WHATWG
 * parser leaves: `|`, `^`, `[`, a bare `%`, a second `#`) and without a user name or password (HTML forbids them in
 * a URL, WHATWG URL §4.1, and they would be published); undefined when it cannot be parsed (the attribute is
 * then dropped). A scheme the sanitiser refuses is dropped after this, whatever its form.
 */
function absolutize(value: string | undefined, base: string): string | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value.trim(), base);
  } catch {
    return undefined;
  }
  if (url.protocol === 'mailto:') return `mailto:${encodeUriTail(url.href.slice('mailto:'.length))}`;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return url.href;
  url.username = '';
  url.password = '';
  return normalizeUrl(url.href);
}

/** `refused`, where given, gets the attributes of each element whose address is dropped (refusedAddress). */
function absolutizing(attribute: 'href' | 'src', base: string, notes: FootnoteIds | undefined, refused: WeakSet<sanitize.Attributes> | undefined): sanitize.Transformer {
  return (tagName, attribs) => {
    const kept: sanitize.Attributes = {};
    // Rebuild in the original order, so output reads like the input.
    for (const [name, value] of Object.entries(attribs)) {
      if (name === 'id') {
        if (notes?.owns(value)) kept[name] = value;
      } else if (name !== attribute) kept[name] = value;
      // A link to a place in the commentary: one of the entry's footnotes (or back to its reference) stays. Another
      // (`#notes`, a pasted footnote's `#fn1`) has no target once the ids are gone, and against the site's url it
      // would open the home page: its text stays, without the link.
      else if (attribute === 'href' && value.trim().startsWith('#')) {
        if (notes?.owns(value.trim().slice(1))) kept[name] = value.trim();
      }
      // A mail service's merge tag (`*|ARCHIVE|*`, `{{unsubscribe_url}}`, `?u=*|UNIQID|*`): no reader's request is meant
      // to reach the address (isMergeTagLink); its text stays, without the link.
      else if (attribute === 'href' && isMergeTagLink(value)) continue;
      else {
        const resolved = absolutize(value, base);
        if (resolved !== undefined) kept[name] = resolved;
        if (refused && refusedAddress(value, attribute === 'src')) refused.add(kept);
      }
    }
    return { tagName, attribs: kept };
  };
}

/**
 * Makes entry HTML safe to syndicate: keeps ordinary formatting, links and images; removes script, style,
 * iframe (with their contents), `on*` handlers, `style` and every URL scheme but http(s) (and mailto for links),
 * so no `javascript:` or `data:` URL survives. Relative links and images become absolute against `baseUrl`,
 * since feed readers have no base (W3C validator: "relative URL in content").
 */
/**
 * A `lang` attribute in a start tag as sanitize-html writes it (text holds no `<`): kept as its canonical tag when it
 * names a registered language (bodyLanguageTag), else dropped, which the Nu checker would refuse.
 */
const LANG_ATTRIBUTE = /(<[a-z][a-z0-9]*\b[^<>]*?) lang="([^"]*)"/g;
/** A `dir` attribute likewise: kept when it is one of HTML's three (§3.2.6.4), else dropped. */
const DIR_ATTRIBUTE = /(<[a-z][a-z0-9]*\b[^<>]*?) dir="([^"]*)"/g;
const DIRECTIONS = new Set(['ltr', 'rtl', 'auto']);
// A span with no lang or dir left, which only an image's alt text is (exclusiveFilter unwraps any other): its text alone.
const BARE_SPAN = /<span>([^<]*)<\/span>/g;

// What an element left with nothing inside shows as, in a browser: nothing, where these hold no text, no id and no
// element that shows of itself (SHOWN_EMPTY). An empty link is an accessibility error (WCAG 2.4.4); an empty paragraph
// or table is a blank gap in a feed reader.
const INLINE_DROPPED_EMPTY = new Set(['a', 'em', 'strong', 'b', 'i', 'u', 's', 'del', 'ins', 'sub', 'sup', 'small', 'mark', 'code', 'kbd', 'q', 'cite', 'abbr', 'span', 'bdi']);
// A paragraph, heading or code block of white space alone (`<p> </p>`, `<p>&nbsp;</p>`, a bare `#`, an empty fence), a
// list item with nothing after its bullet or number, a quotation, figure, caption or definition list of nothing, a list
// with no item and a table with no cell: blank. A heading left empty is also one the Nu checker warns of.
const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];
const BLANK_DROPPED = new Set(['p', ...HEADINGS, 'pre', 'li', 'blockquote', 'figure', 'figcaption', 'caption', 'ul', 'ol', 'dl', 'table', 'thead', 'tbody', 'tfoot', 'tr']);
// What an element holds that shows though empty, by kind: a line break in a paragraph of nothing else draws a blank line,
// as `&nbsp;` does, and a table of blank cells a blank box, a row of them in a table of text keeps its columns; an
// image or a rule shows. A list item kept shows its bullet or number (ITEM): a cell or table holding one is not blank.
const SHOWN = 1;
const BREAK = 2;
const CELL = 4;
const SHOWN_EMPTY: ReadonlyMap<string, number> = new Map([['img', SHOWN], ['hr', SHOWN], ['br', BREAK], ['td', CELL], ['th', CELL]]);
// For each element of BLANK_DROPPED, what it may hold and still be blank (nothing, where not listed: a list holding a
// break alone is kept, which the repair makes an item).
const BLANK_HOLDING: ReadonlyMap<string, number> = new Map([
  ...['p', 'pre', 'li', 'figcaption', 'caption', ...HEADINGS].map((tag): [string, number] => [tag, BREAK]),
  ...['blockquote', 'figure', 'table'].map((tag): [string, number] => [tag, BREAK | CELL]),
]);
const HEADING = /^h[1-6]$/;

/**
 * Whether a span marks a part's language or direction, with a lang the output keeps (bodyLanguageTag) or one of HTML's
 * directions: only such a span stays; any other is unwrapped, as the sanitiser unwraps what it does not allow.
 */
function marksPart(attribs: sanitize.Attributes): boolean {
  return (attribs.lang !== undefined && bodyLanguageTag(attribs.lang) !== undefined) || (attribs.dir !== undefined && DIRECTIONS.has(attribs.dir.toLowerCase()));
}

/**
 * An img with the width and height it is published with (publishedImageSize: the size a browser draws it at, where
 * attributes can say it), in the attributes' order; `sources`, those of the `<source>` elements before it in its picture;
 * `inherited`, the custom properties its ancestors set.
 */
function sized(transform: sanitize.Transformer, sources: () => readonly Attributes[], inherited: () => CustomProperties): sanitize.Transformer {
  return (tagName, attribs) => {
    const result = transform(tagName, attribs);
    const size = publishedImageSize(attribs, sources(), attribs.style, inherited());
    for (const side of ['width', 'height'] as const) {
      const value = size[side];
      if (value === undefined) delete result.attribs[side];
      else result.attribs[side] = value;
    }
    return result;
  };
}

/**
 * An img's src is the image it shows that can be published (imageSource, from its own or a source of its picture,
 * `sources`), in its src's place or else its srcset's, else first; none where it has none.
 */
function srcFromSrcset(transform: sanitize.Transformer, sources: () => readonly Attributes[]): sanitize.Transformer {
  return (tagName, attribs) => {
    const src = imageSource(attribs, sources());
    if (src === attribs.src) return transform(tagName, attribs);
    const withSrc: sanitize.Attributes = {};
    let placed = attribs.src === undefined && attribs.srcset === undefined;
    if (placed && src !== undefined) withSrc.src = src;
    for (const [name, value] of Object.entries(attribs)) {
      if (name !== 'src' && name !== 'srcset') withSrc[name] = value;
      else if (!placed && src !== undefined) withSrc.src = src;
      placed ||= name === 'src' || name === 'srcset';
    }
    return transform(tagName, withSrc);
  };
}

/** A list item keeps an id only when it is one of the entry's footnotes' (footnoteIds). */
function footnoteItem(notes: FootnoteIds | undefined): sanitize.Transformer {
  return (tagName, attribs) => {
    const { id, ...kept } = attribs;
    return { tagName, attribs: id !== undefined && notes?.owns(id) ? { ...kept, id } : kept };
  };
}

export interface SanitizeOptions {
  /**
   * What hides an element was read already, on the tree a browser builds with the body's style sheets
   * (withoutDroppedElements), and what is left shows: the inline styles alone must not judge it again (a style sheet's
   * `display: block !important` shows an element whose inline style says none). Tracking pixels are still dropped here.
   */
  hidingRead?: boolean;
  /**
   * The headings come levelled (renderMarkdown, repairEntryHtml): each kept after one dropped as empty is levelled
   * again against the last one kept (nextHeadingLevel), so that none skips a level (the Nu checker refuses a skip).
   * Without it, h1 is h2 and the others stay.
   */
  relevel?: boolean;
  /**
   * Told of each element dropped as blank (BLANK_DROPPED: a heading, a quotation, a paragraph left empty), once the
   * body is read, in its order; not of one dropped as hidden, nor of one inside another dropped (a list of blank items
   * is told of as the list). Its line is its start tag's LINE_ATTRIBUTE (markBlockLines), else the first line marked
   * inside it (a fence's, on its code), where it has one; `noWidth`, whether a paragraph's text held a character of no
   * width (isNamedWhenEmptied).
   */
  emptied?: ((tag: string, line: number | undefined, noWidth: boolean) => void) | undefined;
  /**
   * Told of each link and img whose address is dropped (refusedAddress: `data:`, `javascript:`, one no URL parser
   * reads), in order, with the line its LINE_ATTRIBUTE gives, where it has one; not of one hidden, a tracking pixel,
   * or one in an element `check` names dropped as blank (NAMED_WHEN_EMPTIED), which `emptied` is told of.
   */
  refused?: ((tag: string, line: number | undefined) => void) | undefined;
  /**
   * Each element keeps its LINE_ATTRIBUTE, for a later pass's `emptied` to give the line of an element only it drops
   * (renderMarkdown's second pass, after the repair). Only `check` marks a body so.
   */
  keepLines?: boolean;
}

export function sanitizeEntryHtml(html: string, baseUrl: string, notes?: FootnoteIds, options: SanitizeOptions = {}): string {
  const { hidingRead = false, relevel = false, emptied, refused, keepLines = false } = options;
  // The attributes of the links and imgs whose address is dropped (absolutizing).
  const refusedOn = refused && new WeakSet<sanitize.Attributes>();
  // For each open element, the elements dropped as blank inside it so far, each with its line; the first, the body's
  // own. One dropped with what holds it is told of as that: a list of blank items is one list.
  const emptiedWithin: { tag: string; line: number | undefined; noWidth: boolean }[][] = [[]];
  let closedEmptiedAt = 0;
  // For each open element, its line (LINE_ATTRIBUTE), else the first line marked inside it so far: a fence's line is on
  // its code (markdown-it writes a token's attributes there), not on its pre.
  const linesWithin: (number | undefined)[] = [];
  let closedLine: number | undefined;
  // What the list item closed holds (`holds`), given to its parent only if it is kept: a list of items all dropped
  // as blank is blank.
  let closedItemHolds = 0;
  // For each open element, those of them it holds so far, each with its line; the first, the body's own.
  const refusedWithin: { tag: string; line: number | undefined }[][] = [[]];
  // Where the closed element's begin in its parent's list.
  let closedRefusedAt = 0;
  // The line each marked link and img starts on, by its attributes (LINE_ATTRIBUTE, which the sanitiser then drops).
  const lines = new WeakMap<sanitize.Attributes, number>();
  // The attributes of the elements hidden from a reader (hiddenByAttributes), each dropped with its content.
  const hidden = new WeakSet<sanitize.Attributes>();
  // The custom properties each open element passes down, innermost last, and those the element being opened
  // inherits, which a var() in its style may name. The parser closes every element it opens, void ones too.
  const open: CustomProperties[] = [];
  let inherited = NO_CUSTOM_PROPERTIES;
  // For each open element, the attributes of the sources a picture holds so far (WHATWG HTML §4.8.1), undefined for
  // any other; and those before the element being opened, if its parent is a picture: an img's size may come from one.
  const pictures: (Attributes[] | undefined)[] = [];
  let sources: readonly Attributes[] = [];
  // Whether the element being opened is a tracking pixel, by its attributes as written.
  let pixel = false;
  // For each open element, the kinds of element it holds that show though empty (SHOWN_EMPTY); and the element being
  // closed's, which exclusiveFilter reads. Counted whether the inner element is kept or not: a doubt keeps the element.
  // But for what a hidden element holds (`hidden`): it goes with its content, so its parent holds none of it.
  const holds: number[] = [];
  // For each open element, whether it is hidden (or a tracking pixel).
  const hiddenOpen: boolean[] = [];
  // For each open element, its attributes as the sanitiser keeps them if it is an img: one left without a src (of a
  // scheme refused, `data:`) is dropped with its alt, and so gives its parent nothing, as a hidden one.
  const openImages: (sanitize.Attributes | undefined)[] = [];
  let closedHolds = 0;
  // For each open element, the text of the spans unwrapped inside it, which the sanitiser gives to no parent; and the
  // element being closed's.
  const unwrapped: string[] = [];
  let closedUnwrapped = '';
  // The attributes of the images a browser shows as their alt text (altShownAsText): each is published as the text,
  // through a span unwrapped at the end.
  const shownAsText = new WeakSet<sanitize.Attributes>();
  const image = sized(srcFromSrcset(absolutizing('src', baseUrl, notes, refusedOn), () => sources), () => sources, () => inherited);
  // The level of the last heading kept (1 for the page's h1), and the one the heading open is written at: headings do
  // not nest where `relevel` is asked (the repair has made phrasing of a block inside one).
  let headingKept = 1;
  let headingOpen = 2;
  const heading: sanitize.Transformer = (tagName, attribs) => {
    const level = Math.max(Number(tagName.slice(1)), 2);
    headingOpen = relevel ? nextHeadingLevel(level, headingKept) : level;
    return { tagName: `h${headingOpen}`, attribs };
  };
  // Whether the element closed goes, with its content (true) or alone ('excludeTag'), as exclusiveFilter reads it.
  const dropped = (frame: sanitize.IFrame): boolean | 'excludeTag' => {
    if (hidden.has(frame.attribs)) return true;
    if (shownAsText.has(frame.attribs)) return false;
    const text = frame.text + closedUnwrapped;
    if (frame.attribs.id === undefined) {
      if (INLINE_DROPPED_EMPTY.has(frame.tag) && closedHolds === 0 && text === '') return true;
      if (BLANK_DROPPED.has(frame.tag) && (closedHolds & ~(BLANK_HOLDING.get(frame.tag) ?? 0)) === 0 && isBlankText(text)) return true;
    }
    if (frame.tag === 'span' && !marksPart(frame.attribs)) {
      if (unwrapped.length > 0) unwrapped[unwrapped.length - 1] += frame.text;
      return 'excludeTag';
    }
    return frame.tag === 'img' && !frame.attribs.src;
  };
  // Its parser ends a comment only at `-->`; a browser shows what follows an earlier end (withHtmlCommentEnds).
  const numbering = listNumbering();
  const sanitized = sanitize(withHtmlCommentEnds(html), {
    onOpenTag: (name, attribs) => {
      numbering.open(name, attribs);
      inherited = open.at(-1) ?? NO_CUSTOM_PROPERTIES;
      open.push(customPropertiesPassedDown(attribs.style, inherited));
      const picture = pictures.at(-1);
      if (name === 'source') picture?.push(attribs);
      sources = picture ?? [];
      pixel = name === 'img' && trackingPixel(attribs, sources, attribs.style, inherited);
      pictures.push(name === 'picture' ? [] : undefined);
      holds.push(0);
      unwrapped.push('');
      hiddenOpen.push(false);
      openImages.push(undefined);
      refusedWithin.push([]);
      emptiedWithin.push([]);
      linesWithin.push(emptied && attribs[LINE_ATTRIBUTE] !== undefined ? Number(attribs[LINE_ATTRIBUTE]) : undefined);
    },
    onCloseTag: (name) => {
      numbering.close();
      open.pop();
      pictures.pop();
      closedHolds = holds.pop() ?? 0;
      closedUnwrapped = unwrapped.pop() ?? '';
      const closedHidden = hiddenOpen.pop() ?? false;
      const closedImage = openImages.pop();
      const closedRefused = refusedWithin.length > 1 ? refusedWithin.pop()! : [];
      closedRefusedAt = refusedWithin.at(-1)!.length;
      refusedWithin.at(-1)!.push(...closedRefused);
      const closedEmptied = emptiedWithin.length > 1 ? emptiedWithin.pop()! : [];
      closedEmptiedAt = emptiedWithin.at(-1)!.length;
      emptiedWithin.at(-1)!.push(...closedEmptied);
      closedLine = linesWithin.pop();
      if (linesWithin.length > 0 && linesWithin.at(-1) === undefined) linesWithin[linesWithin.length - 1] = closedLine;
      const gone = closedHidden || (closedImage !== undefined && !closedImage.src);
      closedItemHolds = 0;
      if (holds.length > 0 && !gone) {
        if (name === 'li') closedItemHolds = closedHolds;
        else holds[holds.length - 1]! |= closedHolds | (SHOWN_EMPTY.get(name) ?? 0);
        unwrapped[unwrapped.length - 1] += closedUnwrapped;
      }
    },
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: {
      // The language and direction of a part in another language (WCAG 3.1.2): a screen reader speaks it in its own voice.
      '*': keepLines ? ['lang', 'dir', LINE_ATTRIBUTE] : ['lang', 'dir'],
      // An id only where a footnote puts one (footnoteItem, absolutizing): unique to the entry on a page of several.
      a: ['href', 'title', 'id'],
      li: ['id', 'value', NUMBERING_MARKS.li],
      img: ['src', 'alt', 'title', 'width', 'height'],
      th: ['colspan', 'rowspan', 'scope'],
      td: ['colspan', 'rowspan'],
      ol: ['start', 'reversed', NUMBERING_MARKS.ol],
      abbr: ['title'],
    },
    allowedSchemes: [...LINK_SCHEMES],
    allowedSchemesByTag: { img: [...IMAGE_SCHEMES] },
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    nonTextTags: [...DROPPED_WITH_CONTENT],
    transformTags: {
      // After each tag's own transform, which keeps the attributes that hide, and before the style is dropped: a
      // tracking pixel may be sized by it. A tag the sanitiser would unwrap becomes one it keeps, since only those reach
      // exclusiveFilter, which drops the element with its content.
      '*': (tagName, attribs) => {
        if (tagName === 'img') openImages[openImages.length - 1] = attribs;
        if (refused && attribs[LINE_ATTRIBUTE] !== undefined) lines.set(attribs, Number(attribs[LINE_ATTRIBUTE]));
        if (!(!hidingRead && hiddenByAttributes(tagName, attribs, inherited)) && !(tagName === 'img' && pixel)) {
          // Inside a hidden element it goes with that element, which the hidden-content warning names.
          if (refusedOn?.has(attribs) && !hiddenOpen.includes(true)) refusedWithin.at(-1)!.push({ tag: tagName, line: lines.get(attribs) });
          return { tagName, attribs };
        }
        hidden.add(attribs);
        hiddenOpen[hiddenOpen.length - 1] = true;
        return { tagName: ALLOWED.has(tagName) ? tagName : 'div', attribs };
      },
      ...Object.fromEntries(BLOCK_CONTAINERS.map((tag) => [tag, 'div'])),
      // A details element's own heading.
      summary: 'p',
      ...Object.fromEntries(HEADINGS.map((tag) => [tag, heading])),
      a: absolutizing('href', baseUrl, notes, refusedOn),
      img: (tagName, attribs) => {
        const text = altShownAsText(attribs, sources, pixel);
        if (text === undefined) return image(tagName, attribs);
        shownAsText.add(attribs);
        return { tagName: 'span', attribs, text };
      },
      li: footnoteItem(notes),
    },
    // The attributes object is the frame's own, the transform's, whatever attributes are dropped from it meanwhile.
    exclusiveFilter: (frame) => {
      const drop = dropped(frame);
      if (HEADING.test(frame.tag) && drop === false) headingKept = headingOpen;
      if (frame.tag === 'li' && drop === false && holds.length > 0) holds[holds.length - 1]! |= closedItemHolds | SHOWN;
      if (drop === true) {
        numbering.dropped(hidden.has(frame.attribs));
        emptiedWithin.at(-1)!.length = closedEmptiedAt;
        if (BLANK_DROPPED.has(frame.tag) && !hidden.has(frame.attribs)) emptiedWithin.at(-1)!.push({ tag: frame.tag, line: closedLine, noWidth: frame.tag === 'p' && holdsNoWidthCharacter(frame.text + closedUnwrapped) });
        if (NAMED_WHEN_EMPTIED.test(frame.tag)) refusedWithin.at(-1)!.length = closedRefusedAt;
      }
      return drop;
    },
  });
  for (const element of emptiedWithin[0]!) emptied?.(element.tag, element.line, element.noWidth);
  for (const element of refusedWithin[0]!) refused?.(element.tag, element.line);
  return numbering
    .numbered(sanitized)
    .replace(LANG_ATTRIBUTE, (_match, tag: string, value: string) => {
      const language = bodyLanguageTag(value);
      return language === undefined ? tag : `${tag} lang="${language}"`;
    })
    .replace(DIR_ATTRIBUTE, (_match, tag: string, value: string) => (DIRECTIONS.has(value.toLowerCase()) ? `${tag} dir="${value.toLowerCase()}"` : tag))
    .replace(BARE_SPAN, '$1');
}
