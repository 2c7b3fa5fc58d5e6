import { createHash, randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { PublishLockedError } from '../shared/errors.js';
import { STATE_DIR } from '../shared/outputLayout.js';
import { getWithin, type Store } from '../store/store.js';
import { isGone, type ProcessRef } from '../shared/thisProcess.js';

/** Held by the one publish writing into an output; under `_broadsheet/`, never served and never deleted as a stale file. */
export const LOCK_KEY = `${STATE_DIR}publish.lock`;
/** One create-only marker per stale lock taken over, so that only one waiter takes it; deleted once that waiter is done. */
export const TAKEOVER_PREFIX = `${STATE_DIR}publish-lock/taken-over-`;
const DEFAULT_STALE_AFTER_MS = 60 * 60 * 1000;
const LOCK_PUT = { contentType: 'application/json; charset=utf-8', cacheControl: 'no-cache' };
/**
 * The largest lock or takeover marker read: a record is a few hundred bytes. A larger object (a junk upload) is not a
 * lock record, and is never downloaded: read whole, it would hold every publish until the store's timeouts.
 */
export const MAX_LOCK_BYTES = 64 * 1024;
/** How often, and how many times, a publish that finds the lock held for a brief write (LockOptionsBase.brief) looks again before it refuses. */
const BRIEF_POLL_MS = 250;
const BRIEF_POLLS = 20;

interface LockOptionsBase {
  /** Who publishes, named in the message another publisher gets: `cli alice@desk pid 4242`, `lambda <request id>`. */
  owner: string;
  /** The current time, epoch milliseconds: a lock's age is real time, not the moment published as. */
  clock: () => number;
  /**
   * The publishing process (the CLI's): a waiter on the same machine takes over at once a lock whose process is
   * gone (a Ctrl-C, a kill), rather than refuse until its staleAt. Default: none (the publish function).
   */
  process?: ProcessRef;
  /** Whether a process of this machine is gone; default lib/shared/thisProcess.ts isGone. */
  isGone?: (held: ProcessRef, here: ProcessRef) => boolean;
  /**
   * What a publish refused or stopped by the lock tells its user to do, the command to run again: default `publish
   * again` (againOf); `broadsheet digest` names itself.
   */
  again?: string;
  /** Told when this publish took over a lock left by one that died, with a line saying whose and why. */
  onTakeOver?: (message: string) => void;
  /**
   * Told, instead of a failure, when the work is done but its lock could not be deleted: the output is complete,
   * and the lock goes stale as one a dead publish left. Without it, the failed release is thrown.
   */
  onReleaseFailed?: (message: string) => void;
  /**
   * Told just before the lock is released, however the work ended: the publish function stops refusing its requests
   * for want of time there, so that a run stopped by its deadline still releases its lock.
   */
  beforeRelease?: () => void;
  /**
   * Held only for a write of a few requests (the pending WebSub pings' record, lib/publish/pendingPings.ts): a publish
   * that finds such a lock waits for it (up to BRIEF_POLLS looks) rather than refuse. A brief holder itself does not
   * wait here: its caller's own waits are bounded by its time left.
   */
  brief?: boolean;
}

/** A lock whose staleAt is counted from when it is taken, and renewed as a lease if asked (the CLI's). */
interface RelativeLockOptions extends LockOptionsBase {
  /**
   * How long after it was taken (or last renewed) a lock counts as left by a publish that died, and is taken over.
   * Default one hour.
   */
  staleAfterMs?: number;
  /**
   * Renew the lock this often while the work runs, moving its staleAt to `staleAfterMs` from then: a lease, so that a
   * publish killed on another machine holds the output for `staleAfterMs` at most, and a long one keeps it. The work
   * then writes only while the lease has at least half its length left (by this clock): a publish that could not
   * renew (its store unreachable, or the process suspended) stops writing before another may take the lock over,
   * and fails with PublishLockedError. Default: no renewal.
   */
  renewEveryMs?: number;
  staleAt?: never;
}

/** A lock that goes stale at a fixed moment, however late in the run it is taken (the publish function's). */
interface DeadlineLockOptions extends LockOptionsBase {
  /**
   * When the lock counts as left by a publish that died (epoch milliseconds, by `clock`), whenever it is taken: the
   * end of the run's time, which a build taking most of the run must not push later. Never renewed.
   */
  staleAt: number;
  staleAfterMs?: never;
  renewEveryMs?: never;
}

export type PublishLockOptions = RelativeLockOptions | DeadlineLockOptions;

interface LockRecord {
  owner: string;
  token: string;
  since: string;
  staleAt: string;
  /** The process holding it, when it named itself (lib/shared/thisProcess.ts). */
  process?: ProcessRef;
  /** Held for a brief write (LockOptionsBase.brief). */
  brief?: true;
}

/**
 * Runs `work` holding the output's publish lock, and releases it after. A lock is an object created only if
 * absent (O_EXCL locally, `If-None-Match: *` on S3), so of two publishes into one output the second refuses with
 * PublishLockedError, naming the owner. A lock older than its `staleAt`, or held by a process of this machine that
 * is gone, was left by a publish that died; a waiter takes it over, one waiter only (a create-only marker per
 * stale lock, deleted with the lock it took), and says so (onTakeOver). Without options, no lock.
 *
 * `work` writes through the store it is given: with `renewEveryMs`, one that refuses every write once the lease
 * can no longer be trusted (see PublishLockOptions.renewEveryMs).
 */
export async function withPublishLock<T>(store: Store, options: PublishLockOptions | undefined, work: (store: Store) => Promise<T>): Promise<T> {
  if (!options) return work(store);
  const taken = await acquire(store, options);
  const { lock, marker } = taken;
  const lease = options.renewEveryMs === undefined ? undefined : new Lease(store, lock, options, options.renewEveryMs);
  let result: T;
  try {
    result = await work(lease ? lease.guarded() : store);
  } catch (error) {
    await lease?.stop();
    options.beforeRelease?.();
    // The publish's own failure is what the caller needs; a failed release leaves a lock that goes stale.
    await release(store, lock, marker).catch(() => undefined);
    throw error;
  }
  // No renewal may land after the release: it would put the lock back.
  await lease?.stop();
  await releaseTold(store, options, taken);
  return result;
}

/** Releases the lock, telling onReleaseFailed of a release that failed, when it is given; else the failure is thrown. */
async function releaseTold(store: Store, options: PublishLockOptions, { lock, marker }: Taken): Promise<void> {
  options.beforeRelease?.();
  try {
    await release(store, lock, marker);
  } catch (error) {
    if (!options.onReleaseFailed) throw error;
    options.onReleaseFailed(releaseFailedMessage(store, lock, error));
  }
}

/**
 * For a publish with nothing to write (settled): removes a lock left by one that died after its last write (its
 * process gone from this machine, or past its staleAt, as a waiter judges it), which no later publish would take
 * over, so that `status` stops reporting it. A lock a live publish holds stays, as does one another waiter is taking over.
 */
export async function removeLeftLock(store: Store, options: PublishLockOptions): Promise<void> {
  let taken: Taken;
  try {
    taken = await acquire(store, options, true);
  } catch (error) {
    if (error instanceof PublishLockedError) return;
    throw error;
  }
  await releaseTold(store, options, taken);
}

/** The lock this publish holds, and the marker of the stale lock it took over, if it took one over. */
interface Taken {
  lock: LockRecord;
  marker?: string;
}

async function acquire(store: Store, options: PublishLockOptions, nothingToWrite = false): Promise<Taken> {
  const since = options.clock();
  const record: LockRecord = {
    owner: options.owner,
    token: randomBytes(12).toString('hex'),
    since: new Date(since).toISOString(),
    staleAt: new Date(options.staleAt ?? since + (options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS)).toISOString(),
    ...(options.process ? { process: options.process } : {}),
    ...(options.brief ? { brief: true as const } : {}),
  };
  const text = `${JSON.stringify(record)}\n`;
  // A process of this machine that is gone holds nothing, however fresh its lock.
  const here = options.process;
  const goneOf = (other: LockRecord) => other.process !== undefined && here !== undefined && other.process.machine === here.machine && (options.isGone ?? isGone)(other.process, here);
  const isLive = (other: LockRecord) => !goneOf(other) && options.clock() < Date.parse(other.staleAt);
  // A lock held for a brief write is waited for; the wait is not counted as an attempt.
  const waitsForBrief = !options.brief && !nothingToWrite;
  let briefLooksLeft = BRIEF_POLLS;
  // A lock released between the claim and the read is claimed again; twice is plenty.
  for (let attempt = 0; attempt < 3; attempt++) {
    let claim = await claimOnce(store, options, text, record, goneOf);
    while (claim.kind === 'live' && claim.held.brief && waitsForBrief && briefLooksLeft > 0) {
      briefLooksLeft--;
      await delay(BRIEF_POLL_MS);
      claim = await claimOnce(store, options, text, record, goneOf);
    }
    if (claim.kind === 'taken') return { lock: record };
    if (claim.kind === 'released') continue;
    if (claim.kind === 'live') throw lockedError(store, claim.held, againOf(options));
    const { bytes, held, gone } = claim;
    // Gone, stale, or not a lock record at all: taken over, by whichever waiter creates its marker first.
    const marker = await takeOverMarker(store, `${TAKEOVER_PREFIX}${stampOf(bytes)}`, text, record, isLive);
    // A marker is deleted once its taker is done: one made after that, by a waiter that read the stale lock before
    // the takeover, finds the lock it judged gone, and is given back.
    const current = await readLock(store, LOCK_KEY);
    if (current === undefined || stampOf(current) !== stampOf(bytes)) {
      await dropMarker(store, marker);
      continue;
    }
    // A marker is judged dead as its taker's lock would be: a taker stalled that long may have been taken over from.
    if (!takerTrusted(options, record)) {
      await dropMarker(store, marker);
      throw new PublishLockedError(`this publish stalled while taking over the stale lock ${store.description}${LOCK_KEY}, so another may have taken it over; nothing was written; ${againOf(options)}`);
    }
    await store.put(LOCK_KEY, text, LOCK_PUT);
    options.onTakeOver?.(takeOverMessage(store, held, gone, nothingToWrite));
    await removeOtherMarkers(store, marker);
    return { lock: record, marker };
  }
  throw new PublishLockedError(`could not take the lock ${store.description}${LOCK_KEY}: other publishes keep taking and releasing it; try again`);
}

/** What one claim of the lock found: taken by this publish, released before it was read, held live, or free to take over. */
type Claim =
  | { kind: 'taken' }
  | { kind: 'released' }
  | { kind: 'live'; held: LockRecord }
  | { kind: 'takeable'; bytes: Buffer | number; held: LockRecord | undefined; gone: boolean };

async function claimOnce(store: Store, options: PublishLockOptions, text: string, record: LockRecord, goneOf: (other: LockRecord) => boolean): Promise<Claim> {
  if (await store.putIfAbsent(LOCK_KEY, text, LOCK_PUT)) return { kind: 'taken' };
  const bytes = await readLock(store, LOCK_KEY);
  if (bytes === undefined) return { kind: 'released' };
  // This publish's own: its create went through but the answer was lost, and the retry found the key taken.
  if (isOwn(bytes, record)) return { kind: 'taken' };
  const held = parseLock(bytes);
  const gone = held !== undefined && goneOf(held);
  if (held && !gone && options.clock() < Date.parse(held.staleAt)) return { kind: 'live', held };
  return { kind: 'takeable', bytes, held, gone };
}

/**
 * Whether a taker may still write its lock: as a lease (Lease.trusted), with half its length left, so its put lands
 * before its marker is judged dead (takeOverMarker). A lock stale at a fixed moment is the function's, which ends first.
 */
function takerTrusted(options: PublishLockOptions, record: LockRecord): boolean {
  if (options.staleAt !== undefined) return true;
  return options.clock() < Date.parse(record.staleAt) - (options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS) / 2;
}

/**
 * The lock renewed while the work runs. Renewing reads the lock back and rewrites it only while it is still this
 * publish's and less than half its lease has passed since the last renewal; a waiter takes it over only after its
 * staleAt, so with clocks that agree to within half a lease, the two never write at once.
 */
class Lease {
  private heldUntil: number;
  /** How long each renewal holds the lock (staleAfterMs). */
  private readonly leaseMs: number;
  private lost: string | undefined;
  private renewing: Promise<void> | undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly store: Store,
    private readonly lock: LockRecord,
    private readonly options: RelativeLockOptions,
    everyMs: number,
  ) {
    this.heldUntil = Date.parse(lock.staleAt);
    this.leaseMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
    this.timer = setInterval(() => {
      this.renewing ??= this.renew().finally(() => (this.renewing = undefined));
    }, everyMs);
    // The lease never keeps the process alive on its own.
    this.timer.unref();
  }

  private async renew(): Promise<void> {
    if (this.lost || !this.trusted()) return;
    try {
      const bytes = await readLock(this.store, LOCK_KEY);
      if (!isOwn(bytes, this.lock)) {
        this.lost = bytes === undefined ? 'it was deleted' : `it is now held by ${parseLock(bytes)?.owner ?? 'something that is not a lock record'}`;
        return;
      }
      const now = this.options.clock();
      const staleAt = new Date(now + this.leaseMs).toISOString();
      // Checked again after the read: a renewal is never written once another may take the lock over.
      if (!this.trusted()) return;
      await this.store.put(LOCK_KEY, `${JSON.stringify({ ...this.lock, staleAt })}\n`, LOCK_PUT);
      this.heldUntil = Date.parse(staleAt);
    } catch {
      // The next tick tries again; writes stop once the lease is no longer trusted.
    }
  }

  /** Whether the lease still has half its length left: past that, a renewal or a write could meet a waiter's takeover. */
  private trusted(): boolean {
    return this.options.clock() < this.heldUntil - this.leaseMs / 2;
  }

  private assertHeld(): void {
    if (!this.lost && this.trusted()) return;
    const why = this.lost ?? `it could not be renewed since ${new Date(this.heldUntil - this.leaseMs).toISOString()}, and another publish may take it over after ${new Date(this.heldUntil).toISOString()}`;
    throw new PublishLockedError(
      `this publish lost its lock ${this.store.description}${LOCK_KEY} (${why}), so it stopped writing. ` +
        `What it wrote is made whole by the next publish; ${againOf(this.options)}.`,
    );
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.renewing;
  }

  /** The store, refusing every write once the lease is lost or no longer trusted. */
  guarded(): Store {
    const { store } = this;
    const held = () => this.assertHeld();
    return {
      get description() {
        return store.description;
      },
      get requests() {
        return store.requests;
      },
      get: (key, options) => store.get(key, options),
      ...(store.getText ? { getText: store.getText.bind(store) } : {}),
      ...(store.listLinks ? { listLinks: store.listLinks.bind(store) } : {}),
      ...(store.listPlaceholders ? { listPlaceholders: store.listPlaceholders.bind(store) } : {}),
      ...(store.listSpecialFiles ? { listSpecialFiles: store.listSpecialFiles.bind(store) } : {}),
      list: (prefix) => store.list(prefix),
      put: async (key, body, options) => (held(), store.put(key, body, options)),
      delete: async (key) => (held(), store.delete(key)),
      putIfAbsent: async (key, body, options) => (held(), store.putIfAbsent(key, body, options)),
      ...(store.removeLeftovers ? { removeLeftovers: async () => (held(), store.removeLeftovers!()) } : {}),
    };
  }
}

/** The lock as `broadsheet status` reports it. */
export type LockState =
  | { kind: 'held'; owner: string; since: string; staleAt: string }
  /** Left by a publish that ended without releasing it: its process is gone from this machine, or it is past its staleAt. */
  | { kind: 'left'; owner: string; since: string; why: string }
  /** An object there that is no lock record (the next publish takes it over). */
  | { kind: 'unreadable' };

/** Whether a publish holds the output's lock, as far as `here` at `now` can tell; undefined when none does. */
export async function lockState(store: Store, now: number, here: ProcessRef): Promise<LockState | undefined> {
  const bytes = await readLock(store, LOCK_KEY);
  if (bytes === undefined) return undefined;
  const held = parseLock(bytes);
  if (!held) return { kind: 'unreadable' };
  if (held.process !== undefined && held.process.machine === here.machine && isGone(held.process, here)) return { kind: 'left', owner: held.owner, since: held.since, why: 'its process is no longer running' };
  if (now >= Date.parse(held.staleAt)) return { kind: 'left', owner: held.owner, since: held.since, why: `it was not renewed, and is stale since ${held.staleAt}` };
  return { kind: 'held', owner: held.owner, since: held.since, staleAt: held.staleAt };
}

/** A lock or marker's bytes, within MAX_LOCK_BYTES; the size of a larger one, left unread; undefined when there is none. */
async function readLock(store: Store, key: string): Promise<Buffer | number | undefined> {
  return getWithin(store, key, MAX_LOCK_BYTES);
}

/**
 * Names a stale lock for its takeover marker: its token, or for an object that is not a lock record a fingerprint,
 * which every waiter that reads it makes alike.
 */
function stampOf(bytes: Buffer | number): string {
  const token = parseLock(bytes)?.token;
  if (token !== undefined) return token;
  return typeof bytes === 'number' ? `size-${bytes}` : createHash('sha256').update(bytes).digest('hex').slice(0, 24);
}

/** How many takers in a row, each dead before it was done, a takeover goes past (its marker's name grows with each). */
const MARKER_CHAIN = 3;

/**
 * Creates the marker of a stale lock's takeover, or refuses while another waiter's is live. A marker holds its
 * taker's lock record, so it is stale as that lock would be (past its staleAt, or its process gone from this machine):
 * the taker died partway (an S3 failure, a deadline refusal, a kill, before it deleted it). Its takeover is then
 * taken over in turn, create-only again under a name of its own (the dead marker's, stamped), so that still only one
 * waiter goes on; the dead markers go with removeOtherMarkers.
 */
async function takeOverMarker(store: Store, first: string, text: string, record: LockRecord, isLive: (other: LockRecord) => boolean): Promise<string> {
  let marker = first;
  for (let taker = 0; taker < MARKER_CHAIN; taker++) {
    if (await store.putIfAbsent(marker, text, LOCK_PUT)) return marker;
    const found = await readLock(store, marker);
    if (isOwn(found, record)) return marker;
    const other = found === undefined ? undefined : parseLock(found);
    // Gone meanwhile (its taker is done), or a live taker's: the lock is not this waiter's to take now.
    if (found === undefined || (other !== undefined && isLive(other))) break;
    marker = `${marker}-${stampOf(found)}`;
  }
  throw new PublishLockedError(`another publish is taking over the stale lock ${store.description}${LOCK_KEY}; try again once it has finished`);
}

/**
 * Deletes the markers of takeovers before this one, whose takers died before deleting them: each names a lock long
 * replaced, which a waiter that made its marker again would find gone.
 */
async function removeOtherMarkers(store: Store, kept: string): Promise<void> {
  const markers = await store.list(TAKEOVER_PREFIX).catch(() => []);
  for (const { key } of markers) if (key !== kept) await dropMarker(store, key);
}

/** Deletes a marker that has served; one that cannot be deleted now fails nothing, and goes at the next takeover. */
async function dropMarker(store: Store, key: string): Promise<void> {
  await store.delete(key).catch(() => undefined);
}

/** Whether `bytes` are a record this publish wrote: a create-only write whose answer was lost, then retried, finds its own. */
function isOwn(bytes: Buffer | number | undefined, record: LockRecord): boolean {
  return Buffer.isBuffer(bytes) && parseLock(bytes)?.token === record.token;
}

/**
 * Deletes the lock if it is still this publish's (one that ran past its staleAt may have lost it to another), then
 * the marker of the lock it took over, which has served: no waiter takes over that lock again (see acquire).
 */
async function release(store: Store, lock: LockRecord, marker: string | undefined): Promise<void> {
  if (isOwn(await readLock(store, LOCK_KEY), lock)) await store.delete(LOCK_KEY);
  if (marker !== undefined) await dropMarker(store, marker);
}

function parseLock(bytes: Buffer | number): LockRecord | undefined {
  if (typeof bytes === 'number') return undefined;
  try {
    const data = JSON.parse(bytes.toString('utf8')) as Partial<LockRecord>;
    const fields = [data.owner, data.token, data.since, data.staleAt];
    if (!fields.every((field) => typeof field === 'string') || Number.isNaN(Date.parse(data.staleAt!))) return undefined;
    const ref = data.process as Partial<ProcessRef> | undefined;
    // A process that names itself badly is not one to check: the lock then lasts until its staleAt.
    const process = ref !== null && typeof ref === 'object' && typeof ref.machine === 'string' && Number.isSafeInteger(ref.pid) ? { machine: ref.machine, pid: ref.pid! } : undefined;
    return { owner: data.owner!, token: data.token!, since: data.since!, staleAt: data.staleAt!, ...(process ? { process } : {}), ...(data.brief === true ? { brief: true as const } : {}) };
  } catch {
    // Not JSON: not a lock this code wrote.
  }
  return undefined;
}

function takeOverMessage(store: Store, held: LockRecord | undefined, gone: boolean, nothingToWrite: boolean): string {
  const lock = `${store.description}${LOCK_KEY}`;
  const what = held ? `the lock ${lock} left by ${held.owner}, since ${held.since}` : `the lock ${lock}, which was not a lock record`;
  const why = !held ? '' : gone ? ': that process is no longer running' : `: it was stale since ${held.staleAt}`;
  if (nothingToWrite) return `removed ${what}${why}; the output was already complete`;
  if (!held) return `took over ${what}; this publish writes what a publish from scratch would`;
  return `took over ${what}${why}; this publish writes whatever that one left unfinished`;
}

function releaseFailedMessage(store: Store, lock: LockRecord, error: unknown): string {
  const mine = lock.process ? `, or at once by a publish from this machine once this process has ended` : '';
  return (
    `the publish is complete, but its lock ${store.description}${LOCK_KEY} could not be deleted (${(error as Error).message}): ` +
    `another publish refuses until the lock is taken over as stale after ${lock.staleAt}${mine}; or delete it by hand`
  );
}

/** What a refused or stopped publish tells its user to do (LockOptionsBase.again). */
export function againOf(options: PublishLockOptions): string {
  return options.again ?? 'publish again';
}

function lockedError(store: Store, held: LockRecord, again: string): PublishLockedError {
  return new PublishLockedError(
    `another publish into ${store.description} is running: ${held.owner}, since ${held.since}. Nothing was written; ` +
      `${again} once it has finished. If no publish is running (one died), its lock ${LOCK_KEY} is taken over after ${held.staleAt}, or delete it by hand.`,
  );
}
