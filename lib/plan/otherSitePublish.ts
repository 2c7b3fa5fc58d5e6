import type { PreviousEntry } from '../content/entryIndex.js';
import type { Site } from '../content/site.js';
import { tagUriParts } from '../shared/tagGrammar.js';

/** What the output shows of its last publish: its site feed's url and ids, and its entry index's entries. */
export interface PublishedSite {
  /** The site feed's `home_page_url`. */
  url: string | undefined;
  /** The site feed's item ids (`tag:HOST,DATE:ID`). */
  feedIds: readonly string[];
  /** The entry index's entries, when it was made for another site.yml (EntryIndex.previous), and its ids out now. */
  entries: readonly Pick<PreviousEntry, 'key' | 'id'>[];
}

/**
 * The url of the other site whose publish the output holds, or undefined. Another site: its url is not `site`'s,
 * and it published something, yet none of its entries is this content's (not one file, not one id, whatever the
 * tag: entity). A site that moved or changed its idDate keeps its files and their ids, so it is never taken for
 * another one: its id changes are refused as such. Content with no entry file is never called another site either.
 */
export function otherSitePublish(published: PublishedSite, content: { site: Pick<Site, 'url'>; keys: readonly string[]; ids: readonly string[] }): string | undefined {
  const { url } = published;
  if (url === undefined || url === content.site.url || content.keys.length === 0) return undefined;
  if (published.feedIds.length === 0 && published.entries.length === 0) return undefined;
  const keys = new Set(content.keys);
  const ids = new Set(content.ids);
  if (published.entries.some((entry) => keys.has(entry.key) || ids.has(entry.id))) return undefined;
  if (published.feedIds.some((id) => ids.has(ownId(id)))) return undefined;
  return url;
}

/** The entry's id in a tag: id (percent-decoded, as the feed's tagUri encoded it), or the whole id when it is no tag: id. */
function ownId(tagId: string): string {
  // RFC 4151 §2.1: the specific part of a tag: id is the entry's own id.
  const specific = tagUriParts(tagId)?.specific ?? tagId;
  try {
    return decodeURIComponent(specific);
  } catch {
    return specific;
  }
}
