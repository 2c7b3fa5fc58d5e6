import { withoutSignup, type Subscriber } from './subscriber.js';

/**
 * The record of an address that asks to leave, at `now` (ISO-8601): unsubscribed, its pending signup dropped, the
 * unsubscribe counted, so a confirm link made before it confirms no more (Subscriber.unsubscribes). Undefined for one
 * suppressed or unsubscribed already, kept as it is (a second click, a client trying again, a second mail), so that it
 * still tells when the reader left. The `/unsubscribe` endpoint and `subscribers unsubscribe` both write it.
 */
export function unsubscribedRecord(record: Subscriber, now: string): Subscriber | undefined {
  if (record.status === 'suppressed' || record.status === 'unsubscribed') return undefined;
  return { ...withoutSignup(record), status: 'unsubscribed', unsubscribedAt: now, unsubscribes: (record.unsubscribes ?? 0) + 1, updatedAt: now };
}
