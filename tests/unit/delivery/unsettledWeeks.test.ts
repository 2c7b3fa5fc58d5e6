import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { noteUnsettled, readUnsettledWeeks, unsettledKey } from '../../../lib/delivery/unsettledWeeks.js';
import { settleUnknown } from '../../../lib/delivery/settleUnknown.js';
import { SendLedger } from '../../../lib/delivery/sendLedger.js';
import type { SendSummary } from '../../../lib/delivery/sendDigest.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';

const NOW = DateTime.fromISO('2014-06-02T08:00:00Z');
const id = (n: number) => n.toString(16).padStart(32, '0');
const note = { at: NOW.toISO() };

/** A week's ledger: `unknown` recipients handed over and never confirmed, `sent` confirmed. */
async function week(store: MemoryStore, name: string, unknown: number, sent: number): Promise<void> {
  const ledger = new SendLedger(store, name);
  for (let n = 0; n < unknown + sent; n++) {
    await ledger.claim(id(n), 1, note);
    await ledger.handOver(id(n), 1, note);
    if (n >= unknown) await ledger.confirm(id(n), 1, note);
  }
}

const summary = (name: string, unknown: number, stopped?: string): SendSummary => ({ week: name, transport: 'file', total: 5, sent: 5 - unknown, skipped: 0, failed: 0, unknown, notReached: 0, results: [], ...(stopped ? { stopped } : {}) });

describe('unsettled weeks', () => {
  it('names every week a send left recipients unknown in, however old, counted from the ledger as it stands, and not one whose send left none', async () => {
    const store = new MemoryStore();
    // Twelve weeks: W01 and W05 left unknown recipients; the rest, none.
    for (let w = 1; w <= 12; w++) {
      const name = `2014-W${String(w).padStart(2, '0')}`;
      const unknown = w === 1 ? 3 : w === 5 ? 1 : 0;
      await week(store, name, unknown, 2);
      await noteUnsettled(store, summary(name, unknown), NOW);
    }
    expect(await readUnsettledWeeks(store)).toEqual([
      { week: '2014-W05', unknown: 1 },
      { week: '2014-W01', unknown: 3 },
    ]);
    // Settled since (as `settle --delivered` records it): W01's count drops, W05 leaves the list.
    await new SendLedger(store, '2014-W01').confirm(id(0), 1, note);
    await new SendLedger(store, '2014-W05').confirm(id(0), 1, note);
    expect(await readUnsettledWeeks(store)).toEqual([{ week: '2014-W01', unknown: 2 }]);
  });

  it('is cleared by a later whole send of the week that left none, not by one that stopped', async () => {
    const store = new MemoryStore();
    await week(store, '2014-W19', 2, 0);
    await noteUnsettled(store, summary('2014-W19', 2), NOW);
    await noteUnsettled(store, summary('2014-W19', 0, 'stopped by Ctrl-C'), NOW);
    expect(JSON.parse((await store.get(unsettledKey('2014-W19')))!.toString('utf8'))).toMatchObject({ unknown: 2 });
    await noteUnsettled(store, summary('2014-W19', 0), NOW);
    expect(JSON.parse((await store.get(unsettledKey('2014-W19')))!.toString('utf8'))).toMatchObject({ unknown: 0 });
    // No note written for a week that never had one.
    await noteUnsettled(store, summary('2014-W20', 0), NOW);
    expect(await store.get(unsettledKey('2014-W20'))).toBeUndefined();
  });

  it('is cleared by settle once the week has nobody left unknown (a fanned-out send never clears it), not before', async () => {
    const store = new MemoryStore();
    await week(store, '2014-W19', 2, 1);
    // As a batch notes it: its own shard's unknown recipients.
    await noteUnsettled(store, summary('2014-W19', 2), NOW);
    const noteOf = async () => JSON.parse((await store.get(unsettledKey('2014-W19')))!.toString('utf8')) as { unknown: number };
    await settleUnknown(store, '2014-W19', [{ address: id(0), verdict: 'delivered' }], { now: NOW, force: true });
    expect(await noteOf()).toMatchObject({ unknown: 2 });
    expect(await readUnsettledWeeks(store)).toEqual([{ week: '2014-W19', unknown: 1 }]);
    await settleUnknown(store, '2014-W19', [{ address: id(1), verdict: 'resend' }], { now: NOW, force: true });
    expect(await noteOf()).toMatchObject({ unknown: 0 });
    expect(await readUnsettledWeeks(store)).toEqual([]);
  });
});
