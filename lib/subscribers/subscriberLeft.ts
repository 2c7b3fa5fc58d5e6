import type { SubscriberStore } from './subscriberStore.js';
import { subscriberId } from './subscriber.js';

/**
 * Why an address a send read as a confirmed subscriber is one no more, read again from the store just before its
 * message: a complaint or hard bounce (the ses-feedback function), an unsubscribe or a `forget` that came while the
 * send was under way. Undefined while it is still confirmed. A batch reads its shard once, and its sending takes a
 * while: without this, an address suppressed meanwhile would still get this week's issue.
 */
export async function subscriberLeft(store: SubscriberStore, address: string): Promise<string | undefined> {
  const record = (await store.get(subscriberId(address)))?.subscriber;
  if (record?.status === 'confirmed') return undefined;
  if (!record) return 'forgotten since the list was read: not sent';
  return `${record.status} since the list was read${record.reason ? ` (${record.reason})` : ''}: not sent`;
}
