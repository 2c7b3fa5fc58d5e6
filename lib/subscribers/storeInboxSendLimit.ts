import { tokenSecrets } from '../shared/tokenSecrets.js';
import type { Store } from '../store/store.js';
import type { InboxSendLimit } from './inboxSendLimit.js';
import { keyedRecordName } from './keyedRecordName.js';
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
 * counts the same links: a StoreSlidingWindow of a day, `inboxes/<name>/<sequence>.json`, holding no address, only the
 * times of the links. Its name is an HMAC of the inbox's hash (deliveryMailbox) under the links' signing secret, as a
 * client's is (StoreClientSignupLimit): a plain hash of the address would let anyone who saw the bucket's listing
 * tell whether an address they hash signed up. `erase` also tries the inbox's plain hash, the name of a record kept by
 * a deployment made before the names were keyed (README, "Upgrading a deployment made before the inboxes' records were
 * keyed").
 */
export class StoreInboxSendLimit implements InboxSendLimit {
  private readonly window: StoreSlidingWindow;

  constructor(
    store: Store,
    private readonly secret: string,
    limit = INBOX_CONFIRMATIONS_PER_DAY,
    windowMs = DAY_MS,
  ) {
    this.window = new StoreSlidingWindow(store, INBOX_FOLDER, limit, windowMs, "an inbox's");
  }

  async allow(inbox: string, nowMs: number): Promise<boolean> {
    return (await this.window.take(this.name(inbox), nowMs)).allowed;
  }

  async forget(inbox: string, atMs: number): Promise<void> {
    await this.window.forget(this.name(inbox), atMs);
  }

  /** The name of an inbox's record (its hash, deliveryMailbox) under the signing secret (the first, in a rotation). */
  private name(inbox: string): string {
    return keyedRecordName(tokenSecrets(this.secret)[0]!, 'inbox', inbox);
  }

  /**
   * Every version of the inbox's record (`subscribers forget`: it is derived from the address): under each secret of a
   * rotation, and under the plain hash (an older deployment's name).
   */
  async erase(inbox: string): Promise<number> {
    const names = new Set([...tokenSecrets(this.secret).map((secret) => keyedRecordName(secret, 'inbox', inbox)), inbox]);
    let erased = 0;
    for (const name of names) erased += await this.window.erase(name);
    return erased;
  }
}
