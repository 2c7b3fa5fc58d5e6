import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { markdown, type MarkdownToken } from './markdownParser.js';

type Node = DefaultTreeAdapterMap['node'];

// A body can show an image only where it holds one of these (the sanitiser keeps img alone of the elements that load
// something: sanitizeEntryHtml).
const MAY_SHOW_IMAGE = /!\[|<img\b/i;

/**
 * The address of each image an entry's body shows, in order and as typed: Markdown images (`![alt](./chart.png)`,
 * by reference too) and HTML img elements, read as markdown-it and a browser (parse5) read them. An image in code is
 * shown as code, and is left out.
 */
export function bodyImages(body: string): string[] {
  if (!MAY_SHOW_IMAGE.test(body)) return [];
  const images: string[] = [];
  const read = (tokens: readonly MarkdownToken[]) => {
    for (const token of tokens) {
      if (token.type === 'inline') read(token.children ?? []);
      // markdown-it writes the address percent-encoded (`my%20chart.png`); the editor typed `my chart.png`.
      else if (token.type === 'image') images.push(markdown.normalizeLinkText(String(token.attrGet('src') ?? '')).trim());
      else if ((token.type === 'html_block' || token.type === 'html_inline') && /<img\b/i.test(token.content)) images.push(...htmlImages(token.content));
    }
  };
  read(markdown.parse(body, {}));
  return images;
}

function htmlImages(html: string): string[] {
  const found: string[] = [];
  const pending: Node[] = [parseFragment(html)];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if ('tagName' in node && node.tagName === 'img') {
      const src = node.attrs.find((attribute) => attribute.name === 'src')?.value.trim();
      if (src) found.push(src);
    }
    if ('childNodes' in node) for (let index = node.childNodes.length - 1; index >= 0; index--) pending.push(node.childNodes[index]!);
    // A template's content is a fragment of its own (parse5), not its children.
    if ('content' in node) pending.push(node.content);
  }
  return found;
}
