import { escapeHtml as h } from '../shared/xmlText.js';

/** A name the site typed (its title, a topic's): in the site's language and any direction. */
export interface SiteName {
  site: string;
}

/** An address: its domain may be in any script (an internationalized one, shown in its U-labels). */
export interface AddressName {
  address: string;
}

/**
 * Broadsheet's English words with typed names among them, the subscription pages' sentences and the confirmation
 * email's: each name stays a part of its own, so that HTML can isolate it (UAX #9: a right-to-left title ending in
 * "!" would have the "!" drawn at its other end, among the English words) and say its language (WCAG 2.2 3.1.2), as
 * the digest does.
 */
export type TypedText = readonly (string | SiteName | AddressName)[];

export const siteName = (text: string): SiteName => ({ site: text });
export const addressName = (text: string): AddressName => ({ address: text });

/** A sentence of words and names: `typedText\`${siteName(title)} has no topics\``; a TypedText value is spliced in. */
export function typedText(strings: TemplateStringsArray, ...values: (string | SiteName | AddressName | TypedText)[]): TypedText {
  const parts: (string | SiteName | AddressName)[] = [];
  strings.forEach((text, index) => {
    parts.push(text);
    if (index < values.length) {
      const value = values[index]!;
      if (Array.isArray(value)) parts.push(...(value as TypedText));
      else parts.push(value as string | SiteName | AddressName);
    }
  });
  return parts.filter((part) => part !== '');
}

/** The text as plain text (a text/plain part), the names as they are. */
export function plainText(text: TypedText): string {
  return text.map((part) => (typeof part === 'string' ? part : 'site' in part ? part.site : part.address)).join('');
}

/**
 * The text as HTML: each name in a <bdi> (HTML "The bdi element": isolated, its direction its own), a site's name
 * with `siteLang` (` lang="ko"`, or '' on a page in the site's language; ownWords' `typed`).
 */
export function typedHtml(text: TypedText, siteLang: string): string {
  return text.map((part) => (typeof part === 'string' ? h(part) : 'site' in part ? `<bdi${siteLang}>${h(part.site)}</bdi>` : `<bdi>${h(part.address)}</bdi>`)).join('');
}
