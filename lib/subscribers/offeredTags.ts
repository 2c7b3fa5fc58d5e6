import type { Tag } from '../content/entry.js';
import type { Store } from '../store/store.js';
import { publishedTags } from './publishedTags.js';

/**
 * The tags the published site offers, with the names editors gave them, for a send (DeliverOptions.siteTags): a
 * chosen tag the site no longer has is told apart, and one no entry of the week carries is named in the footer as
 * the topics page names it. Unknown when tags/tags.json holds none (missing, unreadable, or a site of no tags): the
 * week's entries still carry their tags, so every chosen tag would be reported gone when none is.
 */
export async function offeredTags(output: Store): Promise<Tag[] | undefined> {
  const tags = await publishedTags(output);
  return tags.length > 0 ? tags : undefined;
}
