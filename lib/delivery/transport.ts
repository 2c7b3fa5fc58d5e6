import type { DigestMessage } from './message.js';

/** Called by a transport at the last moment a message can still be withdrawn (SendLedger.handOver). */
export type BeforeHandOver = () => Promise<void>;

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
  /**
   * Resolves with the transport's id for the message (a file name, an SMTP response, an SES MessageId). Calls
   * `beforeHandOver` once, at the last moment the message can still be withdrawn, and hands the message over only
   * once it resolves; when it rejects, nothing is delivered, and send throws DeliveryError (notAttempted).
   */
  send(message: DigestMessage, beforeHandOver: BeforeHandOver): Promise<string>;
  close?(): Promise<void>;
}
