import { foldLines } from 'nodemailer/lib/mime-funcs';
import { asciiMailbox } from './headerText.js';

/**
 * A message built by nodemailer's MailComposer with the address fields named in `mailboxes` (From, To, Reply-To)
 * written again from their mailboxes (`Name <address>`) as asciiMailbox writes them: the composer cuts a display
 * name into encoded words by length, mid-word, which some readers show as two words (see headerPhrase).
 */
export function withMailboxFields(message: Buffer, mailboxes: Record<string, string>): Buffer {
  const text = message.toString('latin1');
  const headEnd = text.indexOf('\r\n\r\n');
  const written = new Set<string>();
  // RFC 5322 §2.2: a field is its first line and the folded lines after it, which start with white space.
  const fields = text.slice(0, headEnd).split(/\r\n(?![ \t])/).map((field) => {
    const name = /^([A-Za-z-]+):/.exec(field)?.[1];
    if (name === undefined || !Object.hasOwn(mailboxes, name) || written.has(name)) return field;
    written.add(name);
    return foldLines(`${name}: ${asciiMailbox(mailboxes[name]!)}`);
  });
  const missing = Object.keys(mailboxes).filter((name) => !written.has(name));
  if (missing.length > 0) throw new Error(`the composed message has no ${missing.join(', ')} field`);
  return Buffer.from(fields.join('\r\n') + text.slice(headEnd), 'latin1');
}
