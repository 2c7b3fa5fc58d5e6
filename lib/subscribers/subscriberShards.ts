/**
 * The subscriber ids' first two hex digits: 256 shards of about equal size (ids are hashes). Listing the store
 * a shard at a time keeps one shard's keys in hand, not the whole list's, and a send fans out one shard a
 * message.
 */
export const SUBSCRIBER_SHARDS: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function isSubscriberShard(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{2}$/.test(value);
}
