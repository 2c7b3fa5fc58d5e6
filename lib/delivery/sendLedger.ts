import { DateTime } from 'luxon';
import { randomBytes } from 'node:crypto';
import { latestRecords, ledgerPrefix, type LedgerRecord, type LedgerRecordKind } from '../digest/ledgerRecords.js';
import { getWithin, type Store } from '../store/store.js';

/** How every object under the ledger's prefix is stored: JSON, never cached (each read must see the last write). */
export const LEDGER_JSON = { contentType: 'application/json; charset=utf-8', cacheControl: 'no-store' };
/** In a claim's note: its run writes a handover before the message can be delivered; a claim without it (older) never does. */
const WRITES_HANDOVER = 'handover';
/** The largest ledger record read: a record is a few hundred bytes. */
const MAX_RECORD_BYTES = 64 * 1024;

/**
 * The store requests reading one recipient's records in the ledger (SendLedger.load) makes at most: the listing of its
 * records, and a read of its latest attempt's claim or handover when that attempt is not concluded. A whole week's
 * ledger (the CLI's, a list in one process) is counted as one recipient's: its pages and reads are not.
 */
export const LEDGER_READ_REQUESTS = 2;

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

  private key(id: string, attempt: number, kind: LedgerRecordKind): string {
    return `${ledgerPrefix(this.weekName)}${id}/${attempt}.${kind}.json`;
  }

  /**
   * Every recipient's latest attempt, from one listing; or, for a per-recipient ledger, those of `ids` only,
   * one listing each (a batch never lists the records of the whole list). An attempt claimed and never concluded
   * is read (its claim, or its handover) to tell unknown from unhanded.
   */
  async load(ids: readonly string[] = []): Promise<Map<string, LedgerRecord>> {
    const week = ledgerPrefix(this.weekName);
    return this.loadListed(this.perRecipient ? ids.map((id) => `${week}${id}/`) : [week]);
  }

  /** The latest attempts of the recipients of one subscriber shard (their ids' first two hex digits), as load reads them: one listing of theirs alone. */
  async loadShard(shard: string): Promise<Map<string, LedgerRecord>> {
    return this.loadListed([`${ledgerPrefix(this.weekName)}${shard}`]);
  }

  private async loadListed(listings: readonly string[]): Promise<Map<string, LedgerRecord>> {
    const keys: string[] = [];
    for (const prefix of listings) keys.push(...(await this.store.list(prefix)).map((object) => object.key));
    const records = latestRecords(keys);
    const present = new Set(keys);
    for (const [id, record] of records) {
      if (record.status !== 'unknown') continue;
      const handover = this.key(id, record.attempt, 'handover');
      if (present.has(handover)) {
        const note = await this.readNote(handover);
        if (note?.withdrawn === true) record.status = 'released';
        else if (typeof note?.handedAt === 'string') record.handedAt = note.handedAt;
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
