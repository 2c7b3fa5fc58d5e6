import { GetContactListCommand, type SESv2Client } from '@aws-sdk/client-sesv2';

/**
 * Whether SES holds contact list `list` (GetContactList): false on SES's NotFoundException, which UpdateContact also
 * answers for a contact the list does not hold, so that only this call tells a missing list apart. Any other failure
 * throws.
 */
export async function sesContactListExists(client: SESv2Client, list: string): Promise<boolean> {
  try {
    await client.send(new GetContactListCommand({ ContactListName: list }));
    return true;
  } catch (error) {
    if ((error as { name?: string } | undefined)?.name === 'NotFoundException') return false;
    throw error;
  }
}
