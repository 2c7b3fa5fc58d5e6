import { ConfigError } from '../shared/errors.js';
import type { Store } from '../store/store.js';
import { parseRecipient, parseSubscriberList, uniqueRecipients, type Recipient } from '../subscribers/recipient.js';
import { subscriberFileText } from '../subscribers/subscriberFile.js';

/** The subscriber list in the content store (file and smtp transports); one that is not UTF-8 is refused before any send. */
export async function subscriberFileRecipients(content: Store, key: string): Promise<Recipient[]> {
  const bytes = await content.get(key);
  if (!bytes) throw new ConfigError(`the subscriber list ${key} is not in ${content.description} (create it with one address a line, set digest.subscribers, or pass --to)`);
  return parseSubscriberList(subscriberFileText(bytes, key));
}

/** `--to` addresses, each one mailbox. */
export function addressRecipients(addresses: readonly string[]): Recipient[] {
  return uniqueRecipients(addresses.map(parseRecipient));
}
