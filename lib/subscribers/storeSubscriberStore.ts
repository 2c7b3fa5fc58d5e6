import { StoreError } from '../shared/errors.js';
import { getWithin, listPages, type Store } from '../store/store.js';
import { SUBSCRIBER_STATUSES, type Subscriber } from './subscriber.js';
import type { SubscriberStore, VersionedSubscriber } from './subscriberStore.js';
import { shardsListed } from './occupiedShards.js';
import { isSubscriberShard } from './subscriberShards.js';
import { PENDING_TAGS } from './pendingTags.js';
import { StoreInboxSendLimit } from './storeInboxSendLimit.js';
import type { InboxSendLimit } from './inboxSendLimit.js';
import { StoreSignupCap } from './storeSignupCap.js';
import type { SignupCap } from './signupCap.js';
import { StoreClientSignupLimit, storeNetworkSignupLimit } from './storeClientSignupLimit.js';
import type { ClientSignupLimit } from './clientSignupLimit.js';

const JSON_TYPE = { contentType: 'application/json' };
const ID = /^[0-9a-f]{40}$/;
/** The keys `shards` reads at most: one S3 LIST's page. */
const SHARD_SCAN_KEYS = 1000;
/**
 * What a conditional delete writes as the version after the one it erases (see delete): no address, no status, only
 * that the record was erased. Tagged as a pending record is, so that S3's lifecycle rule expires it days later.
 */
const TOMBSTONE = '{"erased":true}\n';
const ERASED = Symbol('erased');
/**
 * The largest subscriber record read: one is a few hundred bytes, with a tag slug for each topic chosen. A larger
 * object (a junk upload to the private prefix) is damaged, and never downloaded: read whole, it would hold a send
 * or a signup until the store's timeouts.
 */
export const MAX_SUBSCRIBER_RECORD_BYTES = 1024 * 1024;

/**
 * The subscriber store on the Store port: a local folder, or S3 objects under a private prefix of the content
 * bucket (never the served site bucket). Each write creates a new object `<id>/<sequence>.json` with the store's
 * create-only write (O_EXCL locally, If-None-Match: * on S3), so of two writers that read the same version only
 * one can write the next: a conditional write without a lock. Older versions are deleted once superseded. A conditional
 * delete leaves a tombstone as the next version, which no writer of the version erased can then write; the record is
 * absent to every reader, and a new record is written after it.
 */
export class StoreSubscriberStore implements SubscriberStore {
  readonly description: string;

  constructor(private readonly store: Store) {
    this.description = store.description;
  }

  async get(id: string): Promise<VersionedSubscriber | undefined> {
    const latest = (await this.versionKeys(checkedId(id))).at(-1);
    if (!latest) return undefined;
    const subscriber = await this.read(latest);
    return subscriber && subscriber !== ERASED ? { subscriber, version: sequenceOf(latest) } : undefined;
  }

  async put(subscriber: Subscriber, version: string | undefined): Promise<boolean> {
    const id = checkedId(subscriber.id);
    let read = version === undefined ? 0 : Number(version);
    if (version === undefined) {
      // No record: none yet, or an erased one, whose tombstone the new record follows; one written since is a conflict.
      const latest = (await this.versionKeys(id)).at(-1);
      if (latest !== undefined && (await this.read(latest)) !== ERASED) return false;
      if (latest !== undefined) read = Number(sequenceOf(latest));
    }
    const key = versionKey(id, read + 1);
    const created = await this.store.putIfAbsent(key, `${JSON.stringify(subscriber)}\n`, subscriber.status === 'pending' ? { ...JSON_TYPE, tags: PENDING_TAGS } : JSON_TYPE);
    if (!created) return false;
    const keys = await this.versionKeys(id);
    // A tombstone after this version: the version read was erased meanwhile, and this one, written in its place, goes too.
    for (const newer of keys.filter((k) => k > key)) {
      if ((await this.read(newer)) !== ERASED) continue;
      await this.store.delete(key);
      return false;
    }
    // The older versions are superseded; one left behind by a failed delete is never read (the newest wins).
    const older = keys.filter((k) => k < key);
    await Promise.all(older.map((k) => this.store.delete(k).catch(() => undefined)));
    return true;
  }

  /** The day's limit per inbox, in this store beside the records (StoreInboxSendLimit): every instance counts the same links. */
  inboxSendLimit(secret: string): InboxSendLimit {
    return new StoreInboxSendLimit(this.store, secret);
  }

  /** The signups per client, in this store beside the records (StoreClientSignupLimit): every instance counts the same signups. */
  clientSignupLimit(secret: string): ClientSignupLimit {
    return new StoreClientSignupLimit(this.store, secret);
  }

  /** The signups per wider network, in this store beside the clients' (storeNetworkSignupLimit). */
  networkSignupLimit(secret: string): ClientSignupLimit {
    return storeNetworkSignupLimit(this.store, secret);
  }

  /** The hourly cap on signups, in this store beside the records (StoreSignupCap): every instance counts the same signups. */
  signupCap(): SignupCap {
    return new StoreSignupCap(this.store);
  }

  async *list(shard?: string): AsyncIterable<Subscriber> {
    if (shard !== undefined && !isSubscriberShard(shard)) throw new StoreError(`${JSON.stringify(shard)} is not a subscriber shard (two hex digits)`);
    // A shard at a time (those that may hold a record): only one shard's keys are held while its records are read.
    for (const prefix of shard === undefined ? await this.shards() : [shard]) {
      const keys = (await this.store.list(prefix)).map((object) => object.key).filter(isVersionKey);
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i]!;
        // Keys are sorted: the last of each id's run is its newest version.
        if (i + 1 < keys.length && idOf(keys[i + 1]!) === idOf(key)) continue;
        const subscriber = await this.read(key);
        if (subscriber && subscriber !== ERASED) yield subscriber;
      }
    }
  }

  /**
   * The shards that may hold a record, from the start of one listing of the whole store, no further than a page of
   * S3's (one LIST): a store of a few subscribers is then listed only in the shards that hold any, not in all 256.
   * One larger than that page lists the shards of the keys read and every shard from the last one's on.
   */
  async shards(): Promise<string[]> {
    const keys: string[] = [];
    let complete = true;
    for await (const page of listPages(this.store, '')) {
      for (const object of page) keys.push(object.key);
      if (keys.length >= SHARD_SCAN_KEYS) {
        complete = false;
        break;
      }
    }
    return shardsListed(keys, complete);
  }

  async delete(id: string, version?: string): Promise<boolean> {
    const keys = (await this.store.list(`${checkedId(id)}/`)).map((object) => object.key);
    if (version === undefined) {
      for (const key of keys) await this.store.delete(key);
      return true;
    }
    // Conditional without a conditional request: a version's object is created once and never rewritten, so a write
    // since `version` is a newer key, which this leaves alone. The tombstone takes the next key first: a writer that
    // read `version` (a signup) can then no longer write it, which would bring the record back once these went.
    const read = versionKey(id, Number(version));
    if (keys.some((key) => isVersionKey(key) && key > read)) return false;
    if (!(await this.store.putIfAbsent(versionKey(id, Number(version) + 1), TOMBSTONE, { ...JSON_TYPE, tags: PENDING_TAGS }))) return false;
    for (const key of keys) if (!isVersionKey(key) || key <= read) await this.store.delete(key);
    return true;
  }

  async eraseOlder(id: string, version: string): Promise<number> {
    const read = versionKey(checkedId(id), Number(version));
    const older = (await this.store.list(`${id}/`)).map((object) => object.key).filter((key) => isVersionKey(key) && key < read);
    for (const key of older) await this.store.delete(key);
    return older.length;
  }

  private async versionKeys(id: string): Promise<string[]> {
    return (await this.store.list(`${id}/`)).map((object) => object.key).filter(isVersionKey);
  }

  /** The record a version holds, ERASED for a tombstone, or undefined once it is gone. */
  private async read(key: string): Promise<Subscriber | typeof ERASED | undefined> {
    const bytes = await getWithin(this.store, key, MAX_SUBSCRIBER_RECORD_BYTES);
    if (bytes === undefined) return undefined;
    if (bytes instanceof Buffer && bytes.toString('utf8') === TOMBSTONE) return ERASED;
    if (typeof bytes === 'number') throw new StoreError(`${this.description}${key} is not a subscriber record (${bytes.toLocaleString('en')} bytes, more than one can be): restore it or delete its folder`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(bytes.toString('utf8'));
    } catch (error) {
      throw new StoreError(`${this.description}${key} is not a subscriber record (not JSON): restore it or delete its folder`, { cause: error });
    }
    const record = parsed as Subscriber;
    if (typeof record !== 'object' || record === null || record.id !== idOf(key) || !SUBSCRIBER_STATUSES.includes(record.status) || !Array.isArray(record.tags)) {
      throw new StoreError(`${this.description}${key} is not a subscriber record (id, status or tags wrong): restore it or delete its folder`);
    }
    return record;
  }
}

function checkedId(id: string): string {
  if (!ID.test(id)) throw new StoreError(`${JSON.stringify(id)} is not a subscriber id`);
  return id;
}

function versionKey(id: string, sequence: number): string {
  return `${id}/${String(sequence).padStart(10, '0')}.json`;
}

function isVersionKey(key: string): boolean {
  return /^[0-9a-f]{40}\/\d{10}\.json$/.test(key);
}

function idOf(key: string): string {
  return key.slice(0, key.indexOf('/'));
}

function sequenceOf(key: string): string {
  return String(Number(key.slice(key.indexOf('/') + 1, -'.json'.length)));
}
