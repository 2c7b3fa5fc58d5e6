import { defaultTreeAdapter, parseFragment } from 'parse5';

// A named or numeric character reference with its `;` (WHATWG HTML §13.5): one without it (`?a=1&copy=2`) is a query's
// own `&` far more often than a reference.
const REFERENCE = /&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);/g;

/** What HTML reads `reference` as in an attribute's value (WHATWG HTML §13.2.5.72), by parse5. */
function readAsHtml(reference: string): string {
  const [link] = parseFragment(`<a href="${reference}">`).childNodes;
  return link !== undefined && defaultTreeAdapter.isElementNode(link) ? (link.attrs[0]?.value ?? reference) : reference;
}

/**
 * The first HTML character reference in a front-matter URL (`https://x.example/a&#35;b`, `?a=1&amp;b=2`, as copied from
 * a page's source), with the character HTML reads it as and the URL with each one so read. Front matter is not HTML:
 * the URL is published as typed, where a numeric reference's `#` starts the fragment (RFC 3986 §3.5) and `&amp;` is
 * a query's `&` then `amp;`. Undefined when the URL holds none.
 */
export function urlCharacterReference(url: string): { reference: string; character: string; text: string } | undefined {
  if (!url.includes('&')) return undefined;
  let first: { reference: string; character: string } | undefined;
  const text = url.replace(REFERENCE, (reference) => {
    const character = readAsHtml(reference);
    if (character === reference) return reference;
    first ??= { reference, character };
    return character;
  });
  return first && { ...first, text };
}
