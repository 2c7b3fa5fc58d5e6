/** What became of one recipient in a send (sendDigest), as its summary reports it. */
export type RecipientOutcome = 'sent' | 'skipped' | 'failed' | 'unknown';

/** A recipient's line in a send's summary: its outcome, and why when the outcome needs saying. */
export interface RecipientResult {
  address: string;
  outcome: RecipientOutcome;
  detail?: string;
  /** Unknown, handed over by another run that may still be waiting for its answer (concludedSince). */
  inProgress?: boolean;
}
