import { RenderError } from './errors.js';
import { cleanText } from './xmlText.js';

// Guards around the `feed` package (6.0.0), whose XML writer (xml-js) has these defects:
//  - text: it turns every `&amp;` back into `&` before escaping, so a literal "&amp;" typed by an editor is lost;
//  - attributes: it escapes only `"`, so `<` and `&` produce ill-formed XML;
//  - CDATA: it splits only the first `]]>`, so a second one ends the section early;
//  - it passes XML-illegal control characters through.
// U+FFFE and U+FFFF are illegal in XML, so cleanText removes them from every input; that makes them safe
// placeholders for `&` and `<`, which the writer then cannot touch. finishXml turns them into entities.
const AMP = '\uFFFE';
const LT = '\uFFFF';

/** For a value `feed` writes as XML text or as an attribute. Pair with finishXml on the output. */
export function xmlValue(text: string): string {
  return cleanText(text).replaceAll('&', AMP).replaceAll('<', LT);
}

/** For a value `feed` writes as CDATA: every `]]>` after the first is split here, the first by `feed`. */
export function cdataValue(text: string): string {
  const clean = cleanText(text);
  const first = clean.indexOf(']]>');
  if (first < 0) return clean;
  const head = clean.slice(0, first + 3);
  return head + clean.slice(first + 3).replaceAll(']]>', ']]]]><![CDATA[>');
}

/** Replaces the placeholders of xmlValue with entities, and checks that nothing XML-illegal remains. */
export function finishXml(xml: string): string {
  const finished = xml.replaceAll(AMP, '&amp;').replaceAll(LT, '&lt;');
  if (cleanText(finished) !== finished) throw new RenderError('a feed contains a character that XML forbids');
  return finished;
}
