import type { SendSummary } from '../lib/delivery/sendDigest.js';
import { countOf } from '../lib/shared/countOf.js';

/** The summary line of a digest send; `where` names the file transport's folder. */
export function digestSentLine(summary: Omit<SendSummary, 'results'>, where = ''): string {
  const notReached = summary.stopped ? `${summary.notReached} not reached, ` : '';
  // The skipped, by why: sent already, held by another run (which may yet send it), or subscribed later (not theirs).
  const held = summary.heldByOthers ?? 0;
  const later = summary.subscribedLater ?? 0;
  const why = [...(held > 0 ? [`${held} held by another run`] : []), ...(later > 0 ? [`${later} subscribed after the week's issue was due`] : [])];
  const skipped = why.length > 0 ? [`${summary.skipped - held - later} already sent`, ...why].join(', ') : 'already sent';
  // The unknown another run may still be waiting for the answer to: that run records them, not to be settled yet.
  const inProgress = summary.inProgress ? ` (${summary.inProgress} in progress in another run)` : '';
  return `Sent the ${summary.week} digest through ${summary.transport}${where}: ${summary.sent} sent, ${summary.skipped} skipped (${skipped}), ${summary.failed} failed, ${summary.unknown} unknown${inProgress}, ${notReached}of ${countOf(summary.total, 'recipient', 'recipients')}`;
}
