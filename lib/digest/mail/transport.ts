import type { DigestMessage } from './message.js';

/** Where digests go. `send` resolves once the transport has accepted the message, or throws DeliveryError. */
export interface MailTransport {
  readonly name: 'file' | 'smtp' | 'ses';
  /** True when the transport manages unsubscribes itself (SES contact lists). */
  readonly listManaged: boolean;
  /** Messages a second, or undefined for no limit. */
  readonly rate?: number;
  /** Resolves with the transport's id for the message (a file name, an SMTP response, an SES MessageId). */
  send(message: DigestMessage): Promise<string>;
  close?(): Promise<void>;
}
