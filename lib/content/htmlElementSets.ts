// Element sets the sanitiser and the summary's reading of raw HTML share: a module of their own, so that reading a
// summary (check) never loads the sanitiser.
import { customPropertiesPassedDown, NO_CUSTOM_PROPERTIES, styleHides, styleShows, type CustomProperties, type Styles } from './styleHides.js';

/**
 * The containers a CMS or an editable box writes around each line or block (`<div>Line</div><div>Line</div>`), which
 * the sanitiser would unwrap and so run their texts together: each is a div for the repair to fit.
 */
export const BLOCK_CONTAINERS: readonly string[] = ['section', 'article', 'aside', 'header', 'footer', 'main', 'nav', 'address', 'center', 'details', 'hgroup'];

/**
 * Elements dropped with their content that `check` names when they hold text or an image (hiddenContent): what a
 * browser never shows (noembed, noframes and title are display: none, WHATWG HTML §15.3.1), and what it shows as
 * typed, tags and all (xmp, plaintext, §13.2.6.4.7), whose tags the sanitiser's parser would make live. Not video,
 * audio or canvas: the sanitiser drops the element, and its fallback (§4.8.8, §4.8.9, §4.12.5: a download link, a
 * description) is all a feed reader can show, unless a video or audio is a link to its source (embedLink); HTML has
 * no self-closing video, so after `<video/>` all is fallback.
 */
export const HIDDEN_FROM_READERS: readonly string[] = ['noembed', 'noframes', 'title', 'xmp', 'plaintext'];

/**
 * Elements removed with everything inside them, text included: scripts and styles, form controls, embedded and
 * foreign content (a tracking pixel in `<noscript>`, an `<svg>`'s `<title>`; an iframe a reader can open is a link to
 * it first, withoutDroppedElements), and HIDDEN_FROM_READERS. `embed` is void: it has no content, and is listed so
 * that no parser's error recovery can give it some. Not MathML's `math`: its figures are words of the text
 * (`reached <math><mn>7.5</mn><mo>%</mo></math>`), published as its text (mathText).
 */
export const DROPPED_WITH_CONTENT: readonly string[] = ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'template', 'svg', ...HIDDEN_FROM_READERS];

/**
 * What a start tag whose attributes hide its element (hiddenByAttributes) holds, as a regular expression's
 * alternatives: the `hidden` attribute, a style's `display`, `content-visibility` or `visibility`, `opacity`,
 * `overflow` (which a zero size needs to hide), `font-size` or the `font` shorthand (a comment may follow its name),
 * a backslash (a CSS escape, `d\69splay`: styleHides) or `&` (a character reference, which the parser decodes in a
 * value). A dialog hides by its name. The prefilters that spare a body or a tag the parse test for these.
 */
export const HIDING_ATTRIBUTE_WORDS = 'hidden|display|visibility|opacity|overflow|font-size|font\\s*[:/]|\\\\|&';

/**
 * Whether an element's attributes hide it and its content from a reader: `hidden` but for `hidden="until-found"`,
 * which a browser's find-in-page reveals (WHATWG HTML §6.1), or a dialog that is not open (§4.11.3), unless its
 * styles set another display (styleShows); styles that hide it with all it holds (styleHides: `display: none`, a
 * newsletter's preheader at `opacity: 0` or in a box of zero height with its overflow hidden, a tracking pixel).
 * Such an element is dropped with its content, as DROPPED_WITH_CONTENT's are. `styles`: the element's styles
 * (Styles), by default its inline style alone. `inherited`: the custom properties its ancestors' styles set
 * (customPropertiesFrom), which a var() may name. `item`: whether its parent lays it out as a flex or grid item.
 */
export function hiddenByAttributes(tagName: string, attributes: Readonly<Record<string, string | undefined>>, inherited: CustomProperties = NO_CUSTOM_PROPERTIES, styles: Styles | undefined = attributes.style, item?: () => boolean): boolean {
  const hidden = attributes.hidden;
  const hiddenByAgent = (hidden !== undefined && hidden.toLowerCase() !== 'until-found') || (tagName === 'dialog' && attributes.open === undefined);
  if (hiddenByAgent && !styleShows(styles, inherited)) return true;
  return styles !== undefined && styleHides(styles, inherited, tagName, item);
}

/** An element's inline style, as parse5 gives its attributes. */
export const styleOf = (attributes: readonly { name: string; value: string }[]): string | undefined => attributes.find((attribute) => attribute.name === 'style')?.value;

/**
 * The custom properties an element as parse5 builds it gives its children (customPropertiesPassedDown), from the
 * declarations its body's style sheets give it (`sheet`, bodyStyleSheet) and its inline style: a tree walk that asks
 * hiddenElement of each element passes them down, as a browser's cascade does.
 */
export function customPropertiesFrom(attributes: readonly { name: string; value: string }[], inherited: CustomProperties, sheet: readonly string[] = []): CustomProperties {
  return customPropertiesPassedDown(sheet.length === 0 ? styleOf(attributes) : [...sheet, styleOf(attributes)], inherited);
}

/** The elements the sanitiser keeps (sanitizeEntryHtml); any other is unwrapped, or dropped with its content. */
export const PUBLISHED_TAGS: readonly string[] = [
  'p', 'br', 'hr', 'a', 'img', 'em', 'strong', 'b', 'i', 'u', 's', 'del', 'ins', 'sub', 'sup', 'small', 'mark',
  'code', 'pre', 'kbd', 'blockquote', 'q', 'cite', 'abbr', 'ul', 'ol', 'li', 'dl', 'dt', 'dd',
  'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'figure', 'figcaption',
  // A part in another language or direction (WCAG 3.1.2; bdi isolates it, WHATWG HTML §4.5.24); a span only then.
  'span', 'bdi',
  // Kept for the repair to make into paragraphs (repairEntryHtml): never in the output.
  'div',
];
