import { StoreError } from '../shared/errors.js';
import { getWithin, type Store } from '../store/store.js';
import type { InboxSendLimit } from './inboxSendLimit.js';
import { INBOX_CONFIRMATIONS_PER_DAY } from './mailboxSendLimit.js';
import { PENDING_TAGS } from './pendingTags.js';

/**
 * The folder of the inboxes' records in the subscriber store. Not two hex digits, so no shard's listing (and so no
 * `subscribers list`, send or count) reads it: StoreSubscriberStore lists a shard at a time.
 */
export const INBOX_FOLDER = 'inboxes/';
const DAY_MS = 24 * 60 * 60 * 1000;
const INBOX = /^[0-9a-f]{16}$/;
/** A record holds at most a day's few send times; a larger object is not one. */
const MAX_INBOX_RECORD_BYTES = 4096;
/** Writers that lose a race read again; this many losses in a row is a store that keeps changing. */
const ATTEMPTS = 5;

/** What an inbox's record holds: the times (ISO-8601) of the links it was sent in the last day, oldest first. */
interface InboxRecord {
  sent: string[];
}

/**
 * The day's limit per inbox in the subscriber store, so that every instance of the subscribe function, warm or cold,
 * counts the same links: a record `inboxes/<inbox hash>/<sequence>.json` written as the subscriber records are, each
 * version a new object created only if absent (If-None-Match: * on S3), so that of two signups that read the same
 * version only one counts its link, and the other reads again. It holds no address, only the hash and the send
 * times; each write is tagged as a pending signup is, so that S3's lifecycle rule (ExpireUnconfirmedSignups) deletes
 * it days after the last, and a time older than a day counts no more and is dropped at the next write.
 */
export class StoreInboxSendLimit implements InboxSendLimit {
  constructor(
    private readonly store: Store,
    private readonly limit = INBOX_CONFIRMATIONS_PER_DAY,
    private readonly windowMs = DAY_MS,
  ) {}

  async allow(inbox: string, nowMs: number): Promise<boolean> {
    let allowed = false;
    await this.change(inbox, (sent) => {
      const recent = sent.filter((at) => Date.parse(at) > nowMs - this.windowMs);
      allowed = recent.filter((at) => Date.parse(at) <= nowMs).length < this.limit;
      return allowed ? [...recent, new Date(nowMs).toISOString()] : undefined;
    });
    return allowed;
  }

  async forget(inbox: string, atMs: number): Promise<void> {
    const at = new Date(atMs).toISOString();
    await this.change(inbox, (sent) => {
      const i = sent.lastIndexOf(at);
      return i < 0 ? undefined : [...sent.slice(0, i), ...sent.slice(i + 1)];
    });
  }

  /** Every version of the inbox's record (`subscribers forget`: it is derived from the address). */
  async erase(inbox: string): Promise<number> {
    const keys = (await this.store.list(this.folder(inbox))).map((object) => object.key);
    await Promise.all(keys.map((key) => this.store.delete(key)));
    return keys.length;
  }

  private folder(inbox: string): string {
    if (!INBOX.test(inbox)) throw new StoreError(`${JSON.stringify(inbox)} is not an inbox's hash`);
    return `${INBOX_FOLDER}${inbox}/`;
  }

  /** Reads the record, and writes what `next` makes of it (undefined: nothing to write) as its next version. */
  private async change(inbox: string, next: (sent: readonly string[]) => string[] | undefined): Promise<void> {
    const folder = this.folder(inbox);
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const keys = (await this.store.list(folder)).map((object) => object.key).filter((key) => /^\d{10}\.json$/.test(key.slice(folder.length)));
      const latest = keys.at(-1);
      const record = latest === undefined ? { sent: [] } : await this.read(latest);
      // Superseded between the listing and the read: its writer deleted it after writing the next.
      if (record === undefined) continue;
      const sent = next(record.sent);
      if (sent === undefined) return;
      const key = `${folder}${String((latest === undefined ? 0 : Number(latest.slice(folder.length, -'.json'.length))) + 1).padStart(10, '0')}.json`;
      if (!(await this.store.putIfAbsent(key, `${JSON.stringify({ sent } satisfies InboxRecord)}\n`, { contentType: 'application/json', tags: PENDING_TAGS }))) continue;
      // The older versions are superseded; one left behind by a failed delete is never read (the newest wins).
      await Promise.all(keys.map((old) => this.store.delete(old).catch(() => undefined)));
      return;
    }
    throw new StoreError(`${this.store.description}${folder} kept changing while it was being written; try again`);
  }

  private async read(key: string): Promise<InboxRecord | undefined> {
    const bytes = await getWithin(this.store, key, MAX_INBOX_RECORD_BYTES);
    if (bytes === undefined) return undefined;
    const damaged = `${this.store.description}${key} is not an inbox's record`;
    if (typeof bytes === 'number') throw new StoreError(`${damaged} (${bytes.toLocaleString('en')} bytes, more than one can be): delete it`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(bytes.toString('utf8'));
    } catch (error) {
      throw new StoreError(`${damaged} (not JSON): delete it`, { cause: error });
    }
    const sent = (parsed as Partial<InboxRecord> | null)?.sent;
    if (!Array.isArray(sent) || !sent.every((at) => typeof at === 'string' && !Number.isNaN(Date.parse(at)))) throw new StoreError(`${damaged} (its sent times are wrong): delete it`);
    return { sent };
  }
}
