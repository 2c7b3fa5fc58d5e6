import { createHmac } from 'node:crypto';
import { tokenSecrets } from '../shared/tokenSecrets.js';
import type { Store } from '../store/store.js';
import { CLIENT_LIMIT, CLIENT_WINDOW_MS } from './clientRateLimit.js';
import type { ClientSignupLimit } from './clientSignupLimit.js';
import { StoreSlidingWindow, type WindowAnswer } from './storeSlidingWindow.js';

/**
 * The folder of the clients' records in the subscriber store. Not two hex digits, so no shard's listing (and so no
 * `subscribers list`, send or count) reads it.
 */
export const CLIENT_FOLDER = 'clients/';

/**
 * The signups per client in any window (10 in 10 minutes) in the subscriber store, so that every instance of the
 * subscribe function, warm or cold, counts the same: a StoreSlidingWindow, `clients/<name>/<sequence>.json`, holding
 * the times of the client's signups of the window. Its name is an HMAC of the client's key under the links' signing
 * secret, not the key itself: an IPv4 address's plain hash is found again by hashing all 2^32 of them, and the store
 * keeps no address (README, "What is kept").
 */
export class StoreClientSignupLimit implements ClientSignupLimit {
  private readonly window: StoreSlidingWindow;

  constructor(
    store: Store,
    private readonly secret: string,
    limit = CLIENT_LIMIT,
    windowMs = CLIENT_WINDOW_MS,
  ) {
    this.window = new StoreSlidingWindow(store, CLIENT_FOLDER, limit, windowMs, "a client's");
  }

  take(client: string, nowMs: number): Promise<WindowAnswer> {
    return this.window.take(storedClientName(this.secret, client), nowMs);
  }
}

/** The name of a client's record: 16 hex digits of an HMAC of its key under the signing secret (the first, in a rotation). */
function storedClientName(secret: string, client: string): string {
  return createHmac('sha256', tokenSecrets(secret)[0]!).update(`broadsheet-signup-client\n${client}`).digest('hex').slice(0, 16);
}
