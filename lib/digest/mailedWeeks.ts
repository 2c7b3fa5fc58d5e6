import { mapLimit } from '../shared/mapLimit.js';
import { listFolders, listPages, type Store, type StoredObject } from '../store/store.js';
import { weekNameProblem } from '../time/weekName.js';
import { LEDGER_KEY, LEDGER_PREFIX, ledgerPrefix, latestRecords } from './ledgerRecords.js';

/**
 * The names of the weeks mailed to subscribers, sorted, from a listing of the output (or of its ledgers): those whose
 * ledger holds a recipient sent or unknown (handed over, maybe delivered); one whose every claim failed or was released
 * sent nothing. A claim neither handed over nor concluded counts as mailed: a listing does not tell one that sent
 * nothing from one made before handovers were written, which may have been delivered; once taken over, it is
 * released. A test copy's ledger (`WEEK.test-HASH/`) is no send to subscribers, and a batch's streak.json or model
 * file records no message.
 */
export function mailedWeeks(listed: readonly StoredObject[]): string[] {
  // Each ledger's keys; null for a ledger that is not a week's send.
  const byLedger = new Map<string, string[] | null>();
  for (const { key } of listed) {
    if (!key.startsWith(LEDGER_PREFIX)) continue;
    const name = key.slice(LEDGER_PREFIX.length, key.indexOf('/', LEDGER_PREFIX.length));
    let keys = byLedger.get(name);
    if (keys === undefined) byLedger.set(name, (keys = weekNameProblem(name) === undefined ? [] : null));
    keys?.push(key);
  }
  const mailed = [...byLedger].filter(([, keys]) => keys !== null && mailedBy(keys) !== undefined);
  return mailed.map(([week]) => week).sort();
}

/** How many weeks' ledgers findMailedWeeks lists at once. */
const WEEKS_AT_ONCE = 8;

/**
 * The weeks mailedWeeks finds in a listing of the whole output, for a reader that makes none (check --out, preview
 * --out), without listing every recipient's records: the ledgers' folders, then each week's records a page at a time
 * (key order keeps a recipient's records together) until one recipient shows it mailed. A mailed week is told by its
 * first page; only a week that sent nothing is listed whole. `confirmed`: weeks known to hold a confirmed send, which
 * keeps a week mailed for good (the ledger is only ever added to), so they are not listed again; each week found
 * so is added, for a caller that asks again (a preview, at each build).
 */
export async function findMailedWeeks(store: Store, confirmed = new Set<string>()): Promise<string[]> {
  const weeks = await ledgerWeeks(store);
  const found = await mapLimit(weeks, WEEKS_AT_ONCE, async (week) => (confirmed.has(week) ? 'sent' : await weekMailed(store, week)));
  for (const [index, week] of weeks.entries()) if (found[index] === 'sent') confirmed.add(week);
  return weeks.filter((_, index) => found[index] !== undefined).sort();
}

/** The weeks the send ledger has a folder for, in listing order; a test copy's ledger (WEEK.test-HASH) is no week's. */
export async function ledgerWeeks(store: Store): Promise<string[]> {
  return (await listFolders(store, LEDGER_PREFIX)).map((folder) => folder.slice(LEDGER_PREFIX.length, -1)).filter((name) => weekNameProblem(name) === undefined);
}

/**
 * The send ledger's weeks, newest first (week names sort as the weeks do): `ledger`, when the caller has listed them
 * already (ledgerWeeks), else listed here.
 */
export async function newestLedgerWeeks(store: Store, ledger?: readonly string[]): Promise<string[]> {
  return [...(ledger ?? (await ledgerWeeks(store)))].sort().reverse();
}

/** How the first recipient the week's ledger shows mailed stands (sent or unknown); undefined when none does. */
async function weekMailed(store: Store, week: string): Promise<MailedBy> {
  // The keys of the recipient being read: one recipient's records are told together, once all are listed.
  let recipient: string | undefined;
  let keys: string[] = [];
  for await (const page of listPages(store, ledgerPrefix(week))) {
    for (const { key } of page) {
      const id = LEDGER_KEY.exec(key)?.[1];
      if (id === undefined) continue;
      if (id !== recipient) {
        const by = mailedBy(keys);
        if (by !== undefined) return by;
        recipient = id;
        keys = [];
      }
      keys.push(key);
    }
  }
  return mailedBy(keys);
}

type MailedBy = 'sent' | 'unknown' | undefined;

/**
 * Whether the keys of a week's ledger (all of each recipient's they hold) show the week mailed: sent when a recipient
 * was, else unknown when one's message may have gone out; undefined when nothing did.
 */
function mailedBy(keys: Iterable<string>): MailedBy {
  const statuses = new Set([...latestRecords(keys).values()].map((record) => record.status));
  return statuses.has('sent') ? 'sent' : statuses.has('unknown') ? 'unknown' : undefined;
}
