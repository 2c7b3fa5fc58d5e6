import { RenderError } from '../shared/errors.js';
import { cleanText } from '../shared/xmlText.js';

// Guards around the `feed` package (6.0.0), whose XML writer (xml-js) has these defects:
//  - text: it turns every `&amp;` back into `&` before escaping, so a literal "&amp;" typed by an editor is lost;
//  - attributes: it escapes only `"`, so `<` and `&` produce ill-formed XML;
//  - CDATA: it splits only the first `]]>`, so a second one ends the section early;
//  - it passes XML-illegal control characters through.
// Characters that XML forbids are removed from every input by cleanText, so they are safe placeholders:
// the writer cannot touch them, and finishXml turns them into references afterwards.
const AMP = '\uFFFE';
const LT = '\uFFFF';
const CDATA_AMP = '\u0001';
const CDATA_LT = '\u0002';

/** For a value `feed` writes as XML text or as an attribute. Pair with finishXml on the output. */
export function xmlValue(text: string): string {
  return cleanText(text).replaceAll('&', AMP).replaceAll('<', LT);
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
 * For plain text that `feed` can only write as CDATA (RSS item titles). `&` and `<` leave the CDATA section as
 * hexadecimal character references, as the RSS Best Practices Profile §4 (character data) recommends, so
 * aggregators that read titles as HTML still show them as typed.
 */
export function cdataPlainText(text: string): string {
  return splitEveryCdataEnd(cleanText(text).replaceAll('&', CDATA_AMP).replaceAll('<', CDATA_LT));
}

export type ReferenceStyle = 'entities' | 'hex';

/**
 * Replaces the placeholders with references and checks that nothing XML-illegal remains.
 * `hex` (for RSS, per the RSS Best Practices Profile) writes `&#x26;` and `&#x3C;`; `entities` writes `&amp;` and `&lt;`.
 */
export function finishXml(xml: string, style: ReferenceStyle = 'entities'): string {
  const [amp, lt] = style === 'hex' ? ['&#x26;', '&#x3C;'] : ['&amp;', '&lt;'];
  const finished = xml
    .replaceAll(AMP, amp)
    .replaceAll(LT, lt)
    .replaceAll(CDATA_AMP, ']]>&#x26;<![CDATA[')
    .replaceAll(CDATA_LT, ']]>&#x3C;<![CDATA[');
  if (cleanText(finished) !== finished) throw new RenderError('a feed contains a character that XML forbids');
  return finished;
}
