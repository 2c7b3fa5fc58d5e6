const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>/g;

/**
 * The longest run of whole top-level blocks of `html` that fits in `maxChars`, and whether anything was left
 * out. `html` is sanitised output: every `<` starts a tag, attribute values escape `>`, and tags are balanced,
 * so a depth count finds where each top-level block ends. The cut never splits a block, so the result is as
 * well formed as the input.
 */
export function cutHtml(html: string, maxChars: number): { html: string; cut: boolean } {
  if (html.length <= maxChars) return { html, cut: false };
  let depth = 0;
  let end = 0;
  TAG.lastIndex = 0;
  for (let match = TAG.exec(html); match !== null && match.index < maxChars; match = TAG.exec(html)) {
    const name = match[2]!.toLowerCase();
    if (VOID.has(name)) {
      if (depth === 0 && TAG.lastIndex <= maxChars) end = TAG.lastIndex;
      continue;
    }
    depth += match[1] ? -1 : 1;
    if (depth === 0 && TAG.lastIndex <= maxChars) end = TAG.lastIndex;
  }
  return { html: html.slice(0, end).trimEnd(), cut: true };
}
