import type { PreviousEntry } from '../content/entryIndex.js';
import type { Site } from '../content/site.js';
import { tagUri } from '../feeds/tagUri.js';

/**
 * The feed item ids of the entries published once and out at the last publish, each with the feeds whose readers have
 * it (PreviousEntry.fedIn; undefined, not known: any feed): one back in such a feed is no new item to them.
 */
export type ReturningIds = ReadonlyMap<string, readonly string[] | undefined>;

/**
 * The feed item ids (RFC 4151 tag URIs, as every feed gives them) of the entries published once and out at the last
 * publish (EntryIndex.out): one back in a feed that carried it is no new item to a reader that had it, which keeps its
 * id. In another feed (a tag it never had) it is new to that feed's readers. `idPrefixChanged`: this publish gives
 * every entry a new id (--allow-id-change), so no reader has any of them under the id it comes back with.
 */
export function returningIds(out: readonly Pick<PreviousEntry, 'id' | 'fedIn'>[] | undefined, site: Pick<Site, 'idHost' | 'idDate'>, idPrefixChanged = false): ReturningIds {
  if (idPrefixChanged) return new Map();
  return new Map((out ?? []).map((entry) => [tagUri(site.idHost, site.idDate, entry.id), entry.fedIn]));
}

/** Whether an item `id` not in `feed` before is one its readers have (ReturningIds). */
export function returnsTo(returning: ReturningIds, id: string, feed: string): boolean {
  if (!returning.has(id)) return false;
  const fedIn = returning.get(id);
  return fedIn === undefined || fedIn.includes(feed);
}
