import { countOf } from '../lib/shared/countOf.js';

/** A digest run that queued its send: its counts hold no recipients, so the line says where the send went. */
export function queuedSendLine(batches: number): string {
  return `send queued: ${countOf(batches, 'batch', 'batches')} for the digest-sender, one per shard of subscribers (status names the week FAILING while they fail, UNSETTLED for recipients they leave unknown)`;
}
