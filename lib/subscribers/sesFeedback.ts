import type { DateTime } from 'luxon';
import { parseMailbox } from '../shared/mailbox.js';
import { SubscriberConflictError } from '../shared/errors.js';
import { subscriberId, suppressedHash, type Subscriber } from './subscriber.js';
import type { SubscriberStore } from './subscriberStore.js';

/** Soft bounces in a row that suppress an address. */
export const SOFT_BOUNCE_LIMIT = 3;

export type FeedbackKind = 'hard-bounce' | 'soft-bounce' | 'complaint' | 'delivery';

export interface Feedback {
  kind: FeedbackKind;
  /** The recipients' addresses, lower-cased (a subscriber's id is of the lower-cased address). */
  addresses: string[];
  /** The same, as SES wrote them (the messages' To, as a contact list gave them), index for index with `addresses`. */
  asSent?: string[];
  /**
   * The bounce's own id (SES's `bounce.feedbackId`), the same however often it is delivered: SNS and Lambda deliver
   * at least once, and a soft bounce counted twice would bring an address nearer suppression than it is.
   */
  id?: string;
  /**
   * When SES sent the message the event is about (ISO 8601), the same however often it is delivered: a soft bounce of
   * a message sent no later than one delivered since is not counted, whether it came again or late.
   */
  sentAt?: string;
}

/** How many counted soft bounces' ids a record keeps: those of the current run, to count each once. */
const KEPT_BOUNCE_IDS = SOFT_BOUNCE_LIMIT;

/**
 * What an SES notification says, from its SNS message: SES's feedback notifications (`notificationType`) and
 * configuration-set event publishing (`eventType`) alike. A permanent bounce or a complaint suppresses at once;
 * a transient (or undetermined) bounce counts towards SOFT_BOUNCE_LIMIT; a delivery ends a run of soft bounces.
 * Anything else (opens, sends, rejects) is undefined.
 */
export function parseSesNotification(message: string): Feedback | undefined {
  let body: {
    notificationType?: string;
    eventType?: string;
    mail?: { timestamp?: unknown };
    bounce?: { bounceType?: string; feedbackId?: string; timestamp?: unknown; bouncedRecipients?: { emailAddress?: string }[] };
    complaint?: { timestamp?: unknown; complainedRecipients?: { emailAddress?: string }[] };
    delivery?: { timestamp?: unknown; recipients?: string[] };
  };
  try {
    body = JSON.parse(message);
  } catch {
    return undefined;
  }
  const type = body.notificationType ?? body.eventType;
  // https://docs.aws.amazon.com/ses/latest/dg/notification-contents.html#mail-object (timestamp: when the message was
  // sent); the bounce's or delivery's own timestamp where a message carries no mail object.
  const sentAt = [body.mail?.timestamp, body.bounce?.timestamp, body.delivery?.timestamp].find(isTimestamp);
  const at = sentAt === undefined ? {} : { sentAt };
  const addresses = (list: (string | { emailAddress?: string })[] | undefined) => {
    const asSent = (list ?? []).map((item) => (typeof item === 'string' ? item : item.emailAddress)).flatMap((text) => {
      const parsed = typeof text === 'string' ? parseMailbox(text) : undefined;
      return parsed?.ok ? [parsed.mailbox.address] : [];
    });
    return { addresses: asSent.map((address) => address.toLowerCase()), asSent };
  };
  if (type === 'Bounce') {
    // https://docs.aws.amazon.com/ses/latest/dg/notification-contents.html#bounce-object (feedbackId: a unique id for the bounce).
    const id = typeof body.bounce?.feedbackId === 'string' && body.bounce.feedbackId !== '' ? body.bounce.feedbackId.slice(0, 200) : undefined;
    return { kind: body.bounce?.bounceType === 'Permanent' ? 'hard-bounce' : 'soft-bounce', ...addresses(body.bounce?.bouncedRecipients), ...(id ? { id } : {}), ...at };
  }
  if (type === 'Complaint') return { kind: 'complaint', ...addresses(body.complaint?.complainedRecipients), ...at };
  if (type === 'Delivery') return { kind: 'delivery', ...addresses(body.delivery?.recipients), ...at };
  return undefined;
}

/** An ISO 8601 date and time, as SES writes its timestamps. */
export function isTimestamp(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value) && Number.isFinite(Date.parse(value));
}

/** Whether a message sent at `sentAt` was sent no later than `than`: false when either is unknown. */
function sentNoLater(sentAt: string | undefined, than: string | undefined): boolean {
  return sentAt !== undefined && than !== undefined && Date.parse(sentAt) <= Date.parse(than);
}

/**
 * Applies one piece of feedback to the store; returns the addresses it suppressed. Delivered again (the same `id`, or
 * sent no later than a delivered message that ended the run since), it changes nothing: a suppression or a delivery's
 * reset holds already, and a soft bounce is counted once. An address with no record (forgotten, an expired signup,
 * never signed up) gets none with its address: a hard bounce or a complaint leaves only its hash, suppressed, as
 * `subscribers forget` keeps a suppressed one; a soft bounce or a delivery leaves nothing.
 */
export async function applyFeedback(store: SubscriberStore, feedback: Feedback, now: DateTime): Promise<string[]> {
  const at = now.toUTC().toISO()!;
  const suppresses = feedback.kind === 'hard-bounce' || feedback.kind === 'complaint';
  const suppressed: string[] = [];
  for (const address of feedback.addresses) {
    const id = subscriberId(address);
    for (let attempt = 0; ; attempt++) {
      if (attempt === 5) throw new SubscriberConflictError(`the record of an address kept changing while its ${feedback.kind} was recorded`);
      const current = await store.get(id);
      let next: Subscriber | undefined;
      if (!current) next = suppresses ? suppressedHash(id, feedback.kind, at) : undefined;
      else {
        const record = current.subscriber;
        if (record.status === 'suppressed') break;
        if (suppresses) next = { ...record, status: 'suppressed', reason: feedback.kind, updatedAt: at };
        else if (feedback.kind === 'soft-bounce') {
          if (feedback.id !== undefined && record.softBounceIds?.includes(feedback.id)) break;
          if (sentNoLater(feedback.sentAt, record.deliveredAt)) break;
          const count = (record.softBounces ?? 0) + 1;
          const ids = feedback.id === undefined ? {} : { softBounceIds: [...(record.softBounceIds ?? []), feedback.id].slice(-KEPT_BOUNCE_IDS) };
          const latest = feedback.sentAt !== undefined && !sentNoLater(feedback.sentAt, record.softBouncedAt) ? { softBouncedAt: feedback.sentAt } : {};
          next = count >= SOFT_BOUNCE_LIMIT ? { ...record, status: 'suppressed', softBounces: count, ...ids, ...latest, reason: `${count} soft bounces in a row`, updatedAt: at } : { ...record, softBounces: count, ...ids, ...latest, updatedAt: at };
        } else if ((record.softBounces ?? 0) > 0 && !sentNoLater(feedback.sentAt, record.deliveredAt) && !sentNoLater(feedback.sentAt, record.softBouncedAt)) {
          // A message delivered ends the run; one sent before the message whose delivery ended it already, or before a
          // message the run counted (its event redriven or late), does not.
          const { softBounceIds: _counted, softBouncedAt: _bounced, ...rest } = record;
          next = { ...rest, softBounces: 0, ...(feedback.sentAt === undefined ? {} : { deliveredAt: feedback.sentAt }), updatedAt: at };
        }
      }
      if (!next) break;
      if (await store.put(next, current?.version)) {
        if (next.status === 'suppressed') suppressed.push(address);
        break;
      }
    }
  }
  return suppressed;
}

/**
 * The addresses, as SES wrote them, that the feedback keeps out of every later send: each of a hard bounce or a
 * complaint, and of a soft bounce those whose record is suppressed (now, or by an earlier delivery of the event whose
 * later steps failed). Read after applyFeedback, for what the store cannot hold: an SES contact list's own state.
 */
export async function addressesKeptOut(store: SubscriberStore, feedback: Feedback): Promise<string[]> {
  const sent = (index: number) => feedback.asSent?.[index] ?? feedback.addresses[index]!;
  if (feedback.kind === 'hard-bounce' || feedback.kind === 'complaint') return feedback.addresses.map((_, index) => sent(index));
  if (feedback.kind !== 'soft-bounce') return [];
  const kept: string[] = [];
  for (const [index, address] of feedback.addresses.entries()) {
    if ((await store.get(subscriberId(address)))?.subscriber.status === 'suppressed') kept.push(sent(index));
  }
  return kept;
}
