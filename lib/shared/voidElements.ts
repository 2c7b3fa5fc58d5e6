/** HTML's void elements: no end tag, no content, never an ancestor (WHATWG HTML §13.1.2). */
export const VOID_ELEMENTS: ReadonlySet<string> = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
