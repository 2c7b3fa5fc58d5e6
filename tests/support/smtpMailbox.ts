import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What the test SMTP server (tests/setup/smtp.ts) keeps of a message: one JSON file per message in its mailbox folder. */
export interface Received {
  to: string[];
  raw: Buffer;
}

interface Kept {
  to: string[];
  raw: string;
}

/**
 * Per mailbox folder, the envelope recipients of each message file read whole so far. The server writes each file
 * once and never changes it, and every test file of a run shares the folder: a read parses only the files that are
 * new since the last, and reads again only those of the addresses it asks for.
 */
const recipients = new Map<string, Map<string, string[]>>();

/** The messages the test SMTP server kept for any of `addresses`. */
export async function mailboxFor(mailbox: string, addresses: readonly string[]): Promise<Received[]> {
  const wanted = new Set(addresses.map((a) => a.toLowerCase()));
  const known = recipients.get(mailbox) ?? recipients.set(mailbox, new Map()).get(mailbox)!;
  const received: Received[] = [];
  for (const name of (await readdir(mailbox)).sort()) {
    const to = known.get(name);
    if (to !== undefined && !to.some((address) => wanted.has(address.toLowerCase()))) continue;
    const data = await kept(join(mailbox, name));
    if (data === undefined) continue; // being written
    known.set(name, data.to);
    if (data.to.some((address) => wanted.has(address.toLowerCase()))) received.push({ to: data.to, raw: Buffer.from(data.raw, 'base64') });
  }
  return received;
}

async function kept(file: string): Promise<Kept | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Kept;
  } catch {
    return undefined;
  }
}
