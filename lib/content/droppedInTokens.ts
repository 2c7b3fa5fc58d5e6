import { defaultTreeAdapter, html as parse5Html, serializeOuter, type DefaultTreeAdapterMap } from 'parse5';
import { bodyStyleSheet, NO_STYLE_SHEET, type BodyStyleSheet } from './bodyStyleSheet.js';
import { embedLink, EMBEDS } from './embedLink.js';
import { hiddenElement } from './hiddenElement.js';
import { NO_TEXT_HIDERS, textHiddenIn, textLeftOut, visibilityHiddenIn, type TextHiders } from './hiddenText.js';
import { customPropertiesFrom } from './htmlElementSets.js';
import { isDroppedElement } from './isDroppedElement.js';
import { markdown, type MarkdownToken } from './markdownParser.js';
import { mayDropContent } from './mayDropContent.js';
import { noscriptImage } from './noscriptImage.js';
import { parseBodyHtml } from './parseBodyHtml.js';
import { NO_CUSTOM_PROPERTIES, type CustomProperties } from './styleHides.js';

type Node = DefaultTreeAdapterMap['node'];

const EMBED = new Set(EMBEDS);

/** What of a body's tokens a reader does not see, as a browser builds its HTML (see droppedInTokens). */
export interface DroppedInTokens {
  /** Inline tokens (text, code, an image, a br) inside an element the sanitiser drops with its content. */
  hidden: ReadonlySet<MarkdownToken>;
  /**
   * Each HTML token's content with what such an element holds (its text and tags) made spaces, and the `style` and
   * `hidden` attributes of an element the body's style sheets show though those attributes alone would hide it; a lazy
   * img published as its noscript copy (noscriptImage) written as that copy, so that what is read of it is what is
   * published, once.
   */
  html: ReadonlyMap<MarkdownToken, string>;
}

/**
 * Where in a body's tokens the elements its raw HTML hides reach (isDroppedElement), read from the tree a browser
 * builds of the whole rendered body (parseBodyHtml), as the output is (withoutDroppedElements): an element an HTML
 * block opens may hold the Markdown paragraphs after it, or end elsewhere than its end tag, or be reopened in a
 * later paragraph. Each token is rendered on its own to know where its HTML lies. Undefined when the raw HTML has
 * no start tag of such an element (mayDropContent).
 */
export function droppedInTokens(tokens: MarkdownToken[]): DroppedInTokens | undefined {
  if (!mayDropContent(tokens)) return undefined;
  const { renderer, options } = markdown;
  const env = {};
  const spans = new Map<MarkdownToken, [number, number]>();
  let html = '';
  const render = (list: MarkdownToken[], index: number) => {
    const token = list[index]!;
    const start = html.length;
    const rule = renderer.rules[token.type];
    html += rule ? rule(list, index, options, env, renderer) : renderer.renderToken(list, index, options);
    spans.set(token, [start, html.length]);
  };
  // As renderer.render does, token by token.
  for (let index = 0; index < tokens.length; index++) {
    const children = tokens[index]!.type === 'inline' ? (tokens[index]!.children ?? []) : undefined;
    if (children === undefined) render(tokens, index);
    else for (let child = 0; child < children.length; child++) render(children, child);
  }
  const { spans: dropped, copies } = droppedSpans(html);
  const within = (start: number, end: number) => {
    const at = lastStartingBy(dropped, start);
    return at >= 0 && dropped[at]![1] >= end;
  };
  const hidden = new Set<MarkdownToken>();
  const blanked = new Map<MarkdownToken, string>();
  for (const [token, [start, end]] of spans) {
    if (token.type === 'html_block' || token.type === 'html_inline') {
      let content = token.content;
      for (let at = Math.max(0, lastStartingBy(dropped, start)); at < dropped.length && dropped[at]![0] < end; at++) {
        const from = Math.max(dropped[at]![0], start) - start;
        const to = Math.min(dropped[at]![1], end) - start;
        if (from < to) content = content.slice(0, from) + ' '.repeat(to - from) + content.slice(to);
      }
      // Last first, so that each tag's offsets still hold; a tag lies within one token.
      const last = lastStartingBy(copies, end - 1);
      for (let at = last; at >= 0 && copies[at]![0] >= start; at--) {
        const [from, to, tag] = copies[at]!;
        content = content.slice(0, from - start) + tag + content.slice(to - start);
      }
      if (content !== token.content) blanked.set(token, content);
      if (token.type === 'html_inline' && start < end && within(start, end)) hidden.add(token);
    } else if (start < end && within(start, end)) hidden.add(token);
  }
  return { hidden, html: blanked };
}

/** Whether an element is an iframe, video or audio a reader sees, published as a link (embedLink), as withoutDroppedElements makes it. */
function publishedAsLink(node: DefaultTreeAdapterMap['element'], inherited: CustomProperties, sheet: BodyStyleSheet, hiders: TextHiders): boolean {
  return EMBED.has(node.tagName) && !hiddenElement(node, inherited, sheet) && !visibilityHiddenIn(node, hiders, inherited, sheet) && embedLink(node) !== undefined;
}

/** The index of the last span in `spans` (sorted, apart) that starts at or before `offset`, or -1. */
function lastStartingBy(spans: readonly (readonly [number, ...unknown[]])[], offset: number): number {
  let low = 0;
  let high = spans.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (spans[middle]![0] <= offset) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

/**
 * The source spans in `html` of the text and tags inside an element dropped with its content, and of the text a kept
 * element's styles hide (textHiddenIn), sorted and merged. A text node's span runs from its first character to its
 * last, a tag's over the tag. And the start tag of each kept img published as its noscript copy (noscriptImage), in
 * order, with the copy's tag.
 */
function droppedSpans(html: string): { spans: [number, number][]; copies: [number, number, string][] } {
  const spans: [number, number][] = [];
  const copies: [number, number, string][] = [];
  // Depth first, with a stack: raw HTML may nest deep. Each entry: a node, whether an element around it is dropped,
  // and the custom properties its ancestors set.
  const fragment = parseBodyHtml(html, true);
  const sheet = bodyStyleSheet(fragment, html);
  const pending: [Node, boolean, CustomProperties, TextHiders][] = fragment.childNodes.map((node): [Node, boolean, CustomProperties, TextHiders] => [node, false, NO_CUSTOM_PROPERTIES, NO_TEXT_HIDERS]);
  while (pending.length > 0) {
    const [node, inside, inherited, hiders] = pending.pop()!;
    const location = 'sourceCodeLocation' in node ? node.sourceCodeLocation : undefined;
    const isElement = defaultTreeAdapter.isElementNode(node);
    // A text node whose text a kept element's styles hide (textHiddenIn) goes as the element's content does.
    const hiddenText = node.nodeName === '#text' && textLeftOut((node as DefaultTreeAdapterMap['textNode']).value, hiders);
    // An iframe, video or audio published as a link (withoutDroppedElements) keeps its start tag, which the summary
    // reads for the link's text (htmlStandInText); what it holds goes where the link replaces it.
    const link = isElement && !inside && !hiddenText && publishedAsLink(node, inherited, sheet, hiders);
    const dropped = inside || hiddenText || (isElement && !link && isDroppedElement(node, inherited, sheet));
    if (dropped && location) {
      const tag = isElement ? node.sourceCodeLocation?.startTag : undefined;
      if (!isElement) spans.push([location.startOffset, location.endOffset]);
      else if (tag) spans.push([tag.startOffset, tag.endOffset]);
    } else if (isElement && sheet !== NO_STYLE_SHEET && isDroppedElement(node, inherited)) {
      // Shown by a style sheet's rule though its own attributes hide it: those attributes are no part of what a
      // reader sees, and the summary, which reads each HTML token on its own, must not read them as hiding.
      for (const name of ['style', 'hidden']) {
        const attribute = node.sourceCodeLocation?.attrs?.[name];
        if (attribute) spans.push([attribute.startOffset, attribute.endOffset]);
      }
    }
    if (!isElement) continue;
    const copy = !dropped && node.tagName === 'img' ? noscriptImage(node) : undefined;
    const tag = node.sourceCodeLocation?.startTag;
    if (copy !== undefined && tag) copies.push([tag.startOffset, tag.endOffset, serializeOuter(defaultTreeAdapter.createElement('img', parse5Html.NS.HTML, copy))]);
    const children = 'content' in node ? node.content.childNodes : node.childNodes;
    const passed = dropped ? inherited : customPropertiesFrom(node.attrs, inherited, sheet.declarations(node));
    const hidersInside = dropped ? hiders : textHiddenIn(node, hiders, inherited, sheet);
    const goes = dropped || (link && (node.tagName === 'iframe' || node.sourceCodeLocation?.endTag !== undefined));
    for (const child of children) pending.push([child, goes, passed, hidersInside]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last !== undefined && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([span[0], span[1]]);
  }
  copies.sort((a, b) => a[0] - b[0]);
  return { spans: merged, copies };
}
