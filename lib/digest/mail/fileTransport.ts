import { slugify } from '../../shared/slug.js';
import type { Store } from '../../store/store.js';
import type { DigestMessage } from './message.js';
import { recipientId } from './recipient.js';
import type { MailTransport } from './transport.js';

/** The outbox file of a message: `2014-W19/ada-example-org-<hash>.eml`, a slug of the address, never the address itself as a path. */
export function outboxKey(message: DigestMessage): string {
  return `${message.weekName}/${slugify(message.recipient.address)}-${recipientId(message.recipient.address).slice(0, 8)}.eml`;
}

/** Writes each message as an RFC 5322 `.eml` file (open it in any mail client) into a store, atomically. */
export class FileTransport implements MailTransport {
  readonly name = 'file';
  readonly listManaged = false;

  constructor(readonly outbox: Store) {}

  async send(message: DigestMessage): Promise<string> {
    const key = outboxKey(message);
    await this.outbox.put(key, message.raw, { contentType: 'message/rfc822' });
    return key;
  }
}
