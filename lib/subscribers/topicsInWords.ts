/** What a digest of these topics (the site's names for them) holds, in words: no topic is every entry. */
export function topicsInWords(names: readonly string[]): string {
  return names.length === 0 ? 'every entry' : `the entries tagged ${names.join(', ')}`;
}
