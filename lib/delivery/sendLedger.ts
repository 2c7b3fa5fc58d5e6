import { DateTime } from 'luxon';
import { randomBytes } from 'node:crypto';
import { STATE_DIR } from '../shared/outputLayout.js';
import { mapLimit } from '../shared/mapLimit.js';
import { getWithin, listFolders, listPages, type Store, type StoredObject } from '../store/store.js';
import { weekNameProblem } from '../time/weekName.js';

export const LEDGER_PREFIX = `${STATE_DIR}digest-ledger/`;

/** The folder of one ledger: a week's send (`YYYY-Www`), or a test copy's (`YYYY-Www.test-HASH`, lib/delivery/digestDelivery.ts). */
export function ledgerPrefix(ledgerName: string): string {
  return `${LEDGER_PREFIX}${ledgerName}/`;
}

/**
 * sent: confirmed. failed: the transport refused it, so it was not sent. released: the transport was down, or the
 * attempt was withdrawn before its message was handed over, so it was not sent either. unknown: handed over (or
 * claimed by a version of Broadsheet that wrote no handovers), never confirmed, so maybe delivered. unhanded: claimed
 * by a run that never handed the message over, nothing sent: the run died before, or is still sending.
 */
export type LedgerStatus = 'sent' | 'failed' | 'released' | 'unknown' | 'unhanded';

export interface LedgerRecord {
  /** The latest attempt, from 1. */
  attempt: number;
  status: LedgerStatus;
}

type Kind = 'claim' | 'handover' | 'sent' | 'failed' | 'released';
const KEY = /\/([0-9a-f]{32})\/(\d+)\.(claim|handover|sent|failed|released)\.json$/;
/** How every object under the ledger's prefix is stored: JSON, never cached (each read must see the last write). */
export const LEDGER_JSON = { contentType: 'application/json; charset=utf-8', cacheControl: 'no-store' };
/** In a claim's note: its run writes a handover before the message can be delivered; a claim without it (older) never does. */
const WRITES_HANDOVER = 'handover';
/** The largest ledger record read: a record is a few hundred bytes. */
const MAX_RECORD_BYTES = 64 * 1024;

/**
 * The send ledger of one week: exactly once per recipient. Before sending, a run claims (recipient, attempt)
 * with Store.putIfAbsent, which only one writer can win (S3: If-None-Match: *; locally O_EXCL). At the last
 * moment its message can still be withdrawn (the transport's beforeHandOver: before the SMTP end-of-data dot, the
 * SES request, the outbox write) it writes the attempt's handover, create-only too; after the transport accepts
 * the message, the confirmation. A handover without a confirmation is a run that died or lost its connection
 * mid-send: the message may have gone out, so it is reported as unknown and never sent again. A claim without a
 * handover sent nothing (RFC 5321 §4.1.1.4: a transaction cut before the dot delivers nothing): another run takes
 * the attempt over by writing its handover first, as withdrawn, which the claimant can then never write, and sends
 * under the next attempt. A refusal is recorded as failed, and a claim given back because the transport was down
 * (nothing went out) as released; a later run retries either under the next attempt number. Only ever creating
 * objects, never deleting, lets the function's role be put-only. Keys hold a hash of the address, never the address.
 */
export class SendLedger {
  constructor(
    readonly store: Store,
    readonly weekName: string,
    /** Read each recipient's own records instead of listing the week's whole ledger: for a batch of a large list. */
    readonly perRecipient = false,
  ) {}

  private key(id: string, attempt: number, kind: Kind): string {
    return `${ledgerPrefix(this.weekName)}${id}/${attempt}.${kind}.json`;
  }

  /**
   * Every recipient's latest attempt, from one listing; or, for a per-recipient ledger, those of `ids` only,
   * one listing each (a batch never lists the records of the whole list). An attempt claimed and never concluded
   * is read (its claim, or its handover) to tell unknown from unhanded.
   */
  async load(ids: readonly string[] = []): Promise<Map<string, LedgerRecord>> {
    const week = ledgerPrefix(this.weekName);
    const listings = this.perRecipient ? ids.map((id) => `${week}${id}/`) : [week];
    const keys: string[] = [];
    for (const prefix of listings) keys.push(...(await this.store.list(prefix)).map((object) => object.key));
    const records = latestRecords(keys);
    const present = new Set(keys);
    for (const [id, record] of records) {
      if (record.status !== 'unknown') continue;
      const handover = this.key(id, record.attempt, 'handover');
      if (present.has(handover)) {
        if ((await this.readNote(handover))?.withdrawn === true) record.status = 'released';
      } else if ((await this.readNote(this.key(id, record.attempt, 'claim')))?.[WRITES_HANDOVER] === true) record.status = 'unhanded';
    }
    return records;
  }

  /** True when this run won the attempt and may send; false when another run holds it. */
  async claim(id: string, attempt: number, note: Record<string, unknown>): Promise<boolean> {
    return this.createOnce(this.key(id, attempt, 'claim'), { ...note, [WRITES_HANDOVER]: true });
  }

  /**
   * Just before the claimed attempt's message is handed over: true when this run wrote the handover and may let the
   * message go; false when another run withdrew the attempt first (the message must not go out).
   */
  async handOver(id: string, attempt: number, note: Record<string, unknown>): Promise<boolean> {
    return this.createOnce(this.key(id, attempt, 'handover'), note);
  }

  /**
   * Takes over an unhanded attempt of another run: true when this run withdrew it (that run can no longer hand its
   * message over, and the attempt is released); false when that run handed it over first, or another withdrew it.
   */
  async withdraw(id: string, attempt: number, note: Record<string, unknown>): Promise<boolean> {
    if (!(await this.createOnce(this.key(id, attempt, 'handover'), { ...note, withdrawn: true }))) return false;
    // A listing then shows it released; should this write fail, a load reads the handover instead.
    await this.release(id, attempt, { ...note, reason: 'withdrawn: claimed by a run that never handed its message over' }).catch(() => undefined);
    return true;
  }

  /** When the attempt's message was handed over, as its handover records it (a version before this one recorded no time). */
  async handedAt(id: string, attempt: number): Promise<DateTime | undefined> {
    const at = (await this.readNote(this.key(id, attempt, 'handover')))?.handedAt;
    const time = typeof at === 'string' ? DateTime.fromISO(at, { zone: 'utc' }) : undefined;
    return time?.isValid ? time : undefined;
  }

  async confirm(id: string, attempt: number, note: Record<string, unknown>): Promise<void> {
    await this.store.put(this.key(id, attempt, 'sent'), JSON.stringify(note), LEDGER_JSON);
  }

  async fail(id: string, attempt: number, note: Record<string, unknown>): Promise<void> {
    await this.store.put(this.key(id, attempt, 'failed'), JSON.stringify(note), LEDGER_JSON);
  }

  /** Gives the claim back: nothing was sent under it. */
  async release(id: string, attempt: number, note: Record<string, unknown>): Promise<void> {
    await this.store.put(this.key(id, attempt, 'released'), JSON.stringify(note), LEDGER_JSON);
  }

  /** A create-only write: true when this run made the record, false when another's was there first. */
  private async createOnce(key: string, note: Record<string, unknown>): Promise<boolean> {
    // A token of this record alone: a create-only PUT that S3 carried out but whose answer was lost is retried
    // by the SDK and meets 412 on this very record, which is then known as this run's, not another's.
    const text = JSON.stringify({ ...note, token: randomBytes(12).toString('hex') });
    if (await this.store.putIfAbsent(key, text, LEDGER_JSON)) return true;
    return (await this.store.get(key))?.toString('utf8') === text;
  }

  private async readNote(key: string): Promise<Record<string, unknown> | undefined> {
    const bytes = await getWithin(this.store, key, MAX_RECORD_BYTES);
    if (!Buffer.isBuffer(bytes)) return undefined;
    try {
      const note: unknown = JSON.parse(bytes.toString('utf8'));
      return typeof note === 'object' && note !== null ? (note as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  }
}

/**
 * Each recipient's latest attempt, from the keys of one ledger. An attempt claimed and not concluded is unknown here:
 * telling one never handed over (unhanded) or withdrawn (released) takes reading it (SendLedger.load).
 */
function latestRecords(keys: Iterable<string>): Map<string, LedgerRecord> {
  const found = new Map<string, Map<number, Set<string>>>();
  for (const key of keys) {
    const match = KEY.exec(key);
    if (!match) continue;
    const attempts = found.get(match[1]!) ?? new Map<number, Set<string>>();
    found.set(match[1]!, attempts);
    const kinds = attempts.get(Number(match[2])) ?? new Set<string>();
    attempts.set(Number(match[2]), kinds.add(match[3]!));
  }
  const records = new Map<string, LedgerRecord>();
  for (const [id, attempts] of found) {
    // A sent attempt settles it, whatever came later.
    if ([...attempts.values()].some((kinds) => kinds.has('sent'))) {
      records.set(id, { attempt: Math.max(...attempts.keys()), status: 'sent' });
      continue;
    }
    const attempt = Math.max(...attempts.keys());
    const kinds = attempts.get(attempt)!;
    records.set(id, { attempt, status: kinds.has('failed') ? 'failed' : kinds.has('released') ? 'released' : 'unknown' });
  }
  return records;
}

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

/** How the first recipient the week's ledger shows mailed stands (sent or unknown); undefined when none does. */
async function weekMailed(store: Store, week: string): Promise<MailedBy> {
  // The keys of the recipient being read: one recipient's records are told together, once all are listed.
  let recipient: string | undefined;
  let keys: string[] = [];
  for await (const page of listPages(store, ledgerPrefix(week))) {
    for (const { key } of page) {
      const id = KEY.exec(key)?.[1];
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
