import type { Store } from '../store/store.js';
import type { InboxSendLimit } from './inboxSendLimit.js';
import { INBOX_CONFIRMATIONS_PER_DAY } from './mailboxSendLimit.js';
import { StoreSlidingWindow } from './storeSlidingWindow.js';

/**
 * The folder of the inboxes' records in the subscriber store. Not two hex digits, so no shard's listing (and so no
 * `subscribers list`, send or count) reads it: StoreSubscriberStore lists a shard at a time.
 */
export const INBOX_FOLDER = 'inboxes/';
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The day's limit per inbox in the subscriber store, so that every instance of the subscribe function, warm or cold,
 * counts the same links: a StoreSlidingWindow of a day, `inboxes/<inbox hash>/<sequence>.json`, holding no address,
 * only the hash and the send times.
 */
export class StoreInboxSendLimit implements InboxSendLimit {
  private readonly window: StoreSlidingWindow;

  constructor(store: Store, limit = INBOX_CONFIRMATIONS_PER_DAY, windowMs = DAY_MS) {
    this.window = new StoreSlidingWindow(store, INBOX_FOLDER, limit, windowMs, "an inbox's");
  }

  async allow(inbox: string, nowMs: number): Promise<boolean> {
    return (await this.window.take(inbox, nowMs)).allowed;
  }

  async forget(inbox: string, atMs: number): Promise<void> {
    await this.window.forget(inbox, atMs);
  }

  /** Every version of the inbox's record (`subscribers forget`: it is derived from the address). */
  async erase(inbox: string): Promise<number> {
    return this.window.erase(inbox);
  }
}
