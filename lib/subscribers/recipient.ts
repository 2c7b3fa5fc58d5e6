import { createHash } from 'node:crypto';
import { parseMailbox } from '../shared/mailbox.js';
import { trimSpaces } from '../shared/trimSpaces.js';

/** A subscriber. `invalid` says why the line cannot be sent to; such a recipient is recorded as failed. */
export interface Recipient {
  /** The canonical address (see Mailbox); for an invalid line, the line with its control characters escaped. */
  address: string;
  name?: string;
  invalid?: string;
  /** Other ledger ids the same mailbox may be recorded under by earlier versions (the domain as written). */
  formerIds?: string[];
  /** Tag slugs the subscriber chose: the digest holds only the entries with one of them. Absent or empty: every entry. */
  tags?: string[];
  /** A confirmed subscriber of the subscriber store, who can choose their topics at /preferences (not a line of a list, nor --to). */
  subscriber?: true;
  /**
   * When the reader consented to this list (ISO 8601): the subscriber store's consent time, through the form or added
   * by the editor. A week whose issue was due before it is not theirs (lib/delivery/sendDigest.ts). Absent where the
   * list does not say (a subscriber file, an SES contact list, an imported record, one without consent): every week.
   */
  subscribedAt?: string;
}

/**
 * The ledger's name for a recipient: a hash of the lowercased address, so the store holds no address.
 * (The domain part is case-insensitive, RFC 5321 §2.4; lowercasing the local part too means the same person
 * typed twice gets one message.)
 */
export function recipientId(address: string): string {
  return createHash('sha256').update(address.trim().toLowerCase()).digest('hex').slice(0, 32);
}

/** One recipient from a line holding exactly one mailbox: `address` or `Name <address>`. */
export function parseRecipient(text: string): Recipient {
  const parsed = parseMailbox(text);
  if (!parsed.ok) return { address: printable(trimSpaces(text)), invalid: parsed.problem };
  const { address, name, writtenKey } = parsed.mailbox;
  const recipient: Recipient = { address };
  if (name !== undefined) recipient.name = name;
  if (writtenKey !== undefined) recipient.formerIds = [recipientId(writtenKey)];
  return recipient;
}

/** The subscriber list: one mailbox a line, `#` starts a comment. Lines that reach the same mailbox are sent once. */
export function parseSubscriberList(text: string): Recipient[] {
  return uniqueRecipients(subscriberLines(text).map(({ text: line }) => parseRecipient(line)));
}

/** The most places a line's `#` is tried as its comment's start: a line of thousands of them is not parsed thousands of times. */
const COMMENT_STARTS_TRIED = 8;

/**
 * The list's lines that are not blank once their comment is removed, with their 1-based line numbers. A `#` at the
 * start or after a space starts a comment, but one a display name holds (RFC 5322 allows it, quoted or not) does not:
 * the first cut that leaves one mailbox is taken, else the whole line if it is one (`"Ada #1" <ada@example.org>`,
 * `Team #2 <team@example.org>`), else the first cut, whose text the line's problem quotes.
 */
export function subscriberLines(text: string): { line: number; text: string }[] {
  const lines: { line: number; text: string }[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const starts = [...raw.matchAll(/(?:^|\s)#/g)].slice(0, COMMENT_STARTS_TRIED).map((match) => match.index);
    const cuts = starts.map((start) => raw.slice(0, start));
    const first = cuts[0] ?? raw;
    if (first.trim() === '') return;
    // A line with no `#` is parsed once, by its reader.
    const line = cuts.length === 0 ? raw : ([...cuts, raw].find((cut) => parseMailbox(cut).ok) ?? first);
    lines.push({ line: index + 1, text: line });
  });
  return lines;
}

/** The first recipient of each mailbox, in order. */
export function uniqueRecipients(recipients: Iterable<Recipient>): Recipient[] {
  const seen = new Set<string>();
  const unique: Recipient[] = [];
  for (const recipient of recipients) {
    const id = recipientId(recipient.address);
    if (seen.has(id)) continue;
    seen.add(id);
    unique.push(recipient);
  }
  return unique;
}

/** The RFC 5322 mailbox: `"Name" <address>` or `address`. */
export function formatMailbox(recipient: Recipient): string {
  // RFC 5322 §3.2.4: in a quoted-string, a quote or a backslash is written as a quoted-pair; a line break never is.
  return recipient.name ? `"${recipient.name.replace(/[\r\n]/g, '').replace(/["\\]/g, '\\$&')}" <${recipient.address}>` : recipient.address;
}

/** The text with every control, format and separator character written as \uXXXX, safe to print and log. */
function printable(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`);
}
