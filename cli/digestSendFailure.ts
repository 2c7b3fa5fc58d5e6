import type { SendSummary } from '../lib/delivery/sendDigest.js';
import { failedRecipientsMessage } from '../lib/delivery/failedRecipientsMessage.js';
import { countOf } from '../lib/shared/countOf.js';

/**
 * What a digest run's record says of a send that did not reach everyone, or undefined when it did: one that stopped
 * early is a DeliveryStoppedError, as the digest function records it, with why and how many it left for the rerun
 * (its counts hold no such number); one that went through the list with refusals is a DeliveryError.
 */
export function digestSendFailure(summary: Pick<SendSummary, 'total' | 'failed' | 'notReached' | 'stopped'>): { error: string; message: string } | undefined {
  if (summary.stopped !== undefined) {
    const failed = summary.failed > 0 ? `, ${summary.failed} failed` : '';
    return { error: 'DeliveryStoppedError', message: `${summary.stopped}; ${summary.notReached} of ${countOf(summary.total, 'recipient', 'recipients')} not reached${failed}` };
  }
  if (summary.failed > 0) return { error: 'DeliveryError', message: failedRecipientsMessage(summary) };
  return undefined;
}
