import type { Recipient } from './recipient.js';
import type { SubscriberStore } from './subscriberStore.js';

/** The confirmed subscribers (of one shard, when given), with their tags: the only ones a digest goes to (never unsubscribed, suppressed or pending). */
export async function subscriberRecipients(store: SubscriberStore, shard?: string): Promise<Recipient[]> {
  const recipients: Recipient[] = [];
  for await (const subscriber of store.list(shard)) {
    if (subscriber.status !== 'confirmed' || !subscriber.address) continue;
    recipients.push(subscriber.tags.length > 0 ? { address: subscriber.address, tags: subscriber.tags, subscriber: true } : { address: subscriber.address, subscriber: true });
  }
  return recipients;
}
