// A merge tag anywhere in an address (`https://example.com/?u=*|UNIQID|*`, `?id={{ subscriber.uuid }}`): the forms
// mergeTagLink reads at an address's start but Sendy's bracketed word, which a query writes for other reasons
// (`?filter[name]=x`).
const MERGE_TAG_INSIDE = /\*\|[^|]*\|\*|\{\{[^}]*\}\}|\{%[^%]*%\}|%%[^%]+%%|\[\[[^\]]*\]\]/;

/**
 * What a body holds if an address of it may hold a merge tag (MERGE_TAG_INSIDE): one of its openers, as typed or
 * percent-encoded in raw HTML (`*%7C`, `%7B%7B`). Any other body is not rendered to look.
 */
export const MAY_HOLD_MERGE_TAG = /\*\||\{\{|\{%|%%|\[\[|(?:\*|%2[aA])%7[cC]|%7[bB](?:%7[bB]|%25)|%25%25|%5[bB]%5[bB]/;

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
