import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { noteSending, noteUnsettled, readUnsettledWeeks, unsettledKey } from '../../../lib/delivery/unsettledWeeks.js';
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

const summary = (name: string, unknown: number, stopped?: string, failed = 0): SendSummary => ({ week: name, transport: 'file', total: 5, sent: 5 - unknown - failed, skipped: 0, failed, unknown, notReached: 0, results: [], ...(stopped ? { stopped } : {}) });

/** `failed` recipients of a week's ledger the mail server refused, after `sent` were confirmed (ids after theirs). */
async function refused(store: MemoryStore, name: string, failed: number, sent: number): Promise<void> {
  await week(store, name, 0, sent);
  const ledger = new SendLedger(store, name);
  for (let n = sent; n < sent + failed; n++) {
    await ledger.claim(id(n), 1, note);
    await ledger.fail(id(n), 1, { ...note, reason: '550 mailbox unavailable' });
  }
}

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

  it('is not cleared by a whole send that left none while another send may have left some: one holding recipients it skipped, or one begun since', async () => {
    const store = new MemoryStore();
    await week(store, '2014-W19', 2, 0);
    // A batch (or another run) holding two recipients leaves them unknown and notes it while the whole send goes on.
    await noteSending(store, '2014-W19', 'cli-run');
    await noteUnsettled(store, summary('2014-W19', 2), NOW, { batch: true });
    await noteUnsettled(store, { ...summary('2014-W19', 0), heldByOthers: 2 }, NOW, { runId: 'cli-run' });
    expect(await readUnsettledWeeks(store)).toEqual([{ week: '2014-W19', unknown: 2 }]);
    // A batch begun after the whole send marked the week: its unknown ones may come after the whole send read them.
    await noteSending(store, '2014-W19', 'sqs-message', { batch: true });
    await noteUnsettled(store, summary('2014-W19', 0), NOW, { runId: 'cli-run' });
    expect(await readUnsettledWeeks(store)).toEqual([{ week: '2014-W19', unknown: 2 }]);
    // The week's mark still naming it, and none held by others: cleared.
    await noteSending(store, '2014-W19', 'cli-run-2');
    await new SendLedger(store, '2014-W19').confirm(id(0), 1, note);
    await new SendLedger(store, '2014-W19').confirm(id(1), 1, note);
    await noteUnsettled(store, summary('2014-W19', 0), NOW, { runId: 'cli-run-2' });
    expect(JSON.parse((await store.get(unsettledKey('2014-W19')))!.toString('utf8'))).toMatchObject({ unknown: 0, failed: 0 });
  });

  it('names a whole send in progress until its own note, so that one killed outright leaves the week counted from the ledger', async () => {
    const store = new MemoryStore();
    // The week's last send left none, and noted so.
    await week(store, '2014-W19', 0, 2);
    await noteUnsettled(store, { ...summary('2014-W19', 0), total: 2, sent: 2 }, NOW, { runId: await noteSending(store, '2014-W19', 'cli-run') });
    expect(await readUnsettledWeeks(store)).toEqual([]);
    // A later whole send marks the week, leaves a new subscriber unknown, and is killed before its note.
    await noteSending(store, '2014-W19', 'cli-run-2');
    const ledger = new SendLedger(store, '2014-W19');
    await ledger.claim(id(2), 1, note);
    await ledger.handOver(id(2), 1, note);
    expect(await readUnsettledWeeks(store)).toEqual([{ week: '2014-W19', unknown: 1 }]);
    // A week never noted is noted in progress alike.
    const fresh = new MemoryStore();
    await noteSending(fresh, '2014-W20', 'cli-run');
    await new SendLedger(fresh, '2014-W20').claim(id(0), 1, note);
    await new SendLedger(fresh, '2014-W20').handOver(id(0), 1, note);
    expect(await readUnsettledWeeks(fresh)).toEqual([{ week: '2014-W20', unknown: 1 }]);
  });

  it('is cleared by settle once the week has nobody left unknown (a fanned-out send never clears it), not before', async () => {
    const store = new MemoryStore();
    await week(store, '2014-W19', 2, 1);
    // As a batch notes it: its own shard's unknown recipients.
    await noteUnsettled(store, summary('2014-W19', 2), NOW, { batch: true });
    const noteOf = async () => JSON.parse((await store.get(unsettledKey('2014-W19')))!.toString('utf8')) as { unknown: number };
    await settleUnknown(store, '2014-W19', [{ address: id(0), verdict: 'delivered' }], { now: NOW, force: true });
    expect(await noteOf()).toMatchObject({ unknown: 2 });
    expect(await readUnsettledWeeks(store)).toEqual([{ week: '2014-W19', unknown: 1 }]);
    await settleUnknown(store, '2014-W19', [{ address: id(1), verdict: 'resend' }], { now: NOW, force: true });
    expect(await noteOf()).toMatchObject({ unknown: 0 });
    expect(await readUnsettledWeeks(store)).toEqual([]);
  });

  it('names the newest weeks whose recipients the mail server refused, counted from the ledger, until a send of the week sends to them', async () => {
    const store = new MemoryStore();
    // Ten weeks, each with a refused recipient; W10 with two, and one unknown besides.
    for (let w = 1; w <= 10; w++) {
      const name = `2014-W${String(w).padStart(2, '0')}`;
      const failed = w === 10 ? 2 : 1;
      await refused(store, name, failed, 2);
      await noteUnsettled(store, summary(name, 0, undefined, failed), NOW);
    }
    await new SendLedger(store, '2014-W10').claim(id(9), 1, note);
    await new SendLedger(store, '2014-W10').handOver(id(9), 1, note);
    // W01 and W02 are older than the FAILING_WEEKS_READ (8) newest: no send retries them now, so their ledgers are not read.
    expect(await readUnsettledWeeks(store)).toEqual([
      { week: '2014-W10', unknown: 1, failed: 2 },
      ...[9, 8, 7, 6, 5, 4, 3].map((w) => ({ week: `2014-W0${w}`, unknown: 0, failed: 1 })),
    ]);
    // W09's next send sends to its refused recipient (attempt 2); W08's is refused again.
    await new SendLedger(store, '2014-W09').confirm(id(2), 2, note);
    await new SendLedger(store, '2014-W08').fail(id(2), 2, note);
    expect((await readUnsettledWeeks(store)).map(({ week }) => week)).toEqual(['2014-W10', '2014-W08', '2014-W07', '2014-W06', '2014-W05', '2014-W04', '2014-W03']);
  });

  it('is kept by settle while the week has recipients refused, and written back to none by a whole send that leaves none failed', async () => {
    const store = new MemoryStore();
    await refused(store, '2014-W19', 1, 1);
    const ledger = new SendLedger(store, '2014-W19');
    await ledger.claim(id(5), 1, note);
    await ledger.handOver(id(5), 1, note);
    await noteUnsettled(store, summary('2014-W19', 1, undefined, 1), NOW);
    const noteOf = async () => JSON.parse((await store.get(unsettledKey('2014-W19')))!.toString('utf8')) as { unknown: number; failed: number };
    expect(await noteOf()).toMatchObject({ unknown: 1, failed: 1 });
    await settleUnknown(store, '2014-W19', [{ address: id(5), verdict: 'delivered' }], { now: NOW, force: true });
    expect(await noteOf()).toMatchObject({ unknown: 1, failed: 1 });
    expect(await readUnsettledWeeks(store)).toEqual([{ week: '2014-W19', unknown: 0, failed: 1 }]);
    await ledger.confirm(id(1), 2, note);
    await noteUnsettled(store, summary('2014-W19', 0), NOW);
    expect(await noteOf()).toMatchObject({ unknown: 0, failed: 0 });
    expect(await readUnsettledWeeks(store)).toEqual([]);
  });

  describe('a refused recipient who has left the list since (the ledger keeps the failure; no send retries it)', () => {
    /** W19: id(1) refused, then gone from the list; id(0) sent, id(5) unknown; `also` more refused who are still on it. */
    async function leftAfterRefusal(also = 0): Promise<MemoryStore> {
      const store = new MemoryStore();
      await refused(store, '2014-W19', 1, 1);
      const ledger = new SendLedger(store, '2014-W19');
      for (let n = 10; n < 10 + also; n++) {
        await ledger.claim(id(n), 1, note);
        await ledger.fail(id(n), 1, note);
      }
      await ledger.claim(id(5), 1, note);
      await ledger.handOver(id(5), 1, note);
      return store;
    }

    it('is not counted once a whole send of the week reached everyone on the list, and lets settle clear the week', async () => {
      const store = await leftAfterRefusal();
      // The week's next send: id(1) is not on the list, id(5) stays unknown, nobody failed.
      await noteUnsettled(store, summary('2014-W19', 1), NOW);
      expect(await readUnsettledWeeks(store)).toEqual([{ week: '2014-W19', unknown: 1 }]);
      await settleUnknown(store, '2014-W19', [{ address: id(5), verdict: 'delivered' }], { now: NOW, force: true });
      expect(JSON.parse((await store.get(unsettledKey('2014-W19')))!.toString('utf8'))).toMatchObject({ unknown: 0, failed: 0 });
      expect(await readUnsettledWeeks(store)).toEqual([]);
    });

    it('leaves the count to the ledger after a batch, a send that stopped, or one that met recipients another run held', async () => {
      for (const [send, options] of [
        [summary('2014-W19', 1), { batch: true }],
        [summary('2014-W19', 1, 'stopped by Ctrl-C'), {}],
        [{ ...summary('2014-W19', 1), heldByOthers: 1 }, {}],
      ] as const) {
        const store = await leftAfterRefusal();
        await noteUnsettled(store, send, NOW, options);
        expect(await readUnsettledWeeks(store)).toEqual([{ week: '2014-W19', unknown: 1, failed: 1 }]);
        await settleUnknown(store, '2014-W19', [{ address: id(5), verdict: 'delivered' }], { now: NOW, force: true });
        expect(await readUnsettledWeeks(store)).toEqual([{ week: '2014-W19', unknown: 0, failed: 1 }]);
      }
    });

    it('counts those still on the list that a whole send found failed, and no more', async () => {
      const store = await leftAfterRefusal(2);
      await noteUnsettled(store, summary('2014-W19', 1, undefined, 2), NOW);
      expect(await readUnsettledWeeks(store)).toEqual([{ week: '2014-W19', unknown: 1, failed: 2 }]);
      // Kept by settle: two on the list are still failed.
      await settleUnknown(store, '2014-W19', [{ address: id(5), verdict: 'delivered' }], { now: NOW, force: true });
      expect(await readUnsettledWeeks(store)).toEqual([{ week: '2014-W19', unknown: 0, failed: 2 }]);
    });
  });
});
