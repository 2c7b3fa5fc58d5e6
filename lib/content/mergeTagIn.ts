// A merge tag anywhere in an address (`https://example.com/?u=*|UNIQID|*`, `?id={{ subscriber.uuid }}`): the forms
// mergeTagLink reads at an address's start but Sendy's bracketed word, which a query writes for other reasons
// (`?filter[name]=x`).
const MERGE_TAG_INSIDE = /\*\|[^|]*\|\*|\{\{[^}]*\}\}|\{%[^%]*%\}|%%[^%]+%%|\[\[[^\]]*\]\]/;

/**
 * What a body holds, read as its addresses are (bodyReadings), if an address of it may hold a merge tag
 * (MERGE_TAG_INSIDE): one of its openers. Any other body is not rendered to look.
 */
export const MAY_HOLD_MERGE_TAG = /\*\||\{\{|\{%|%%|\[\[/;

// The named character references that stand for a character a merge tag's opener is written with (HTML §13.5); each
// needs its `;` (only legacy names such as `&amp` may go without, HTML §13.2.5.73).
const NAMED: Readonly<Record<string, string>> = { ast: '*', midast: '*', verbar: '|', vert: '|', VerticalLine: '|', lbrace: '{', lcub: '{', percnt: '%', lbrack: '[', lsqb: '[' };
// A numeric reference, whose `;` an HTML parser does without, or a named one.
const REFERENCE = /&#[xX]([0-9A-Fa-f]{1,8});?|&#([0-9]{1,8});?|&([A-Za-z][A-Za-z0-9]*);/g;
// A backslash escape of ASCII punctuation, which a Markdown link's address drops (CommonMark §2.4).
const ESCAPE = /\\([!-/:-@[-`{-~])/g;
const PERCENT = /%([0-7][0-9A-Fa-f])/g;

/**
 * A body as each of its addresses may be read where a link or image is published: as typed; with its backslash escapes
 * and character references read, as markdown-it reads a Markdown link's address and an HTML parser an attribute's;
 * and with its percent-encoding of ASCII read too, as asTyped reads it after (`*&#124;`, `&lbrace;&lbrace;`, `%2A|`,
 * `%7B{`). A prefilter that finds what it looks for in none of them finds it in no address.
 */
export function bodyReadings(body: string): string[] {
  if (!/[&%\\]/.test(body)) return [body];
  const referencesRead = body.replace(ESCAPE, '$1').replace(REFERENCE, (reference, hex?: string, decimal?: string, name?: string) => {
    if (name !== undefined) return NAMED[name] ?? reference;
    const point = hex !== undefined ? Number.parseInt(hex, 16) : Number(decimal);
    return point > 0 && point <= 0x10ffff ? String.fromCodePoint(point) : '\ufffd';
  });
  return [body, referencesRead, referencesRead.replace(PERCENT, (_escape, byte: string) => String.fromCharCode(Number.parseInt(byte, 16)))];
}

/** Whether a body may show an address holding a merge tag (MAY_HOLD_MERGE_TAG, in any of bodyReadings). */
export function mayHoldMergeTag(body: string): boolean {
  return bodyReadings(body).some((reading) => MAY_HOLD_MERGE_TAG.test(reading));
}

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
