import { countOf } from '../shared/countOf.js';

/** A run record's message for a send some recipients of which failed: `1 of 1 recipient failed`, `2 of 3 recipients failed`. */
export function failedRecipientsMessage(summary: { failed: number; total: number }): string {
  return `${summary.failed} of ${countOf(summary.total, 'recipient', 'recipients')} failed`;
}
