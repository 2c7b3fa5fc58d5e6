/**
 * The digest function's question to the digest-sender before it queues a send: can the sender read the token secret
 * and, for an SMTP site, the SMTP URL? The sender's role alone may read them, so only it can tell; a parameter it
 * cannot read refuses the send once, before anything is queued, where each queued batch would fail on it.
 */
export const SENDER_CHECK_SOURCE = 'broadsheet.digest';

/** A direct invocation of the digest-sender (RequestResponse), beside the SQS batches it otherwise receives. */
export interface SenderCheckEvent {
  source: typeof SENDER_CHECK_SOURCE;
  /** Read the parameters a batch of this site would read: `smtp` when site.yml says digest.transport: smtp. */
  checkParameters: { smtp: boolean };
}

/** The sender's answer: never a value, only what ParameterError says of the one it could not read. */
export type SenderCheckAnswer = { ok: true } | { ok: false; error: 'ParameterError'; message: string; parameter: string; variable: string; transient: boolean };

export function isSenderCheck(event: unknown): event is SenderCheckEvent {
  const candidate = event as Partial<SenderCheckEvent> | null | undefined;
  return candidate?.source === SENDER_CHECK_SOURCE && typeof candidate.checkParameters === 'object' && candidate.checkParameters !== null;
}
