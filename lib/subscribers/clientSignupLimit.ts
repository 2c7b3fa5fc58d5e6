import type { WindowAnswer } from './storeSlidingWindow.js';

/**
 * The limit of signups per client (clientKey), or per wider network (networkKey), across the subscribe function's
 * instances (StoreClientSignupLimit keeps it in the subscriber store); the handler's ClientRateLimit, in memory, is the
 * gate before it, per instance.
 */
export interface ClientSignupLimit {
  /** Counts a signup of `client` now if it may make one; else refuses it, with the time until it may. */
  take(client: string, nowMs: number): Promise<WindowAnswer>;
  /** Takes back the signup counted at `atMs` that was not made after all (a wider network's limit refused it). */
  forget(client: string, atMs: number): Promise<void>;
}
