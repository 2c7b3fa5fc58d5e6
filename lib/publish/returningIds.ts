import type { PreviousEntry } from '../content/entryIndex.js';
import type { Site } from '../content/site.js';
import { tagUri } from '../feeds/tagUri.js';

/**
 * The feed item ids (RFC 4151 tag URIs, as every feed gives them) of the entries published once and out at the last
 * publish (EntryIndex.out): one back in a feed is no new item to a reader that had it, which keeps its id.
 */
export function returningIds(out: readonly Pick<PreviousEntry, 'id'>[] | undefined, site: Pick<Site, 'idHost' | 'idDate'>): Set<string> {
  return new Set((out ?? []).map((entry) => tagUri(site.idHost, site.idDate, entry.id)));
}
