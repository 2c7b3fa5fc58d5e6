import { batchStreakKey } from '../../lib/delivery/batchStreak.js';
import { ledgerPrefix } from '../../lib/digest/ledgerRecords.js';
import { SendLedger } from '../../lib/delivery/sendLedger.js';
import type { Store } from '../../lib/store/store.js';
import { recipientId } from '../../lib/subscribers/recipient.js';

const JSON_TYPE = { contentType: 'application/json' };

/** The weeks `writeLedgers` leaves mailed: W16 (a handover alone), W17 (a claim handed over), W19 (sent). */
export const MAILED = ['2014-W16', '2014-W17', '2014-W19'];

/**
 * Send ledgers of several weeks, `recipients` of them in W19: a week mailed by a handover alone, one by a claim
 * handed over and never confirmed (unknown), one whose only recipient failed and was released, one sent to all but
 * its first recipient (refused), a test copy and a batch's files alone. Each W19 recipient has three records.
 */
export async function writeLedgers(store: Store, recipients: number): Promise<void> {
  const ada = recipientId('ada@example.org');
  const ledger = (name: string) => new SendLedger(store, name);
  await store.put(`${ledgerPrefix('2014-W16')}${ada}/1.handover.json`, '{}', JSON_TYPE);
  await ledger('2014-W17').claim(ada, 1, {});
  await ledger('2014-W17').handOver(ada, 1, {});
  await ledger('2014-W18').claim(ada, 1, {});
  await ledger('2014-W18').fail(ada, 1, {});
  await ledger('2014-W18').claim(ada, 2, {});
  await ledger('2014-W18').release(ada, 2, {});
  const ids = Array.from({ length: recipients }, (_, index) => recipientId(`reader${index}@example.org`)).sort();
  for (const [index, id] of ids.entries()) {
    await ledger('2014-W19').claim(id, 1, {});
    if (index === 0) await ledger('2014-W19').fail(id, 1, {});
    else {
      await ledger('2014-W19').handOver(id, 1, {});
      await ledger('2014-W19').confirm(id, 1, {});
    }
  }
  await ledger('2014-W20.test-0123456789abcdef').claim(ada, 1, {});
  await ledger('2014-W20.test-0123456789abcdef').confirm(ada, 1, {});
  await store.put(batchStreakKey('2014-W21'), '{"inARow":0}', JSON_TYPE);
  await store.put(`${ledgerPrefix('2014-W21')}model-0123456789abcdef.json`, '{}', JSON_TYPE);
}
