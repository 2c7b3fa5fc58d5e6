import { slugify } from '../shared/slug.js';
import { DeliveryError } from '../shared/errors.js';
import type { Store } from '../store/store.js';
import type { DigestMessage } from './message.js';
import { recipientId } from '../subscribers/recipient.js';
import type { BeforeHandOver, MailTransport } from './transport.js';

/** The outbox file of a message: `2014-W19/ada-example-org-<hash>.eml`, a slug of the address, never the address itself as a path. */
export function outboxKey(message: DigestMessage): string {
  return `${message.weekName}/${slugify(message.recipient.address)}-${recipientId(message.recipient.address).slice(0, 8)}.eml`;
}

/** Writes each message as an RFC 5322 `.eml` file (open it in any mail client) into a store, atomically. */
export class FileTransport implements MailTransport {
  readonly name = 'file';
  readonly listManaged = false;
  readonly maxSendMs = 10_000;

  constructor(readonly outbox: Store) {}

  async send(message: DigestMessage, beforeHandOver: BeforeHandOver): Promise<string> {
    const key = outboxKey(message);
    try {
      await beforeHandOver();
    } catch (error) {
      throw new DeliveryError(`withdrawn before ${key} was written: ${(error as Error).message}`, 'notAttempted', { cause: error });
    }
    try {
      await this.outbox.put(key, message.raw, { contentType: 'message/rfc822' });
    } catch (error) {
      // The write is atomic: a failed one left no file, and the next would fail alike (a full disk, no permission).
      throw new DeliveryError(`could not write ${key}: ${(error as Error).message}`, 'notAttempted', { cause: error });
    }
    return key;
  }
}
