import { ClientRateLimit } from './clientRateLimit.js';

/** Confirmations one inbox (deliveryMailbox) is sent in a day, under however many addresses. */
export const INBOX_CONFIRMATIONS_PER_DAY = 3;
const DAY_MS = 24 * 60 * 60 * 1000;
const paired = new WeakMap<ClientRateLimit, ClientRateLimit>();

/**
 * The day's limit of confirmations per inbox that goes with a client rate limit, made at its first use: it is kept as
 * long as that limit is, in memory, for a subscriber store that keeps none of its own (StoreInboxSendLimit).
 */
export function mailboxSendLimit(clients: ClientRateLimit): ClientRateLimit {
  let limit = paired.get(clients);
  if (!limit) {
    limit = new ClientRateLimit(INBOX_CONFIRMATIONS_PER_DAY, DAY_MS);
    paired.set(clients, limit);
  }
  return limit;
}
