import { siteName, type TypedText } from './typedText.js';

/** What a digest of these topics (the site's names for them) holds, in words: no topic is every entry. */
export function topicsInWords(names: readonly string[]): TypedText {
  return names.length === 0 ? ['every entry'] : ['the entries tagged ', ...names.flatMap((name, index) => (index === 0 ? [siteName(name)] : [', ', siteName(name)]))];
}
