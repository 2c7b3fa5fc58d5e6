/**
 * The day's limit of confirmations per inbox (deliveryMailbox): kept in memory (mailboxSendLimit, a ClientRateLimit)
 * or in the subscriber store (StoreInboxSendLimit), so that it holds across instances and cold starts.
 */
export interface InboxSendLimit {
  /** True if the inbox may be sent one more link now; counts it if so. */
  allow(inbox: string, nowMs: number): boolean | Promise<boolean>;
  /** Takes back the link counted at `atMs` that was not sent after all. */
  forget(inbox: string, atMs: number): void | Promise<void>;
  /** Optional: erases what is kept of the inbox (every version of its record); the number of objects erased. */
  erase?(inbox: string): Promise<number>;
}
