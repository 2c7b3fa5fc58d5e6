import juice from 'juice';
import { renderDigestDocument, type DigestHtmlOptions } from './digestHtml.js';
import type { DigestModel } from './digestModel.js';

export { fillUnsubscribe, renderDigestArchiveHtml, UNSUBSCRIBE_PLACEHOLDER, type DigestHtmlOptions } from './digestHtml.js';

// juice (and the cheerio it parses with) loads only where an email is rendered: the digest command and function.
// Publishing, which renders the archive copy only, never imports this module.
const inlineWithJuice = (html: string): string =>
  juice(html, { preserveMediaQueries: true, removeStyleTags: true, applyWidthAttributes: false, applyHeightAttributes: false, applyAttributesTableElements: false, preserveImportant: true });

/** The digest as an HTML email with every CSS rule inlined (see renderDigestDocument), or its archived copy. */
export function renderDigestHtml(model: DigestModel, options: DigestHtmlOptions): string {
  return renderDigestDocument(model, options, inlineWithJuice);
}
