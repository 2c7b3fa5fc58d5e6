import type { DigestMessage } from './message.js';

/**
 * Where digests go. `send` resolves once the transport has accepted the message, or throws DeliveryError,
 * whose outcome says whether the message was refused, may have been delivered, or was not attempted.
 */
export interface MailTransport {
  readonly name: 'file' | 'smtp' | 'ses';
  /** True when the transport manages unsubscribes itself (SES contact lists). */
  readonly listManaged: boolean;
  /** Messages a second, or undefined for no limit. */
  readonly rate?: number;
  /** The longest one message can take, timeouts and retries included: a run with a deadline stops while that much time is left. */
  readonly maxSendMs?: number;
  /** Makes sure the transport can take a message (connected, greeted, logged in), before a recipient is claimed; throws DeliveryError (notAttempted). */
  open?(): Promise<void>;
  /** Resolves with the transport's id for the message (a file name, an SMTP response, an SES MessageId). */
  send(message: DigestMessage): Promise<string>;
  close?(): Promise<void>;
}
