import { createHash } from 'node:crypto';

/**
 * The inbox an address reaches, as far as the address tells, hashed (held in memory only): the local part without a
 * subaddress (`ada+news@` is `ada@`, RFC 5233 §1's "+" separator) and without dots (Gmail delivers `a.da@` to `ada@`),
 * lowercased. Two mailboxes it takes for one (`j.smith@` and `jsmith@` elsewhere) only share a limit; one inbox under
 * many addresses shares it too, which is the point (CONFIRMATIONS_PER_DAY, subscriptionHandler).
 */
export function deliveryMailbox(address: string): string {
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at).toLowerCase().split('+')[0]!.replace(/\./g, '');
  const domain = address.slice(at + 1).toLowerCase();
  // googlemail.com is gmail.com under another name (the same inboxes).
  const inbox = `${local}@${domain === 'googlemail.com' ? 'gmail.com' : domain}`;
  return createHash('sha256').update(inbox).digest('hex').slice(0, 16);
}
