import { paginateListContacts, type SESv2Client } from '@aws-sdk/client-sesv2';
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

/**
 * The contacts of an SES contact list who are subscribed to `topic` (their own choice, or the topic's default
 * when they have not made one), page by page. SES filters; unsubscribed-from-all contacts are skipped too.
 */
export async function sesContactRecipients(client: SESv2Client, contactList: string, topic: string): Promise<Recipient[]> {
  const recipients: Recipient[] = [];
  const pages = paginateListContacts(
    { client, pageSize: 1000 },
    { ContactListName: contactList, Filter: { FilteredStatus: 'OPT_IN', TopicFilter: { TopicName: topic, UseDefaultIfPreferenceUnavailable: true } } },
  );
  for await (const page of pages) {
    for (const contact of page.Contacts ?? []) {
      if (!contact.EmailAddress || contact.UnsubscribeAll) continue;
      recipients.push(parseRecipient(contact.EmailAddress));
    }
  }
  return recipients;
}
