import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { noteSending, noteUnsettled, readUnsettledWeeks, sendingKey, UNSETTLED_WEEKS_READ, unsettledKey } from '../../../lib/delivery/unsettledWeeks.js';
import { settleUnknown } from '../../../lib/delivery/settleUnknown.js';
import { SendLedger } from '../../../lib/delivery/sendLedger.js';
import type { SendSummary } from '../../../lib/delivery/sendDigest.js';
import { LEDGER_PREFIX, ledgerPrefix } from '../../../lib/digest/ledgerRecords.js';
import { MemoryStore } from '../../../lib/store/memoryStore.js';

// What status's UNSETTLED and FAILED lines cost: a whole send's note is the week's counts while no send has begun
// since, so its ledger (some 300 listing requests a week for a list of 100,000) is not read; and the notes of a bounded
// number of weeks are read, however many the ledger holds.
const NOW = DateTime.fromISO('2014-06-02T08:00:00Z');
const id = (n: number) => n.toString(16).padStart(32, '0');
const note = { at: NOW.toISO() };
const WEEK = '2014-W19';

/** A MemoryStore that records each request it answers: `get KEY`, `list PREFIX`, `folders PREFIX`. */
class CountingStore extends MemoryStore {
  readonly asked: string[] = [];
  override async get(...args: Parameters<MemoryStore['get']>) {
    this.asked.push(`get ${args[0]}`);
    return super.get(...args);
  }
  override async list(prefix: string) {
    this.asked.push(`list ${prefix}`);
    return super.list(prefix);
  }
  override async listFolders(prefix: string) {
    this.asked.push(`folders ${prefix}`);
    return super.listFolders(prefix);
  }
  /** What the reads of `read` asked, and its result. */
  async counted<T>(read: () => Promise<T>): Promise<{ result: T; requests: string[] }> {
    this.asked.length = 0;
    const result = await read();
    return { result, requests: [...this.asked] };
  }
}

/** Week WEEK's ledger after a whole send to `sent` + `failed` + `unknown` recipients, as run `run` writes it. */
async function wholeSend(store: CountingStore, run: string, { sent, failed, unknown }: { sent: number; failed: number; unknown: number }): Promise<void> {
  await noteSending(store, WEEK, run);
  const ledger = new SendLedger(store, WEEK);
  for (let n = 0; n < sent + failed + unknown; n++) {
    await ledger.claim(id(n), 1, note);
    if (n >= sent + failed) await ledger.handOver(id(n), 1, note);
    else if (n >= sent) await ledger.fail(id(n), 1, note);
    else await ledger.confirm(id(n), 1, note);
  }
  const summary: SendSummary = { week: WEEK, transport: 'file', total: sent + failed + unknown, sent, skipped: 0, failed, unknown, notReached: 0, results: [] };
  await noteUnsettled(store, summary, NOW, { runId: run });
}

const noteRead = [`folders ${LEDGER_PREFIX}`, `get ${unsettledKey(WEEK)}`];

describe("status's counts of a week's unknown and failed recipients", () => {
  it("are a whole send's note while no send has begun since: the note and the sending mark read, not the ledger", async () => {
    const store = new CountingStore();
    await wholeSend(store, 'run-1', { sent: 40, failed: 3, unknown: 1 });
    const { result, requests } = await store.counted(() => readUnsettledWeeks(store));
    expect(result).toEqual([{ week: WEEK, unknown: 1, failed: 3 }]);
    expect(requests).toEqual([...noteRead, `get ${sendingKey(WEEK)}`]);
  });

  it('are counted from the ledger once a send has begun since, and then are never fewer than it holds: a send killed after two more refusals', async () => {
    const store = new CountingStore();
    await wholeSend(store, 'run-1', { sent: 40, failed: 3, unknown: 1 });
    // Another send begins (a fanned-out batch, another run), is refused twice more, and is killed before it notes anything.
    await noteSending(store, WEEK, 'run-2');
    const ledger = new SendLedger(store, WEEK);
    for (const n of [0, 1]) {
      await ledger.claim(id(100 + n), 1, note);
      await ledger.fail(id(100 + n), 1, note);
    }
    const { result, requests } = await store.counted(() => readUnsettledWeeks(store));
    expect(result).toEqual([{ week: WEEK, unknown: 1, failed: 5 }]);
    expect(requests.slice(0, 3)).toEqual([...noteRead, `get ${sendingKey(WEEK)}`]);
    expect(requests).toContain(`list ${ledgerPrefix(WEEK)}`);
  });

  it('are the ledger\'s again, without reading it, after a settle: settle writes the note back with what is left', async () => {
    const store = new CountingStore();
    await wholeSend(store, 'run-1', { sent: 40, failed: 3, unknown: 2 });
    await settleUnknown(store, WEEK, [{ address: id(43), verdict: 'delivered' }], { now: NOW, force: true });
    const { result, requests } = await store.counted(() => readUnsettledWeeks(store));
    expect(result).toEqual([{ week: WEEK, unknown: 1, failed: 3 }]);
    expect(requests).toEqual([...noteRead, `get ${sendingKey(WEEK)}`]);
  });

  it(`read the notes of the ${UNSETTLED_WEEKS_READ} newest weeks only, however many the ledger holds`, async () => {
    const store = new CountingStore();
    // Two years of weeks, each with a recipient sent and a note of none left.
    const weeks = Array.from({ length: 104 }, (_, index) => `${2013 + Math.floor(index / 52)}-W${String((index % 52) + 1).padStart(2, '0')}`);
    for (const name of weeks) {
      await new SendLedger(store, name).confirm(id(0), 1, note);
      await store.put(unsettledKey(name), JSON.stringify({ unknown: 0, failed: 0 }), { contentType: 'application/json' });
    }
    const { result, requests } = await store.counted(() => readUnsettledWeeks(store));
    expect(result).toEqual([]);
    expect(requests.sort()).toEqual([`folders ${LEDGER_PREFIX}`, ...weeks.slice(-UNSETTLED_WEEKS_READ).map((name) => `get ${unsettledKey(name)}`)].sort());
  });
});
