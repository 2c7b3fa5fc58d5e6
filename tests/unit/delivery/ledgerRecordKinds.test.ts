import { describe, expect, it } from 'vitest';
import { SendLedger } from '../../../lib/delivery/sendLedger.js';
import { LEDGER_KEY, LEDGER_RECORD_KINDS, ledgerPrefix } from '../../../lib/digest/ledgerRecords.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';

const ID = 'a'.repeat(32);

describe('the send ledger\'s record kinds', () => {
  it('are the kinds SendLedger writes, every one of which LEDGER_KEY reads, and it reads no other', async () => {
    const store = new MemoryStore();
    const ledger = new SendLedger(store, '2014-W20', true);
    const note = { week: '2014-W20' };
    // Each way a record is written: claimed, handed over, sent; failed; released; withdrawn (a handover and a release).
    await ledger.claim(ID, 1, note);
    await ledger.handOver(ID, 1, note);
    await ledger.confirm(ID, 1, note);
    await ledger.claim(ID, 2, note);
    await ledger.fail(ID, 2, note);
    await ledger.claim(ID, 3, note);
    await ledger.release(ID, 3, note);
    await ledger.claim(ID, 4, note);
    await ledger.withdraw(ID, 4, note);
    const keys = (await store.list(ledgerPrefix('2014-W20'))).map((object) => object.key);
    const kinds = keys.map((key) => LEDGER_KEY.exec(key)?.[3]);
    expect(new Set(kinds)).toEqual(new Set(LEDGER_RECORD_KINDS));
    // The week's other files beside its records, and a kind no version writes.
    for (const other of ['model-0123456789abcdef.json', 'failed-batches.json', `${ID}/1.unknown.json`, `${ID}/1.claim.json.tmp`]) expect(LEDGER_KEY.test(`${ledgerPrefix('2014-W20')}${other}`)).toBe(false);
  });
});
