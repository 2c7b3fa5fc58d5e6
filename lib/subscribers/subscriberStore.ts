import type { Subscriber } from './subscriber.js';
import type { InboxSendLimit } from './inboxSendLimit.js';
import type { SignupCap } from './signupCap.js';
import type { ClientSignupLimit } from './clientSignupLimit.js';

/** A record as read, with the version a conditional write must name. */
export interface VersionedSubscriber {
  subscriber: Subscriber;
  version: string;
}

/** The subscriber store port: one record per address, written only if nobody wrote it since it was read. */
export interface SubscriberStore {
  readonly description: string;
  get(id: string): Promise<VersionedSubscriber | undefined>;
  /**
   * Writes `subscriber` if the record is still at `version` (undefined: only if there is none yet).
   * True if written; false if another write came first (read again and retry).
   */
  put(subscriber: Subscriber, version: string | undefined): Promise<boolean>;
  /** Every record (or one shard's, see SUBSCRIBER_SHARDS), one at a time: a list of 100,000 is never held as a whole. */
  list(shard?: string): AsyncIterable<Subscriber>;
  /**
   * Optional: the shards that may hold a record, sorted; a shard left out holds none, so need not be listed (see
   * {@link occupiedShards}).
   */
  shards?(): Promise<readonly string[]>;
  /**
   * Optional: the day's limit of confirmations per inbox kept in this store, where no listing of subscribers reads it,
   * so that it holds across processes; its records are named under `secret` (the links' signing secret). Without it a
   * handler keeps the limit in memory (mailboxSendLimit).
   */
  inboxSendLimit?(secret: string): InboxSendLimit;
  /**
   * Optional: the signups per client kept in this store, where no listing of subscribers reads it, so that it holds
   * across processes; its records are named under `secret` (the links' signing secret). Without it, the handler's
   * limit in memory alone.
   */
  clientSignupLimit?(secret: string): ClientSignupLimit;
  /** Optional: the signups per wider network (networkKey) kept in this store as the clients' are; without it, none. */
  networkSignupLimit?(secret: string): ClientSignupLimit;
  /** Optional: the hourly cap on signups kept in this store, where no listing of subscribers reads it; without it, none. */
  signupCap?(): SignupCap;
  /**
   * Erases every version of the record. With `version` (as `get` gave it), only if the record is still at it: true if
   * erased, false if it was written since (left as written).
   */
  delete(id: string, version?: string): Promise<boolean>;
  /**
   * Erases every version of the record older than `version` (as `get` gave it), which `put` leaves behind when a
   * delete fails: the number erased. Throws if one could not be, so that a caller erasing an address knows.
   */
  eraseOlder(id: string, version: string): Promise<number>;
}
