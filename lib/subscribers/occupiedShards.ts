import { SUBSCRIBER_SHARDS } from './subscriberShards.js';
import type { SubscriberStore } from './subscriberStore.js';

/** The shards of `store` that may hold a record, sorted: through the store's own `shards`, else every shard. */
export async function occupiedShards(store: SubscriberStore): Promise<readonly string[]> {
  return store.shards ? store.shards() : SUBSCRIBER_SHARDS;
}

/**
 * The shards that may hold a key, from the start of a listing of every key in order (`complete`: the listing ended
 * there): a shard before the last key read holds one only if a key read starts with it; from the last key's shard
 * on, any may. A listing that ends within what was read tells exactly which shards hold anyone.
 */
export function shardsListed(keys: readonly string[], complete: boolean): string[] {
  const seen = new Set(keys.map((key) => key.slice(0, 2)));
  const unknownFrom = complete ? undefined : (keys.at(-1)?.slice(0, 2) ?? '');
  return SUBSCRIBER_SHARDS.filter((shard) => seen.has(shard) || (unknownFrom !== undefined && shard >= unknownFrom));
}
