// A merge tag anywhere in an address (`https://example.com/?u=*|UNIQID|*`, `?id={{ subscriber.uuid }}`): the forms
// mergeTagLink reads at an address's start but Sendy's bracketed word, which a query writes for other reasons
// (`?filter[name]=x`).
const MERGE_TAG_INSIDE = /\*\|[^|]*\|\*|\{\{[^}]*\}\}|\{%[^%]*%\}|%%[^%]+%%|\[\[[^\]]*\]\]/;

/** An href as the editor typed it: markdown-it percent-encodes a Markdown link's; `%%unsubscribe%%` is no encoding. */
export function asTyped(href: string): string {
  try {
    return decodeURI(href);
  } catch {
    return href;
  }
}

/**
 * The first merge tag in an address, wherever it stands (MERGE_TAG_INSIDE), as typed; undefined where there is none.
 * The mail service fills it in for each recipient; published as written, the address is one no reader's request is
 * meant to reach.
 */
export function mergeTagIn(address: string): string | undefined {
  return MERGE_TAG_INSIDE.exec(asTyped(address))?.[0];
}
