import { createHash } from 'node:crypto';

export type SubscriberStatus = 'pending' | 'confirmed' | 'unsubscribed' | 'suppressed';
export const SUBSCRIBER_STATUSES: readonly SubscriberStatus[] = ['pending', 'confirmed', 'unsubscribed', 'suppressed'];

/**
 * What is kept as proof of consent: when, through which page, and the wording shown. No IP address and no
 * user agent: they identify a person more than they prove consent, and the signed token already proves that
 * the mailbox's owner clicked.
 */
export interface Consent {
  /** ISO-8601. */
  at: string;
  /** `form` (double opt-in through the site), `imported` or `added` (by the editor). */
  method: 'form' | 'imported' | 'added';
  /** The site path of the form the address was entered on, when it came through a form. */
  page?: string;
  /** The sentence shown beside the button that gave consent. */
  wording?: string;
}

/** One subscriber as the store keeps it. A forgotten one keeps only its id and status (a suppressed hash). */
export interface Subscriber {
  /** subscriberId(address): the record's name in the store, never the address itself. */
  id: string;
  /** The canonical address (lib/shared/mailbox.ts); absent once forgotten. */
  address?: string;
  status: SubscriberStatus;
  /** Tag slugs chosen; empty means every entry. */
  tags: string[];
  consent?: Consent;
  /** Form page the pending signup came from, until it is confirmed. */
  signupPage?: string;
  createdAt: string;
  updatedAt: string;
  /** When the last confirmation email was sent. */
  confirmationSentAt?: string;
  /** The confirmation emails of the pending signup's last 24 hours, with the topics each asked for (lib/subscribers/subscriptionHandler.ts limits them). */
  confirmations?: { at: string; tags: string[] }[];
  /** When the address last unsubscribed (through its link, or by the editor at its request: unsubscribedRecord). */
  unsubscribedAt?: string;
  /**
   * How often the address unsubscribed (absent: never since this was counted). A confirm link
   * carries the count it was made at, so one made before the last unsubscribe no longer confirms.
   */
  unsubscribes?: number;
  /** Soft bounces in a row (suppressed at three). */
  softBounces?: number;
  /** The ids of the soft bounces counted in that row (lib/subscribers/sesFeedback.ts), so a redelivered one counts once. */
  softBounceIds?: string[];
  /**
   * When the delivered message that last ended a run of soft bounces was sent (SES's mail.timestamp): a bounce of a
   * message sent no later, delivered again or late, is not counted in the run that began after it.
   */
  deliveredAt?: string;
  /**
   * When the latest message counted in the run of soft bounces was sent: a delivery of a message sent no later (an
   * event redriven or delivered late) says nothing of the mailbox since, and does not end the run.
   */
  softBouncedAt?: string;
  /** Why it was suppressed or unsubscribed, for the editor. */
  reason?: string;
}

/**
 * The record a suppressed address keeps without its address: its hash and status only, so that it stays suppressed
 * should it be added, imported or signed up again, and nothing else is kept of it.
 */
export function suppressedHash(id: string, reason: string, at: string): Subscriber {
  return { id, status: 'suppressed', tags: [], createdAt: at, updatedAt: at, reason };
}

/** The record of an address the store has none for, at `at` (ISO-8601), before a change is made to it: pending, no topics. */
export function newSubscriber(address: string, at: string): Subscriber {
  return { id: subscriberId(address), address, status: 'pending', tags: [], createdAt: at, updatedAt: at };
}

/** The store's name for an address: a hash of the lowercased address, so no key or path holds an address. */
export function subscriberId(address: string): string {
  return createHash('sha256').update(address.trim().toLowerCase()).digest('hex').slice(0, 40);
}

/** The record without its pending signup (the form it came from, the confirmations sent for it). */
export function withoutSignup(record: Subscriber): Subscriber {
  const { signupPage: _page, confirmations: _sent, ...rest } = record;
  return rest;
}
