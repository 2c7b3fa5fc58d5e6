import { parse } from 'parse5';

interface Node {
  nodeName: string;
  value?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: Node[];
  content?: Node;
}

/**
 * Each text node of an HTML document (trimmed, not blank) with the language it is in: the `lang` of its nearest
 * element that has one (HTML §3.2.6.2), as a screen reader picks its voice. `<title>`, `<style>` and `<script>` are left out.
 */
export function textLanguages(html: string): { text: string; lang: string }[] {
  const found: { text: string; lang: string }[] = [];
  const walk = (node: Node, lang: string) => {
    if (['title', 'style', 'script'].includes(node.nodeName)) return;
    if (node.nodeName === '#text') {
      const text = node.value!.replace(/\s+/g, ' ').trim();
      if (text) found.push({ text, lang });
      return;
    }
    const own = node.attrs?.find((attr) => attr.name === 'lang')?.value;
    for (const child of node.childNodes ?? []) walk(child, own ?? lang);
  };
  walk(parse(html) as unknown as Node, '');
  return found;
}

/** The languages the text nodes holding `text` (or matching it) are in, in document order. */
export function languagesOf(html: string, text: string | RegExp): string[] {
  return textLanguages(html).filter((node) => (typeof text === 'string' ? node.text.includes(text) : text.test(node.text))).map((node) => node.lang);
}
