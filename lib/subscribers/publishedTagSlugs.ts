import type { Store } from '../store/store.js';
import { publishedTags } from './publishedTags.js';

/**
 * The slugs of the tags the published site offers, for telling a tag subscribers chose that the site no longer has
 * (DeliverOptions.siteTags). Unknown when tags/tags.json holds none (missing, unreadable, or a site of no tags): the
 * week's entries still carry their tags, so every chosen tag would be reported gone when none is.
 */
export async function publishedTagSlugs(output: Store): Promise<string[] | undefined> {
  const slugs = (await publishedTags(output)).map((tag) => tag.slug);
  return slugs.length > 0 ? slugs : undefined;
}
