import { createHash } from 'node:crypto';
import { isEmail } from '../../content/site.js';

/** A subscriber. `invalid` says why the address cannot be sent to; such a recipient is recorded as failed. */
export interface Recipient {
  address: string;
  name?: string;
  invalid?: string;
}

/**
 * The ledger's name for a recipient: a hash of the lowercased address, so the store holds no address.
 * (The domain part is case-insensitive, RFC 5321 §2.4; lowercasing the local part too means the same person
 * typed twice gets one message.)
 */
export function recipientId(address: string): string {
  return createHash('sha256').update(address.trim().toLowerCase()).digest('hex').slice(0, 32);
}

const NAMED = /^\s*(.*?)\s*<\s*([^<>\s]+)\s*>\s*$/;

/** One recipient from `address` or `Name <address>`. */
export function parseRecipient(text: string): Recipient {
  const named = NAMED.exec(text);
  const address = (named ? named[2]! : text).trim();
  const name = named?.[1]?.replace(/^"|"$/g, '').trim();
  const recipient: Recipient = { address };
  if (name) recipient.name = name;
  if (!isEmail(address) || /[\r\n]/.test(text)) recipient.invalid = `${JSON.stringify(address)} is not an email address`;
  return recipient;
}

/** The subscriber list: one address a line, `#` starts a comment. Duplicates (ignoring case) are dropped. */
export function parseSubscriberList(text: string): Recipient[] {
  const seen = new Set<string>();
  const recipients: Recipient[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) continue;
    const recipient = parseRecipient(line);
    const id = recipient.address.toLowerCase();
    if (seen.has(id)) continue;
    seen.add(id);
    recipients.push(recipient);
  }
  return recipients;
}

/** The RFC 5322 mailbox: `"Name" <address>` or `address`. */
export function formatMailbox(recipient: Recipient): string {
  return recipient.name ? `"${recipient.name.replace(/["\\\r\n]/g, '')}" <${recipient.address}>` : recipient.address;
}
