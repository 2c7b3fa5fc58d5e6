import type { DateTime } from 'luxon';
import { parseMailbox } from '../shared/mailbox.js';
import { parseRecipient, recipientId, subscriberLines } from './recipient.js';
import { StoreError, SubscriberConflictError, UsageError } from '../shared/errors.js';
import { newSubscriber, subscriberId, suppressedHash, type Consent, type Subscriber } from './subscriber.js';
import type { SubscriberStore } from './subscriberStore.js';
import { confirmTokenExpiry } from './subscriberToken.js';
import { deliveryMailbox } from './deliveryMailbox.js';
import { unsubscribedRecord } from './unsubscribedRecord.js';

// The editor's operations on the subscriber store (`broadsheet subscribers`); the clock is passed in.

export type AddOutcome = 'added' | 'already' | 'refused';

/**
 * The canonical address, lowercased, with the display name written with it (`Name <address>`), which no record keeps;
 * or a UsageError saying why `text` is not one mailbox.
 */
export function canonicalMailbox(text: string): { address: string; name?: string } {
  const parsed = parseMailbox(text);
  // A quoted local part is an address, refused with its own fix; anything else is told what one looks like.
  if (!parsed.ok) throw new UsageError(parsed.quoted ? parsed.problem : `${parsed.problem} (give one address, such as ada@example.org)`);
  const { address, name } = parsed.mailbox;
  return { address: address.toLowerCase(), ...(name !== undefined ? { name } : {}) };
}

/**
 * Adds a confirmed subscriber with the consent the editor vouches for ('added' or 'imported'). An address that
 * unsubscribed or is suppressed is refused: it is never sent to again, even when it is still on an old list.
 */
export async function addSubscriber(store: SubscriberStore, address: string, options: { tags?: string[]; method: Consent['method']; now: DateTime }): Promise<AddOutcome> {
  const now = options.now.toUTC().toISO()!;
  return change(store, address, (record) => {
    if (record?.status === 'unsubscribed' || record?.status === 'suppressed') return { outcome: 'refused' };
    if (record?.status === 'confirmed') return { outcome: 'already' };
    const base: Subscriber = record ?? newSubscriber(address, now);
    return { outcome: 'added', next: { ...base, address, status: 'confirmed', tags: options.tags ?? [], consent: { at: now, method: options.method }, updatedAt: now } };
  });
}

/**
 * What an import did with each line: the addresses by outcome, the invalid lines (`LINE: problem`), the line numbers
 * of repeated mailboxes, and those of lines whose display name (`Name <address>`) was not kept: a record holds no name.
 */
export type ImportResult = Record<AddOutcome | 'invalid', string[]> & { repeated: number[]; namesDropped: number[] };

/**
 * Imports a one-address-a-line list (the subscribers.txt format) as confirmed, consent "imported". Every line is
 * accounted for: an address, an invalid line, or a mailbox an earlier line of the list named already.
 */
export async function importSubscribers(store: SubscriberStore, text: string, now: DateTime): Promise<ImportResult> {
  const result: ImportResult = { added: [], already: [], refused: [], invalid: [], repeated: [], namesDropped: [] };
  const seen = new Set<string>();
  for (const { line, text: lineText } of subscriberLines(text)) {
    const recipient = parseRecipient(lineText);
    if (recipient.invalid) {
      result.invalid.push(`${line}: ${recipient.invalid}`);
      continue;
    }
    const address = recipient.address.toLowerCase();
    const id = recipientId(address);
    if (seen.has(id)) {
      result.repeated.push(line);
      continue;
    }
    seen.add(id);
    if (recipient.name !== undefined) result.namesDropped.push(line);
    result[await addSubscriber(store, address, { method: 'imported', now })].push(address);
  }
  return result;
}

/** Marks an address suppressed (a hard bounce or a complaint, or the editor's word): never sent to again. */
export async function suppressSubscriber(store: SubscriberStore, address: string, reason: string, now: DateTime): Promise<void> {
  const at = now.toUTC().toISO()!;
  await change(store, address, (record) => ({
    outcome: 'done',
    next: { ...(record ?? { id: subscriberId(address), address, tags: [], createdAt: at }), address, status: 'suppressed', reason, updatedAt: at } as Subscriber,
  }));
}

/**
 * What `unsubscribeSubscriber` did: `unsubscribed` a record that was there, `recorded` an address with no record (one is
 * made, as the `/unsubscribe` endpoint makes it), or left a record `already` unsubscribed or `suppressed` as it was.
 */
export type UnsubscribeOutcome = 'unsubscribed' | 'recorded' | 'already' | 'suppressed';

/**
 * Records an address as unsubscribed, as its unsubscribe link does (unsubscribedRecord): for a request that came
 * another way, such as a mail to `digest.unsubscribe.mailto`. Never sent to again; a record left already stays as is.
 */
export async function unsubscribeSubscriber(store: SubscriberStore, address: string, now: DateTime): Promise<UnsubscribeOutcome> {
  const at = now.toUTC().toISO()!;
  return change(store, address, (record) => {
    const next = unsubscribedRecord(record ?? newSubscriber(address, at), at);
    if (!next) return { outcome: record?.status === 'suppressed' ? 'suppressed' : 'already' };
    return { outcome: record ? 'unsubscribed' : 'recorded', next };
  });
}

/**
 * What `forgetSubscriber` did: `erased` the address (or copies of it left behind), found it `already` erased (only
 * the hash of a suppression kept), or found no record (`absent`, also when someone else erased it meanwhile).
 */
export type ForgetOutcome = 'erased' | 'already' | 'absent';

/**
 * Erases every trace of an address. A suppressed one keeps a record of its hash and status only, so it stays
 * suppressed should it be imported again.
 *
 * Each step names the version it read, so a write made meanwhile (a signup, a confirm, a bounce's suppression) is
 * never erased unseen nor lost: the record is read again and judged anew (a suppression then keeps its hash), and
 * a record that keeps changing is refused with SubscriberConflictError. The hash replaces a suppressed record in one
 * conditional write, so the address is never without its suppression; the older versions, which hold the address,
 * are then erased, and one that cannot be is a StoreError: a rerun finds it behind the hash and erases it.
 * `secret`, the links' signing secret (DIGEST_UNSUBSCRIBE_SECRET), names the inbox's record of links, erased with it.
 */
export async function forgetSubscriber(store: SubscriberStore, address: string, now: DateTime, secret?: string): Promise<ForgetOutcome> {
  const outcome = await forgetRecord(store, address, now);
  // The inbox's count of links (StoreInboxSendLimit) is named by a keyed hash of the address, so it goes too, where
  // the links' signing secret names it: the whole inbox's, which other addresses of it (`ada+news@` for `ada@`) share;
  // its links may be sent again. Without the secret nobody can tie it to the address; it holds times only, and expires.
  const inbox = secret === undefined ? undefined : store.inboxSendLimit?.(secret);
  if (!inbox?.erase) return outcome;
  let erased: number;
  try {
    erased = await inbox.erase(deliveryMailbox(address));
  } catch (error) {
    throw new StoreError(`not all copies of ${address}'s inbox count erased from ${store.description} (${(error as Error).message}): run forget again`, { cause: error });
  }
  return erased > 0 && outcome !== 'erased' ? 'erased' : outcome;
}

/** The record's part of forgetSubscriber. */
async function forgetRecord(store: SubscriberStore, address: string, now: DateTime): Promise<ForgetOutcome> {
  const id = subscriberId(address);
  // A store's failure while erasing leaves copies of the address: said so, with the fix (a rerun finds them).
  const erasing = async <T>(write: () => Promise<T>): Promise<T> => {
    try {
      return await write();
    } catch (error) {
      throw new StoreError(`not all copies of ${address} erased from ${store.description} (${(error as Error).message}): run forget again`, { cause: error });
    }
  };
  let erased = false;
  // Only a write refused counts: a hash written is read again next, and what its write left behind erased.
  for (let refused = 0; refused < 5; ) {
    const current = await store.get(id);
    if (!current) return erased ? 'erased' : 'absent';
    const { subscriber, version } = current;
    if (subscriber.status === 'suppressed' && subscriber.address === undefined) {
      const older = await erasing(() => store.eraseOlder(id, version));
      return erased || older > 0 ? 'erased' : 'already';
    }
    const hashed = subscriber.status === 'suppressed';
    const done = await erasing(() => (hashed ? store.put(suppressedHash(id, 'forgotten; kept suppressed', now.toUTC().toISO()!), version) : store.delete(id, version)));
    if (done && !hashed) return 'erased';
    if (done) erased = true;
    else refused++;
  }
  throw new SubscriberConflictError(`the record of ${address} kept changing while forget ran (signups or confirmations meanwhile), and its newest version was left as written: run forget again`);
}

/**
 * Whether `record` is a signup nobody confirmed whose confirmation link has expired at `now`: the last link sent
 * (confirmationSentAt; a record without one was last written when its link, if any, was made) works no longer.
 */
export function isExpiredSignup(record: Subscriber, now: DateTime): boolean {
  if (record.status !== 'pending') return false;
  const madeAt = Date.parse(record.confirmationSentAt ?? record.updatedAt);
  // A date that cannot be read is no proof that the link expired: kept.
  return Number.isFinite(madeAt) && confirmTokenExpiry(madeAt) < Math.floor(now.toMillis() / 1000);
}

/** What `forgetExpiredSignups` did: the addresses erased, and those left because their record was written meanwhile. */
export interface ForgottenSignups {
  forgotten: string[];
  changed: string[];
}

/**
 * Erases every signup nobody confirmed before its link expired (isExpiredSignup), the same as S3's lifecycle rule
 * ExpireUnconfirmedSignups does for a pending record written tagged: for a local folder, and for records written
 * before they were tagged. Each record is read again just before it goes and erased only if still at the version
 * read, so a signup made meanwhile, even in the instant between, is kept (and named in `changed`).
 */
export async function forgetExpiredSignups(store: SubscriberStore, now: DateTime): Promise<ForgottenSignups> {
  const expired: string[] = [];
  for await (const subscriber of store.list()) if (isExpiredSignup(subscriber, now)) expired.push(subscriber.id);
  const result: ForgottenSignups = { forgotten: [], changed: [] };
  for (const id of expired) {
    const current = await store.get(id);
    if (!current || !isExpiredSignup(current.subscriber, now)) continue;
    const erased = await store.delete(id, current.version);
    result[erased ? 'forgotten' : 'changed'].push(current.subscriber.address ?? id);
  }
  return result;
}

async function change<T extends string>(store: SubscriberStore, address: string, decide: (record: Subscriber | undefined) => { outcome: T; next?: Subscriber }): Promise<T> {
  const id = subscriberId(address);
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await store.get(id);
    const { outcome, next } = decide(current?.subscriber);
    if (!next || (await store.put(next, current?.version))) return outcome;
  }
  throw new SubscriberConflictError(`the record of ${address} kept changing while it was written; try again`);
}
