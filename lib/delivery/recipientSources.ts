import { ConfigError } from '../shared/errors.js';
import { SUBSCRIBER_LIST_STAYS_HOME } from '../content/subscriberListStaysHome.js';
import type { Store } from '../store/store.js';
import { parseRecipient, parseSubscriberList, uniqueRecipients, type Recipient } from '../subscribers/recipient.js';
import { subscriberFileText } from '../subscribers/subscriberFile.js';

/**
 * The subscriber list in the content store (file and smtp transports); one that is not UTF-8 is refused before any send.
 * `bucket`: the content bucket `content` is in, which never holds the list (SUBSCRIBER_LIST_STAYS_HOME): the fixes
 * named are the local folder and the subscriber store.
 */
export async function subscriberFileRecipients(content: Store, key: string, bucket?: string): Promise<Recipient[]> {
  const bytes = await content.get(key);
  if (!bytes && bucket !== undefined) {
    const store = `s3://${bucket}/_subscribers/`;
    throw new ConfigError(
      `the subscriber list ${key} is not in ${content.description}: ${SUBSCRIBER_LIST_STAYS_HOME} ` +
        `(send from the content folder that holds the list: --content DIR; or send to that store with --subscribers ${store}, after moving the addresses in once: broadsheet subscribers import ${key} --subscribers ${store}; or pass --to)`,
    );
  }
  if (!bytes) throw new ConfigError(`the subscriber list ${key} is not in ${content.description} (create it with one address a line, set digest.subscribers, or pass --to)`);
  return parseSubscriberList(subscriberFileText(bytes, key));
}

/** `--to` addresses, each one mailbox. */
export function addressRecipients(addresses: readonly string[]): Recipient[] {
  return uniqueRecipients(addresses.map(parseRecipient));
}
