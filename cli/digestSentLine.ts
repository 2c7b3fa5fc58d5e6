import type { SendSummary } from '../lib/delivery/sendDigest.js';
import { countOf } from '../lib/shared/countOf.js';

/** The summary line of a digest send; `where` names the file transport's folder. */
export function digestSentLine(summary: Omit<SendSummary, 'results'>, where = ''): string {
  const notReached = summary.stopped ? `${summary.notReached} not reached, ` : '';
  const later = summary.subscribedLater ?? 0;
  const skipped = later > 0 ? `${summary.skipped - later} already sent, ${later} subscribed after the week's issue was due` : 'already sent';
  return `Sent the ${summary.week} digest through ${summary.transport}${where}: ${summary.sent} sent, ${summary.skipped} skipped (${skipped}), ${summary.failed} failed, ${summary.unknown} unknown, ${notReached}of ${countOf(summary.total, 'recipient', 'recipients')}`;
}
