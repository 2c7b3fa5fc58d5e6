import { UpdateContactCommand, type SESv2Client } from '@aws-sdk/client-sesv2';

/**
 * Marks `address` unsubscribed from every topic of SES contact list `list` (UpdateContact's UnsubscribeAll; the topic
 * preferences it leaves alone), so that a send to the list (sesContactRecipients) leaves it out. True when the contact
 * was marked, false when the list holds no such contact (SES's NotFoundException: an address of the subscriber store,
 * not of the list). Any other failure throws.
 */
export async function unsubscribeSesContact(client: SESv2Client, list: string, address: string): Promise<boolean> {
  try {
    await client.send(new UpdateContactCommand({ ContactListName: list, EmailAddress: address, UnsubscribeAll: true }));
    return true;
  } catch (error) {
    if ((error as { name?: string } | undefined)?.name === 'NotFoundException') return false;
    throw error;
  }
}
