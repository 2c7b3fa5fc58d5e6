import type { DefaultTreeAdapterMap } from 'parse5';
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

const isElement = (node: Node): node is Element => 'tagName' in node;

/**
 * What a reader gets of an embed the sanitiser does not drop as hidden: the link it becomes, its fallback, or nothing;
 * undefined for an iframe with neither src nor srcdoc, which shows a browser nothing either.
 */
function published(element: Element, inLink: boolean): string | undefined {
  const link = embedLink(element);
  const src = element.attrs.find((attribute) => attribute.name === 'src')?.value.trim();
  if (element.tagName === 'iframe' && !src && !element.attrs.some((attribute) => attribute.name === 'srcdoc')) return undefined;
  const named = `<${element.tagName}>${src ? ` of ${quote(src)}` : ''}`;
  if (link !== undefined) return inLink ? `${named} becomes the text ${quote(link.text)} of the link around it` : `${named} becomes a link, ${quote(link.text)}`;
  const fallback = element.tagName === 'iframe' ? '' : elementText(element);
  return fallback === '' ? `${named} is left out` : `${named} shows its fallback text, ${quote(fallback)}`;
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
  const found: string[] = [];
  // Depth first, with a stack: raw HTML may nest deep. Each entry: a node, the custom properties its ancestors set,
  // whether it is in a link, and what hides the text it holds (textHiddenIn).
  const pending: [Node, CustomProperties, boolean, TextHiders][] = fragment.childNodes.map((node): [Node, CustomProperties, boolean, TextHiders] => [node, NO_CUSTOM_PROPERTIES, false, NO_TEXT_HIDERS]).reverse();
  while (pending.length > 0) {
    const [node, inherited, inLink, hiders] = pending.pop()!;
    if (!isElement(node)) continue;
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
  return {
    message: `embeds what feed readers and mail clients do not play, so every feed, page and the digest has instead: ${found.slice(0, SHOWN).join('; ')}${more}`,
    fix: 'if a link alone does not tell readers what the embed shows, write a line saying it (or link the page where it plays); remove an embed readers do not need',
  };
}
