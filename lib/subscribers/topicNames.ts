import type { Tag } from '../content/entry.js';

/**
 * The names of the chosen tags (slugs, as a subscriber's record keeps them) as the site gives them, in the order of
 * `known` (the site's list: the topics page's order), then the slugs `known` does not hold, as they are.
 */
export function topicNames(slugs: readonly string[], known: readonly Tag[]): string[] {
  const named = new Map<string, string>();
  for (const tag of known) if (slugs.includes(tag.slug) && !named.has(tag.slug)) named.set(tag.slug, tag.name);
  return [...named.values(), ...slugs.filter((slug) => !named.has(slug))];
}
