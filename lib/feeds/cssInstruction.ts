import { RenderError } from '../shared/errors.js';
import { CSS_KEY, XSL_KEY } from '../shared/outputLayout.js';

/** The site's feed.xsl seen from a feed: up to the site's root, where feed.css lies beside it. */
const SITE_XSL = new RegExp(`^(?:\\.\\./)*${XSL_KEY.replaceAll('.', '\\.')}$`);

/**
 * The processing instruction that links feed.css, written right after the one that links feed.xsl: a browser with
 * XSLT shows the page feed.xsl makes, and one without it (Chromium and Firefox are removing XSLT) styles the feed's own
 * elements with feed.css rather than show raw XML. W3C "Associating Style Sheets with XML documents 1.0" (Second
 * Edition) §2: a document may carry several xml-stylesheet instructions in its prolog, each with `href` and `type`
 * (text/css here). Feed readers skip processing instructions (XML 1.0 §2.6: they are for the applications that
 * know them). Only beside the site's own feed.xsl (`xslHref` relative, up to the root): its characters need no
 * escaping, so the instruction reads the same in every format.
 */
export function cssInstruction(xslHref: string): string {
  if (!SITE_XSL.test(xslHref)) return '';
  return `<?xml-stylesheet href="${xslHref.slice(0, -XSL_KEY.length)}${CSS_KEY}" type="text/css"?>`;
}

/** `xml` as `feed` writes it, with cssInstruction right after its feed.xsl instruction. */
export function withCssInstruction(xml: string, xslHref: string): string {
  const css = cssInstruction(xslHref);
  if (!css) return xml;
  const xsl = `<?xml-stylesheet href="${xslHref}" type="text/xsl"?>`;
  const at = xml.indexOf(xsl);
  if (at < 0) throw new RenderError(`the feed has no stylesheet instruction for ${xslHref}`);
  return xml.slice(0, at + xsl.length) + css + xml.slice(at + xsl.length);
}
