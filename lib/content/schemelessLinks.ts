import { defaultTreeAdapter, type DefaultTreeAdapterMap } from 'parse5';
import type { Problem } from '../shared/errors.js';
import { quote } from '../shared/quote.js';
import { LINE_ATTRIBUTE, markBlockLines } from './blockLines.js';
import { isDroppedElement } from './isDroppedElement.js';
import { markdown } from './markdownParser.js';
import { parseBodyHtml } from './parseBodyHtml.js';
import { withHttps } from './withHttps.js';

type Node = DefaultTreeAdapterMap['node'];

/** The address a relative `href` becomes against the site's url, in parentheses; none without one. */
function becomes(href: string, siteUrl: string | undefined): string {
  if (siteUrl === undefined) return '';
  try {
    return ` (${new URL(href, siteUrl).href})`;
  } catch {
    return '';
  }
}

// Each address where one starts, after a Markdown link's `](` or a reference's `]:`, or an href's `=`, as typed up to
// what ends it or may (a space, a quote, an angle bracket, a bracket or parenthesis): read ahead of its marker, so
// no marker is passed over in one address read too far.
const ADDRESSES = /(?:\]\(|\]:|href\s*=)(?=\s*["'<]?\s*([^\s"'<>()[\]]+))/gi;
/**
 * Whether a body may hold a link without its scheme, looked at before any render: an address that withHttps reads
 * as a host (`www.38north.org/report`), or one holding a backslash escape or a character reference, which the render may make
 * one. A relative link to a file of the site (`[notes](page.html)`), as a site may have in every body, is not.
 */
function mayHoldSchemelessLink(body: string): boolean {
  for (const [, address] of body.matchAll(ADDRESSES)) {
    if (/[\\&]/.test(address!) || withHttps(address!) !== undefined) return true;
  }
  return false;
}
// Named in a message; the rest are counted.
const SHOWN = 3;

/**
 * The warning for a body with links written without their scheme (`[report](www.38north.org/report)`, as a
 * browser's bar shows the address): a relative address, made absolute against the site's url (`siteUrl`), so the
 * link leads to a page of this site that does not exist. Each with the address to write (withHttps); a relative
 * link that reads as no host (`notes.md`, `/about`) is none. Read as a browser reads the body's HTML (markdown-it,
 * then parse5), so a link in code is not counted. It names the first one's line in the body (0-based, markBlockLines),
 * as the dropped-address warning does. Undefined when there is none. The body is rendered only when `look` finds it
 * may hold one (a test gives one that always does, the full read).
 */
export function schemelessLinks(body: string, siteUrl?: string, look: (body: string) => boolean = mayHoldSchemelessLink): (Pick<Problem, 'message' | 'fix'> & { line?: number }) | undefined {
  if (!look(body)) return undefined;
  const found: { href: string; address: string; line: string | undefined }[] = [];
  const env = {};
  const tokens = markdown.parse(body, env);
  markBlockLines(tokens);
  // Depth first, with a stack: raw HTML may nest deep.
  const pending: Node[] = [...parseBodyHtml(markdown.renderer.render(tokens, markdown.options, env)).childNodes].reverse();
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (!defaultTreeAdapter.isElementNode(node) || isDroppedElement(node)) continue;
    const attribute = (name: string) => node.attrs.find((each) => each.name === name)?.value;
    const href = node.tagName === 'a' ? attribute('href') : undefined;
    const address = href === undefined ? undefined : withHttps(href);
    if (href !== undefined && address !== undefined && !found.some((link) => link.href === href)) found.push({ href, address, line: attribute(LINE_ATTRIBUTE) });
    for (let index = node.childNodes.length - 1; index >= 0; index--) pending.push(node.childNodes[index]!);
  }
  if (found.length === 0) return undefined;
  const [first] = found;
  const line = first!.line === undefined ? {} : { line: Number(first!.line) };
  if (found.length === 1) {
    return {
      ...line,
      message: `links to ${quote(first!.href)} without https://: a relative address, which readers open as a page of this site${becomes(first!.href, siteUrl)} that does not exist`,
      fix: `write the link as ${first!.address}`,
    };
  }
  const more = found.length > SHOWN ? `; and ${found.length - SHOWN} more` : '';
  return {
    ...line,
    message: `links to ${found.length} addresses without https://, relative ones, which readers open as pages of this site that do not exist: ${found.slice(0, SHOWN).map((link) => quote(link.href)).join('; ')}${more}`,
    fix: `write each link with https:// before it: ${found.slice(0, SHOWN).map((link) => link.address).join(', ')}${found.length > SHOWN ? ', …' : ''}`,
  };
}
