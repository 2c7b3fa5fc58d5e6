import type { Tag } from '../content/entry.js';

/**
 * The site's tags as a stored send carries them (lib/delivery/digestFanout.ts, beside its model): each its slug and
 * name. A send stored by a version that kept the slugs alone reads each slug as its name, as that version showed it.
 * Undefined when the value is no such list: the send then goes without them (no gone-tag count, slugs for names).
 */
export function storedTagList(value: unknown): Tag[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const tags: Tag[] = [];
  for (const item of value as unknown[]) {
    if (typeof item === 'string') tags.push({ slug: item, name: item });
    else if (item !== null && typeof item === 'object' && typeof (item as Tag).slug === 'string' && typeof (item as Tag).name === 'string') tags.push({ slug: (item as Tag).slug, name: (item as Tag).name });
    else return undefined;
  }
  return tags;
}
