import { RenderError } from '../shared/errors.js';
import { cleanText } from '../shared/xmlText.js';

// Guards around the `feed` package (6.0.0), whose XML writer (xml-js) has these defects:
//  - text: it turns every `&amp;` back into `&` before escaping, so a literal "&amp;" typed by an editor is lost;
//  - attributes: it escapes only `"`, so `<` and `&` produce ill-formed XML;
//  - CDATA: it splits only the first `]]>`, so a second one ends the section early;
//  - it passes XML-illegal control characters through;
//  - titles: it writes RSS item titles as CDATA and Atom entry titles as type="html" CDATA, whatever the text.
// Characters that XML forbids are removed from every input by cleanText, so they are safe placeholders:
// the writer cannot touch them, and finishXml turns them into references afterwards.
const AMP = '\uFFFE';
const LT = '\uFFFF';
// XML 1.0 §3.3.3 (attribute-value normalization): a parser reads each literal tab, line feed and carriage return in
// an attribute value as a space, but keeps one written as a character reference. Placeholders, as `&` and `<`.
const TAB = '\u0003';
const LF = '\u0004';
const CR = '\u0005';
/** Brackets the index of a plain-text field (see PlainTextFields). */
const SLOT = '\u0001';
/** Brackets the index of an Atom entry's extra elements (see AtomEntryExtras). */
const EXTRA = '\u0002';

/** For a value `feed` writes as XML text or as an attribute. Pair with finishXml on the output. */
export function xmlValue(text: string): string {
  return cleanText(text).replaceAll('&', AMP).replaceAll('<', LT);
}

/**
 * For a value `feed` writes as an attribute (an Atom category's term): as xmlValue, and a tab, line feed or carriage
 * return comes through as itself, not as the space a parser would read (XML 1.0 §3.3.3). Pair with finishXml.
 */
export function xmlAttributeValue(text: string): string {
  return xmlValue(text).replaceAll('\t', TAB).replaceAll('\n', LF).replaceAll('\r', CR);
}

function splitEveryCdataEnd(clean: string): string {
  // `feed` splits the first `]]>` itself; split every later one here.
  const first = clean.indexOf(']]>');
  if (first < 0) return clean;
  return clean.slice(0, first + 3) + clean.slice(first + 3).replaceAll(']]>', ']]]]><![CDATA[>');
}

/** For HTML that `feed` writes as CDATA (content, summaries): every `]]>` survives. */
export function cdataValue(text: string): string {
  return splitEveryCdataEnd(cleanText(text));
}

/**
 * Plain-text fields that `feed` would write as CDATA: RSS item titles (`<title><![CDATA[…]]></title>`) and Atom
 * titles (`<title type="html"><![CDATA[…]]></title>`). Readers that keep only the first text node of an element, or
 * that show Atom titles as plain text whatever their type, garble those. `slot` hands `feed` a placeholder in place
 * of the text; `fill` replaces each element that holds one with the text as escaped character data, no CDATA:
 *  - RSS 2.0 (https://www.rssboard.org/rss-specification) has no markup in <title>: it is character data, and the
 *    RSS Best Practices Profile (https://www.rssboard.org/rss-profile#data-types-characterdata) asks plain text to
 *    encode `&` and `<` as the hexadecimal references `&#x26;` and `&#x3C;` (finishXml's `hex` style);
 *  - Atom (RFC 4287 §3.1, Text constructs): `type="text"` (§3.1.1.1) says the content is plain text, with no
 *    markup, so readers show it as it is.
 */
export class PlainTextFields {
  readonly #texts: string[] = [];

  /** The placeholder to give `feed` instead of `text`. */
  slot(text: string): string {
    this.#texts.push(cleanText(text));
    return `${SLOT}${this.#texts.length - 1}${SLOT}`;
  }

  /**
   * Writes every slotted field back as plain text, with `attributes` on its element (' type="text"' for Atom).
   * Run it before finishXml, which turns the `&` and `<` placeholders into references.
   */
  fill(xml: string, attributes = ''): string {
    let filled = 0;
    const result = xml.replace(SLOT_ELEMENT, (_element, name: string, index: string) => {
      const text = this.#texts[Number(index)];
      if (text === undefined) throw new RenderError(`a feed holds an unknown plain-text field #${index}`);
      filled += 1;
      return `<${name}${attributes}>${text.replaceAll('&', AMP).replaceAll('<', LT).replaceAll('>', '&gt;')}</${name}>`;
    });
    if (filled !== this.#texts.length) throw new RenderError(`a feed should hold ${this.#texts.length} plain-text fields, but ${filled} were found`);
    return result;
  }
}

/** An element holding nothing but a slot, as `feed` writes it: as text, or as CDATA under an optional type="html". */
const SLOT_ELEMENT = /<(title|subtitle)(?: type="html")?>(?:<!\[CDATA\[)?\u0001(\d+)\u0001(?:\]\]>)?<\/\1>/g;

/**
 * An attribute value as XML: every `&`, `<`, `>` and `"` as a reference (for markup written here, not by `feed`), and
 * a tab, line feed or carriage return too, which a parser would otherwise read as a space (XML 1.0 §3.3.3).
 */
export function xmlAttribute(text: string): string {
  return whitespaceReferences(cleanText(text).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;'), '\t', '\n', '\r');
}

/** Each of `tab`, `lf` and `cr` (the characters, or their placeholders) as its character reference. */
function whitespaceReferences(xml: string, tab: string, lf: string, cr: string): string {
  return xml.replaceAll(tab, '&#x9;').replaceAll(lf, '&#xA;').replaceAll(cr, '&#xD;');
}

/**
 * Elements of an Atom entry that `feed` cannot write (a second link, Media RSS): `slot` hands `feed` a placeholder
 * as the entry's `copyright` (written `<rights>…</rights>`, which Broadsheet never uses otherwise); `fill` replaces
 * each such element with the markup. The markup is built here, every value through xmlAttribute.
 */
export class AtomEntryExtras {
  readonly #markup: string[] = [];

  slot(markup: string): string {
    this.#markup.push(markup);
    return `${EXTRA}${this.#markup.length - 1}${EXTRA}`;
  }

  fill(xml: string): string {
    let filled = 0;
    const result = xml.replace(EXTRA_ELEMENT, (_element, index: string) => {
      const markup = this.#markup[Number(index)];
      if (markup === undefined) throw new RenderError(`a feed holds unknown extra elements #${index}`);
      filled += 1;
      return markup;
    });
    if (filled !== this.#markup.length) throw new RenderError(`a feed should hold ${this.#markup.length} sets of extra elements, but ${filled} were found`);
    return result;
  }
}

const EXTRA_ELEMENT = /<rights>\u0002(\d+)\u0002<\/rights>/g;

/** Adds `xmlns:<prefix>` to the root element, whose opening `feed` writes as `opening` (exactly once). */
export function declareNamespace(xml: string, opening: string, prefix: string, uri: string): string {
  const at = xml.indexOf(opening);
  if (at < 0 || xml.indexOf(opening, at + 1) >= 0) throw new RenderError(`cannot declare the ${prefix} namespace on the feed`);
  return `${xml.slice(0, at + opening.length)} xmlns:${prefix}="${uri}"${xml.slice(at + opening.length)}`;
}

export type ReferenceStyle = 'entities' | 'hex';

/**
 * Replaces the placeholders with references and checks that nothing XML-illegal remains.
 * `hex` (for RSS, per the RSS Best Practices Profile) writes `&#x26;` and `&#x3C;`; `entities` writes `&amp;` and `&lt;`.
 */
export function finishXml(xml: string, style: ReferenceStyle = 'entities'): string {
  const [amp, lt] = style === 'hex' ? ['&#x26;', '&#x3C;'] : ['&amp;', '&lt;'];
  const finished = whitespaceReferences(xml.replaceAll(AMP, amp).replaceAll(LT, lt), TAB, LF, CR);
  if (cleanText(finished) !== finished) throw new RenderError('a feed contains a character that XML forbids');
  return finished;
}
