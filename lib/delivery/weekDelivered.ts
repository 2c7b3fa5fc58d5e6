import type { Store } from '../store/store.js';
import { ledgerPrefix } from '../digest/ledgerRecords.js';
import { LEDGER_JSON } from './sendLedger.js';

/**
 * The note that a message of the week went out, by any run: a CLI's `digest --send`, the digest function's, or a
 * fan-out batch (sendDigest writes it once a message is confirmed sent). It only ever goes from absent to present, with
 * the same bytes whoever writes it, so concurrent writers need no compare (create-only, and a store that ignores
 * If-None-Match only writes it over with itself); kept apart from streak.json, which batches rewrite whole. Read by a
 * fan-out batch whose messages were all refused alike (lib/delivery/smallBatchRefusal.ts): once the week has gone out,
 * the transport works, and such a refusal is its recipient's.
 */
export function weekDeliveredKey(ledgerName: string): string {
  return `${ledgerPrefix(ledgerName)}delivered.json`;
}

const NOTE = '{"delivered":true}\n';

/** Writes the note, create-only: false when it was there already. */
export async function noteWeekDelivered(output: Store, ledgerName: string): Promise<boolean> {
  return output.putIfAbsent(weekDeliveredKey(ledgerName), NOTE, LEDGER_JSON);
}

/** Whether a message of the week went out: one GET. */
export async function weekDelivered(output: Store, ledgerName: string): Promise<boolean> {
  return (await output.get(weekDeliveredKey(ledgerName))) !== undefined;
}
