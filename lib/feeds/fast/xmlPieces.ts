import { RenderError } from '../../shared/errors.js';
import { cleanText } from '../../shared/xmlText.js';

// The pieces of a feed as `feed` (6.0.0, through xml-js) writes them behind the guards of ../feedGuards.ts, so the
// writers of this folder give the same bytes; tests/unit/feeds/fast/ holds them to it.

/** How `&` and `<` in text are written: RSS as hexadecimal references (RSS Best Practices Profile), Atom as entities. */
export interface References {
  amp: string;
  lt: string;
}

export const HEX_REFERENCES: References = { amp: '&#x26;', lt: '&#x3C;' };
export const ENTITY_REFERENCES: References = { amp: '&amp;', lt: '&lt;' };

const TEXT_SPECIAL = /[&<>]/;

/** Element text (xmlValue, then xml-js's text escaping, then finishXml): cleaned; `&`, `<` as `refs`; `>` as `&gt;`. */
export function xmlText(value: string, refs: References): string {
  const clean = cleanText(value);
  if (!TEXT_SPECIAL.test(clean)) return clean;
  return clean.replaceAll('&', refs.amp).replaceAll('<', refs.lt).replaceAll('>', '&gt;');
}

const ATTRIBUTE_SPECIAL = /[&<"\t\n\r]/;

/**
 * An attribute value (xmlAttributeValue, then xml-js's `"` escaping, then finishXml): cleaned; `&`, `<` as `refs`;
 * `"` as `&quot;`; tab, line feed and carriage return as references, which a parser keeps (XML 1.0 §3.3.3).
 */
export function xmlAttributeValue(value: string, refs: References): string {
  const clean = cleanText(value);
  if (!ATTRIBUTE_SPECIAL.test(clean)) return clean;
  return clean
    .replaceAll('&', refs.amp)
    .replaceAll('<', refs.lt)
    .replaceAll('"', '&quot;')
    .replaceAll('\t', '&#x9;')
    .replaceAll('\n', '&#xA;')
    .replaceAll('\r', '&#xD;');
}

/**
 * A URL `feed` writes through its sanitizeUrl (the WHATWG URL serialisation, then `&` as `&amp;`): as element text
 * (xml-js also escapes `<` and `>`, which that serialisation never leaves) or as an attribute (and `"`).
 */
export function urlText(url: string): string {
  const href = new URL(url).href;
  return TEXT_SPECIAL.test(href) ? href.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;') : href;
}

export function urlAttribute(url: string): string {
  const href = new URL(url).href;
  return ATTRIBUTE_SPECIAL.test(href) ? href.replaceAll('&', '&amp;').replaceAll('"', '&quot;') : href;
}

/** The text of a CDATA section (cdataValue and xml-js together): cleaned, every `]]>` split across two sections. */
export function cdataText(value: string): string {
  const clean = cleanText(value);
  return clean.includes(']]>') ? clean.replaceAll(']]>', ']]]]><![CDATA[>') : clean;
}

/** An element whose value `feed` gives xml-js as a plain string: `<name/>` when it is empty. */
export function stringElement(name: string, value: string): string {
  return value === '' ? `<${name}/>` : `<${name}>${value}</${name}>`;
}

/** finishXml's last check: nothing XML forbids in the whole document. */
export function assertXmlClean(xml: string): string {
  if (cleanText(xml) !== xml) throw new RenderError('a feed contains a character that XML forbids');
  return xml;
}

/**
 * A feed document's first pieces: the XML declaration and, when there is a stylesheet, its processing instruction
 * (`stylesheetHref` escaped by the caller, as its format escapes attributes) and feed.css's (`css`: cssInstruction).
 * The writer pushes the rest into the same array and joins it once: the document is one flat string, not copies of
 * its parts (it is large; see docs/benchmarks.md).
 */
export function documentStart(stylesheetHref: string, css: string): string[] {
  const out = ['<?xml version="1.0" encoding="utf-8"?>'];
  if (stylesheetHref) out.push(`<?xml-stylesheet href="${stylesheetHref}" type="text/xsl"?>`, css);
  return out;
}

/** xml-js's indentation (spaces: 4) at `depth`, on a new line. */
export function indent(depth: number): string {
  return `\n${'    '.repeat(depth)}`;
}
