import type { Recipient } from './recipient.js';
import type { SubscriberStore } from './subscriberStore.js';

/** The confirmed subscribers (of one shard, when given), with their tags and the time they consented here: the only ones a digest goes to (never unsubscribed, suppressed or pending). */
export async function subscriberRecipients(store: Pick<SubscriberStore, 'list'>, shard?: string): Promise<Recipient[]> {
  const recipients: Recipient[] = [];
  for await (const subscriber of store.list(shard)) {
    if (subscriber.status !== 'confirmed' || !subscriber.address) continue;
    const recipient: Recipient = { address: subscriber.address, subscriber: true };
    if (subscriber.tags.length > 0) recipient.tags = subscriber.tags;
    // An import's time is not the reader's: they consented before, to the list it came from.
    if (subscriber.consent?.at && subscriber.consent.method !== 'imported') recipient.subscribedAt = subscriber.consent.at;
    recipients.push(recipient);
  }
  return recipients;
}
