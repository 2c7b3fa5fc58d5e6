import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What the test SMTP server (tests/setup/smtp.ts) keeps of a message: one JSON file per message in its mailbox folder. */
export interface Received {
  to: string[];
  raw: Buffer;
}

/** The messages the test SMTP server kept for any of `addresses`. */
export async function mailboxFor(mailbox: string, addresses: readonly string[]): Promise<Received[]> {
  const wanted = new Set(addresses.map((a) => a.toLowerCase()));
  const received: Received[] = [];
  for (const name of (await readdir(mailbox)).sort()) {
    let data: { to: string[]; raw: string };
    try {
      data = JSON.parse(await readFile(join(mailbox, name), 'utf8')) as { to: string[]; raw: string };
    } catch {
      continue; // being written
    }
    if (data.to.some((to) => wanted.has(to.toLowerCase()))) received.push({ to: data.to, raw: Buffer.from(data.raw, 'base64') });
  }
  return received;
}
