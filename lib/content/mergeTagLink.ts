import { defaultTreeAdapter, type DefaultTreeAdapterMap } from 'parse5';
import type { Problem } from '../shared/errors.js';
import { quote } from '../shared/quote.js';
import { elementText } from './elementText.js';
import { isDroppedElement } from './isDroppedElement.js';
import { markdown } from './markdownParser.js';
import { asTyped, bodyReadings, MAY_HOLD_MERGE_TAG, mergeTagIn } from './mergeTagIn.js';
import { parseBodyHtml } from './parseBodyHtml.js';
import { shortcodeWarning } from './shortcodeWarning.js';

type Node = DefaultTreeAdapterMap['node'];

// A mail service's merge tag or a template's placeholder where the address should be, which the service fills in for
// each recipient at send time: Mailchimp `*|ARCHIVE|*`, Liquid, Handlebars and HubSpot `{{unsubscribe_url}}`,
// `{% unsubscribe %}`, Salesforce Marketing Cloud `%%unsubscribe%%`, `[[UNSUB_LINK_EN]]`, Sendy `[unsubscribe]`.
const MERGE_TAG = /^[\t\n\f\r ]*(?:\*\|[^|]*\|\*|\{\{[^}]*\}\}|\{%[^%]*%\}|%%[^%]+%%|\[\[[^\]]*\]\]|\[[a-z_][\w-]*\])/i;
// Named in a message; the rest are counted.
const SHOWN = 3;
// What a body holds if a link of it may hold a merge tag: one of MERGE_TAG's openers (MAY_HOLD_MERGE_TAG), but a
// bracketed word only where an address starts (after a Markdown link's `](` or a reference's `]:`, or an attribute's
// `=`), since every Markdown link holds a `[`; in any reading of the body its addresses may have (bodyReadings). Any
// other body is not rendered.
const MAY_HOLD = new RegExp(`${MAY_HOLD_MERGE_TAG.source}|(?:\\]\\(|\\]:|=)[\\t\\n\\f\\r "'<]*\\[`);

/**
 * Whether a link's href (as written, or percent-encoded as markdown-it writes a Markdown link's) starts with a merge
 * tag (MERGE_TAG) or holds one further on (mergeTagIn: `https://example.com/?u=*|UNIQID|*`), as an embed's address
 * may (embedLink). Made absolute against the site's url, as a relative link is, a tag alone would be an address on the
 * site that holds nothing; as written, a full address holding one is not one a reader's request is meant to reach, and
 * a guess at which parameters to drop could open someone else's page: the sanitiser keeps the link's text without the
 * link.
 */
export function isMergeTagLink(href: string): boolean {
  return MERGE_TAG.test(asTyped(href)) || mergeTagIn(href) !== undefined;
}

/**
 * The warning for a body with links whose address is a merge tag (isMergeTagLink), as a newsletter pasted from a mail
 * service's editor has them ("View in browser", "Unsubscribe"), but for one the shortcode warning names (a Liquid
 * tag, a Jekyll variable: shortcodeWarning). Undefined when there is none. Read as a browser reads
 * the body's HTML (markdown-it, then parse5), so a link in code is not counted.
 */
export function mergeTagLinks(body: string): Pick<Problem, 'message' | 'fix'> | undefined {
  if (!bodyReadings(body).some((reading) => MAY_HOLD.test(reading))) return undefined;
  const html = markdown.render(body, {});
  const found: string[] = [];
  // Whether a link found starts with its tag, and whether one holds it further on.
  let starting = false;
  let inside = false;
  // Depth first, with a stack: raw HTML may nest deep.
  const pending: Node[] = [...parseBodyHtml(html).childNodes].reverse();
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (!defaultTreeAdapter.isElementNode(node) || isDroppedElement(node)) continue;
    const href = node.tagName === 'a' ? node.attrs.find((attribute) => attribute.name === 'href')?.value : undefined;
    // A Liquid tag or Jekyll variable is named by the shortcode warning already.
    if (href !== undefined && isMergeTagLink(href) && shortcodeWarning(asTyped(href)) === undefined) {
      const text = elementText(node);
      // Within a full address, the tag is named too: the address may be cut where it is quoted.
      const tag = MERGE_TAG.test(asTyped(href)) ? undefined : mergeTagIn(href);
      const about = [text === '' ? '' : quote(text), tag === undefined ? '' : `the tag ${quote(tag)}`].filter((part) => part !== '').join(', ');
      found.push(`${quote(asTyped(href).trim())}${about === '' ? '' : ` (${about})`}`);
      if (tag === undefined) starting = true;
      else inside = true;
    }
    for (let index = node.childNodes.length - 1; index >= 0; index--) pending.push(node.childNodes[index]!);
  }
  if (found.length === 0) return undefined;
  const more = found.length > SHOWN ? `; and ${found.length - SHOWN} more` : '';
  return {
    message: `links to ${starting ? '' : 'an address holding '}a mail service's merge tag, which only that service fills in when it sends: ${found.slice(0, SHOWN).join('; ')}${more}; ${[
      starting ? "against the site's url it would be an address that holds nothing" : '',
      inside ? "as written, no reader's request is meant to reach an address holding one" : '',
    ]
      .filter((reason) => reason !== '')
      .join(', and ')}, so only the link's text is published`,
    fix: 'paste the real address in its place, or remove the link (a newsletter\'s "view in browser" and "unsubscribe" links mean nothing here)',
  };
}
