import { StoreError } from '../shared/errors.js';
import { getWithin, type Store } from '../store/store.js';
import { PENDING_TAGS } from './pendingTags.js';
import { slidingWindowWait } from './slidingWindowWait.js';

/** What a sliding window answers: taken (and counted), or refused until its oldest time counted leaves the window. */
export type WindowAnswer = { allowed: true } | { allowed: false; retryAfterMs: number };

const NAME = /^[0-9a-f]{16}$/;
/**
 * A record holds at most its limit's times of a window (an ISO-8601 time, quoted, is 27 bytes), and a few ahead of the
 * clock: twice that, and a margin, is the most one can be; a larger object is not one.
 */
const RECORD_MARGIN_BYTES = 4096;
const BYTES_PER_TIME = 64;
/**
 * Writers that lose a race read again; this many losses in a row (or one more than the limit, if more: of takers at
 * once, no more than the limit can win before a taker reads a full window and is refused) is a store that keeps changing.
 */
const ATTEMPTS = 5;

/** What a record holds: the times (ISO-8601) counted in the last window, in the order they were written. */
interface WindowRecord {
  sent: string[];
}

/**
 * A sliding window per name (a 16-hex-digit hash) in the subscriber store, so that every instance of the subscribe
 * function, warm or cold, counts the same times: a record `<folder><name>/<sequence>.json` written as the subscriber
 * records are, each version a new object created only if absent (If-None-Match: * on S3), so that of two takers that
 * read the same version only one counts, and the other reads again. It holds the name and the times, nothing else;
 * each write is tagged as a pending signup is, so that S3's lifecycle rule (ExpireUnconfirmedSignups) deletes it days
 * after the last, and a time older than the window counts no more and is dropped at the next write. `what` names a
 * record in errors ("an inbox's"). A time is taken when fewer than `limit` fall in the `windowMs` before it, so no span
 * of that length ever holds more (slidingWindowWait, as ClientRateLimit in memory).
 */
export class StoreSlidingWindow {
  constructor(
    private readonly store: Store,
    private readonly folder: string,
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly what: string,
  ) {}

  /** Counts `nowMs` for `name` if fewer than the limit fall in the window before it; a refusal costs no write. */
  async take(name: string, nowMs: number): Promise<WindowAnswer> {
    let answer: WindowAnswer = { allowed: true };
    await this.change(name, (sent) => {
      // A time ahead of this clock (another instance's) is kept, not counted.
      const kept = sent.filter((at) => Date.parse(at) > nowMs - this.windowMs);
      const wait = slidingWindowWait(kept.map((at) => Date.parse(at)), nowMs, this.limit, this.windowMs);
      if (wait === 0) {
        answer = { allowed: true };
        return [...kept, new Date(nowMs).toISOString()];
      }
      answer = { allowed: false, retryAfterMs: wait };
      return undefined;
    });
    return answer;
  }

  /** Takes back the time counted at `atMs` (a link not sent after all); a time never counted changes nothing. */
  async forget(name: string, atMs: number): Promise<void> {
    const at = new Date(atMs).toISOString();
    await this.change(name, (sent) => {
      const i = sent.lastIndexOf(at);
      return i < 0 ? undefined : [...sent.slice(0, i), ...sent.slice(i + 1)];
    });
  }

  /** Every version of the name's record: the number of objects erased. */
  async erase(name: string): Promise<number> {
    const keys = (await this.store.list(this.folderOf(name))).map((object) => object.key);
    await Promise.all(keys.map((key) => this.store.delete(key)));
    return keys.length;
  }

  private folderOf(name: string): string {
    if (!NAME.test(name)) throw new StoreError(`${JSON.stringify(name)} is not ${this.what} hash`);
    return `${this.folder}${name}/`;
  }

  /** Reads the record, and writes what `next` makes of it (undefined: nothing to write) as its next version. */
  private async change(name: string, next: (sent: readonly string[]) => string[] | undefined): Promise<void> {
    const folder = this.folderOf(name);
    for (let attempt = 0; attempt < Math.max(ATTEMPTS, this.limit + 1); attempt++) {
      const keys = (await this.store.list(folder)).map((object) => object.key).filter((key) => /^\d{10}\.json$/.test(key.slice(folder.length)));
      const latest = keys.at(-1);
      const record = latest === undefined ? { sent: [] } : await this.read(latest);
      // Superseded between the listing and the read: its writer deleted it after writing the next.
      if (record === undefined) continue;
      const sent = next(record.sent);
      if (sent === undefined) return;
      const key = `${folder}${String((latest === undefined ? 0 : Number(latest.slice(folder.length, -'.json'.length))) + 1).padStart(10, '0')}.json`;
      if (!(await this.store.putIfAbsent(key, `${JSON.stringify({ sent } satisfies WindowRecord)}\n`, { contentType: 'application/json', tags: PENDING_TAGS }))) continue;
      // The older versions are superseded; one left behind by a failed delete is never read (the newest wins).
      await Promise.all(keys.map((old) => this.store.delete(old).catch(() => undefined)));
      return;
    }
    throw new StoreError(`${this.store.description}${folder} kept changing while it was being written; try again`);
  }

  private async read(key: string): Promise<WindowRecord | undefined> {
    const bytes = await getWithin(this.store, key, RECORD_MARGIN_BYTES + this.limit * BYTES_PER_TIME);
    if (bytes === undefined) return undefined;
    const damaged = `${this.store.description}${key} is not ${this.what} record`;
    if (typeof bytes === 'number') throw new StoreError(`${damaged} (${bytes.toLocaleString('en')} bytes, more than one can be): delete it`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(bytes.toString('utf8'));
    } catch (error) {
      throw new StoreError(`${damaged} (not JSON): delete it`, { cause: error });
    }
    const sent = (parsed as Partial<WindowRecord> | null)?.sent;
    if (!Array.isArray(sent) || !sent.every((at) => typeof at === 'string' && !Number.isNaN(Date.parse(at)))) throw new StoreError(`${damaged} (its sent times are wrong): delete it`);
    return { sent };
  }
}
