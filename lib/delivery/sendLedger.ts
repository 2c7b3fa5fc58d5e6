import { randomBytes } from 'node:crypto';
import { STATE_DIR } from '../shared/outputLayout.js';
import type { Store, StoredObject } from '../store/store.js';
import { weekNameProblem } from '../time/weekName.js';

export const LEDGER_PREFIX = `${STATE_DIR}digest-ledger/`;

/** The folder of one ledger: a week's send (`YYYY-Www`), or a test copy's (`YYYY-Www.test-HASH`, lib/delivery/digestDelivery.ts). */
export function ledgerPrefix(ledgerName: string): string {
  return `${LEDGER_PREFIX}${ledgerName}/`;
}

/**
 * sent: confirmed. failed: the transport refused it, so it was not sent. released: the transport was down, so
 * it was not sent either. unknown: claimed, never confirmed, so maybe delivered.
 */
export type LedgerStatus = 'sent' | 'failed' | 'released' | 'unknown';

export interface LedgerRecord {
  /** The latest attempt, from 1. */
  attempt: number;
  status: LedgerStatus;
}

type Kind = 'claim' | 'sent' | 'failed' | 'released';
const KEY = /\/([0-9a-f]{32})\/(\d+)\.(claim|sent|failed|released)\.json$/;
const JSON_TYPE = { contentType: 'application/json; charset=utf-8', cacheControl: 'no-store' };

/**
 * The send ledger of one week: exactly once per recipient. Before sending, a run claims (recipient, attempt)
 * with Store.putIfAbsent, which only one writer can win (S3: If-None-Match: *; locally O_EXCL); after the
 * transport accepts the message it writes the confirmation. A claim without a confirmation is a run that
 * died or lost its connection mid-send: the message may have gone out, so it is reported as unknown and
 * never sent again. A refusal is recorded as failed, and a claim given back because the transport was down
 * (nothing went out) as released; a later run retries either under the next attempt number. Only ever
 * creating objects, never deleting, lets the function's role be put-only. Keys hold a hash of the address,
 * never the address.
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
   * one listing each (a batch never lists the records of the whole list).
   */
  async load(ids: readonly string[] = []): Promise<Map<string, LedgerRecord>> {
    const week = ledgerPrefix(this.weekName);
    const listings = this.perRecipient ? ids.map((id) => `${week}${id}/`) : [week];
    const objects = [];
    for (const prefix of listings) objects.push(...(await this.store.list(prefix)));
    return latestRecords(objects.map((object) => object.key));
  }

  /** True when this run won the attempt and may send; false when another run holds it. */
  async claim(id: string, attempt: number, note: Record<string, unknown>): Promise<boolean> {
    const key = this.key(id, attempt, 'claim');
    // A token of this claim alone: a create-only PUT that S3 carried out but whose answer was lost is retried
    // by the SDK and meets 412 on this very claim, which is then known as this run's, not another's.
    const text = JSON.stringify({ ...note, claim: randomBytes(12).toString('hex') });
    if (await this.store.putIfAbsent(key, text, JSON_TYPE)) return true;
    return (await this.store.get(key))?.toString('utf8') === text;
  }

  async confirm(id: string, attempt: number, note: Record<string, unknown>): Promise<void> {
    await this.store.put(this.key(id, attempt, 'sent'), JSON.stringify(note), JSON_TYPE);
  }

  async fail(id: string, attempt: number, note: Record<string, unknown>): Promise<void> {
    await this.store.put(this.key(id, attempt, 'failed'), JSON.stringify(note), JSON_TYPE);
  }

  /** Gives the claim back: nothing was sent under it. */
  async release(id: string, attempt: number, note: Record<string, unknown>): Promise<void> {
    await this.store.put(this.key(id, attempt, 'released'), JSON.stringify(note), JSON_TYPE);
  }
}

/** Each recipient's latest attempt, from the keys of one ledger. */
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
 * ledger holds a recipient sent or unknown (claimed, maybe delivered); one whose every claim failed or was released
 * sent nothing. A test copy's ledger (`WEEK.test-HASH/`) is no send to subscribers, and a batch's streak.json or
 * model file records no message.
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
  const mailed = [...byLedger].filter(([, keys]) => keys !== null && [...latestRecords(keys).values()].some((record) => record.status === 'sent' || record.status === 'unknown'));
  return mailed.map(([week]) => week).sort();
}
