import type { Tag } from '../content/entry.js';
import { TAG_LIST_KEY } from '../shared/outputLayout.js';
import type { Store } from '../store/store.js';

/**
 * The tags the published site offers, with the names editors gave them, from tags/tags.json (written by every
 * publish: lib/pages/renderTagList.ts). None before the first publish, or when the file is not the list it should be.
 */
export async function publishedTags(output: Store): Promise<Tag[]> {
  const bytes = await output.get(TAG_LIST_KEY);
  if (!bytes) return [];
  let data: unknown;
  try {
    data = JSON.parse(bytes.toString('utf8'));
  } catch {
    return [];
  }
  const tags = (data as { tags?: unknown })?.tags;
  if (!Array.isArray(tags)) return [];
  return tags.flatMap((tag: { slug?: unknown; name?: unknown }) => (typeof tag?.slug === 'string' && typeof tag.name === 'string' && tag.slug !== '' ? [{ slug: tag.slug, name: tag.name }] : []));
}
