import { paginateListContacts, type SESv2Client } from '@aws-sdk/client-sesv2';
import { parseRecipient, type Recipient } from '../subscribers/recipient.js';

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
