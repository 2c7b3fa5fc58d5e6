import { defaultTreeAdapter, type DefaultTreeAdapterMap } from 'parse5';
import type { Problem } from '../shared/errors.js';
import { quote } from '../shared/quote.js';
import { bodyStyleSheet } from './bodyStyleSheet.js';
import { elementText } from './elementText.js';
import { embedLink, EMBEDS } from './embedLink.js';
import { hiddenElement } from './hiddenElement.js';
import { NO_TEXT_HIDERS, textHiddenIn, visibilityHiddenIn, type TextHiders } from './hiddenText.js';
import { customPropertiesFrom } from './htmlElementSets.js';
import { isDroppedElement } from './isDroppedElement.js';
import { markdown } from './markdownParser.js';
import { parseBodyHtml } from './parseBodyHtml.js';
import { NO_CUSTOM_PROPERTIES, type CustomProperties } from './styleHides.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

const EMBED = new Set(EMBEDS);
const MAY_EMBED = new RegExp(`<(?:${EMBEDS.join('|')})\\b`, 'i');
// Named in a message; the rest are counted.
const SHOWN = 3;

// An address with a scheme (`javascript:`, `data:`) or relative to the scheme: any other is relative to the page
// the embed was copied from, which a publish does not know.
const NOT_RELATIVE = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/** What a reader gets of an embed (published), and whether the fix is an address to paste in (`fix`). */
interface Got {
  text: string;
  fix?: 'relative' | 'mergeTag';
}

/**
 * What a reader gets of an embed the sanitiser does not drop as hidden: the link it becomes (a known player's watch
 * page), its text alone (in a link, or where its address holds a merge tag), its fallback, or nothing, and why where a
 * relative address is the cause; undefined for an iframe with neither src nor srcdoc, which shows a browser nothing
 * either.
 */
function published(element: Element, inLink: boolean): Got | undefined {
  const link = embedLink(element);
  const src = element.attrs.find((attribute) => attribute.name === 'src')?.value.trim();
  if (element.tagName === 'iframe' && !src && !element.attrs.some((attribute) => attribute.name === 'srcdoc')) return undefined;
  const named = `<${element.tagName}>${src ? ` of ${quote(src)}` : ''}`;
  if (link?.href === undefined && link?.mergeTag !== undefined) {
    return { text: `${named} becomes the text ${quote(link.text)}, without a link: its address holds the merge tag ${quote(link.mergeTag)}, which only a mail service fills in when it sends`, fix: 'mergeTag' };
  }
  if (link !== undefined) {
    if (inLink) return { text: `${named} becomes the text ${quote(link.text)} of the link around it` };
    return { text: link.watchPage ? `${named} becomes a link to its watch page, ${link.href}, ${quote(link.text)}` : `${named} becomes a link, ${quote(link.text)}` };
  }
  const fallback = element.tagName === 'iframe' ? '' : elementText(element);
  const gets = fallback === '' ? `${named} is left out` : `${named} shows its fallback text, ${quote(fallback)}`;
  // Its own src, else its first source's, as embedLink reads them.
  const sources = element.tagName === 'iframe' ? [] : element.childNodes.filter(defaultTreeAdapter.isElementNode).filter((node) => node.tagName === 'source');
  const address = [src, ...sources.map((source) => source.attrs.find((attribute) => attribute.name === 'src')?.value.trim())].find((value) => value);
  if (address === undefined || NOT_RELATIVE.test(address)) return { text: gets };
  return { text: `${gets}, as its address ${address === src ? '' : `${quote(address)} `}is relative to the page it was copied from, which a publish does not know`, fix: 'relative' };
}

/**
 * The warning for a body that embeds an iframe, a video or an audio (EMBEDS), which no feed reader or mail client
 * plays: each is published as a link to its source where that is an http(s) URL (embedLink), or else left out (a
 * video's or audio's fallback shown); the warning says which, so the editor can add what the embed showed. Undefined
 * when there is none but in what is dropped as hidden (hiddenContent names that). Read as a browser reads the body's
 * HTML (markdown-it, then parse5), so a tag in code is not counted.
 */
export function embeddedMedia(body: string): Pick<Problem, 'message' | 'fix'> | undefined {
  if (!MAY_EMBED.test(body)) return undefined;
  const html = markdown.render(body, {});
  const fragment = parseBodyHtml(html);
  const sheet = bodyStyleSheet(fragment, html);
  const found: Got[] = [];
  // Depth first, with a stack: raw HTML may nest deep. Each entry: a node, the custom properties its ancestors set,
  // whether it is in a link, and what hides the text it holds (textHiddenIn).
  const pending: [Node, CustomProperties, boolean, TextHiders][] = fragment.childNodes.map((node): [Node, CustomProperties, boolean, TextHiders] => [node, NO_CUSTOM_PROPERTIES, false, NO_TEXT_HIDERS]).reverse();
  while (pending.length > 0) {
    const [node, inherited, inLink, hiders] = pending.pop()!;
    if (!defaultTreeAdapter.isElementNode(node)) continue;
    // One the visibility it inherits hides is left out with what hides it (hiddenContent names it).
    if (EMBED.has(node.tagName) && !hiddenElement(node, inherited, sheet) && !visibilityHiddenIn(node, hiders, inherited, sheet)) {
      const got = published(node, inLink);
      if (got !== undefined) found.push(got);
      continue;
    }
    if (isDroppedElement(node, inherited, sheet)) continue;
    const passed = customPropertiesFrom(node.attrs, inherited, sheet.declarations(node));
    const inside = textHiddenIn(node, hiders, inherited, sheet);
    for (let index = node.childNodes.length - 1; index >= 0; index--) pending.push([node.childNodes[index]!, passed, inLink || node.tagName === 'a', inside]);
  }
  if (found.length === 0) return undefined;
  const more = found.length > SHOWN ? `; and ${found.length - SHOWN} more` : '';
  const addresses = [
    found.some((got) => got.fix === 'relative') ? 'give an embed with a relative address its full https address, and it becomes a link' : '',
    found.some((got) => got.fix === 'mergeTag') ? "paste the real address in place of a merge tag's (or remove the embed)" : '',
  ].filter((fix) => fix !== '');
  return {
    message: `embeds what feed readers and mail clients do not play, so every feed, page and the digest has instead: ${found
      .slice(0, SHOWN)
      .map((got) => got.text)
      .join('; ')}${more}`,
    fix: `${addresses.map((fix) => `${fix}; `).join('')}if a link alone does not tell readers what the embed shows, write a line saying it (or link the page where it plays); remove an embed readers do not need`,
  };
}
