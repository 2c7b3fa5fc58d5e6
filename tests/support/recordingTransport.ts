import type { MailTransport } from '../../lib/delivery/transport.js';

/** A transport that records each address it delivers to, handing each message over first; its longest message `maxSendMs`. */
export function recordingTransport(delivered: string[], maxSendMs: number): MailTransport {
  return {
    name: 'file',
    listManaged: false,
    maxSendMs,
    async send(message, beforeHandOver) {
      await beforeHandOver();
      delivered.push(message.recipient.address);
      return `ok ${message.recipient.address}`;
    },
  };
}
