import { tokenSecrets } from '../shared/tokenSecrets.js';
import type { Store } from '../store/store.js';
import { CLIENT_LIMIT, CLIENT_WINDOW_MS } from './clientRateLimit.js';
import type { ClientSignupLimit } from './clientSignupLimit.js';
import { keyedRecordName } from './keyedRecordName.js';
import { NETWORK_LIMIT, NETWORK_WINDOW_MS } from './networkLimitFor.js';
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
 * keeps no address (README, "What is kept"). Of `kind` network, the same for a wider network's signups
 * (storeNetworkSignupLimit).
 */
export class StoreClientSignupLimit implements ClientSignupLimit {
  private readonly window: StoreSlidingWindow;

  constructor(
    store: Store,
    private readonly secret: string,
    limit = CLIENT_LIMIT,
    windowMs = CLIENT_WINDOW_MS,
    private readonly kind: SignupLimitKind = 'client',
  ) {
    this.window = new StoreSlidingWindow(store, CLIENT_FOLDER, limit, windowMs, `a ${kind}'s`);
  }

  take(client: string, nowMs: number): Promise<WindowAnswer> {
    return this.window.take(this.storedName(client), nowMs);
  }

  async forget(client: string, atMs: number): Promise<void> {
    await this.window.forget(this.storedName(client), atMs);
  }

  /**
   * The name of a record under the signing secret (the first, in a rotation), the kind in what is hashed, so that a
   * client and a network of one key (every value that is no address) have two.
   */
  private storedName(key: string): string {
    return keyedRecordName(tokenSecrets(this.secret)[0]!, this.kind, key);
  }
}

/** What a record counts: one client's signups (clientKey), or a wider network's, all its clients' (networkKey). */
export type SignupLimitKind = 'client' | 'network';

/**
 * The signups per wider network (networkKey: an IPv6 /48, an IPv4 /24; `limit`, by default NETWORK_LIMIT, in any
 * NETWORK_WINDOW_MS) kept as a client's are, in `clients/`, named by an HMAC of the network's key under another label.
 */
export function storeNetworkSignupLimit(store: Store, secret: string, limit = NETWORK_LIMIT): StoreClientSignupLimit {
  return new StoreClientSignupLimit(store, secret, limit, NETWORK_WINDOW_MS, 'network');
}
