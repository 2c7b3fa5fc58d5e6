import type { DateTime } from 'luxon';
import { DeliveryError } from '../shared/errors.js';
import type { Store } from '../store/store.js';
import { FailureStreak, MAX_CONSECUTIVE_FAILURES } from './failureStreak.js';
import { LEDGER_PREFIX } from '../digest/ledgerRecords.js';
import { LEDGER_JSON } from './sendLedger.js';

/**
 * How long the fan-out's batches stand back once the transport has failed MAX_CONSECUTIVE_FAILURES times in a row:
 * each batch then reports itself failed unsent, and SQS delivers it again after its visibility timeout. The first
 * batch after the pause tries one message: a success ends the streak, a failure starts another pause.
 */
export const PAUSE_MS = 15 * 60_000;

/** The streak as stored beside the week's ledger (the digest-sender's role may write there). */
export interface StoredStreak {
  inARow: number;
  last?: string;
  /** ISO instant. */
  pausedUntil?: string;
}

export function batchStreakKey(week: string): string {
  return `${LEDGER_PREFIX}${week}/streak.json`;
}

/**
 * The transport's failures in a row across the fan-out's batches, each its own invocation (one shard, often one or
 * two subscribers): counted per batch, a transport that loses every answer would leave each shard's first few
 * subscribers unknown, the whole list in the end. `paused` says why this batch must not send, while a pause lasts.
 */
export async function readBatchStreak(output: Store, week: string, now: DateTime): Promise<{ streak: FailureStreak; stored: StoredStreak; paused?: string }> {
  const stored = parse(await output.get(batchStreakKey(week)));
  const last = stored.last === undefined ? undefined : new DeliveryError(stored.last, 'unknown');
  const until = stored.pausedUntil === undefined ? NaN : Date.parse(stored.pausedUntil);
  if (until > now.toMillis()) {
    return { streak: FailureStreak.resumed(stored.inARow, last), stored, paused: `the transport failed ${stored.inARow} times in a row (last: ${stored.last ?? 'unknown'}); batches wait until ${stored.pausedUntil}` };
  }
  // After a pause, one more failure starts the next: the batch tries a single message first.
  const inARow = until <= now.toMillis() ? Math.min(stored.inARow, MAX_CONSECUTIVE_FAILURES - 1) : stored.inARow;
  return { streak: FailureStreak.resumed(inARow, last), stored };
}

/** Stores the streak as this batch left it, when it changed; a tripped streak starts a pause of PAUSE_MS. */
export async function saveBatchStreak(output: Store, week: string, streak: FailureStreak, stored: StoredStreak, now: DateTime): Promise<void> {
  const next: StoredStreak = { inARow: streak.count };
  if (streak.last) next.last = streak.last.message;
  if (streak.tripped) next.pausedUntil = now.plus({ milliseconds: PAUSE_MS }).toUTC().toISO()!;
  if (next.inARow === stored.inARow && next.pausedUntil === undefined && stored.pausedUntil === undefined) return;
  await output.put(batchStreakKey(week), JSON.stringify(next), LEDGER_JSON);
}

function parse(bytes: Buffer | undefined): StoredStreak {
  if (!bytes) return { inARow: 0 };
  try {
    const value = JSON.parse(bytes.toString('utf8')) as Partial<StoredStreak>;
    const stored: StoredStreak = { inARow: typeof value.inARow === 'number' && Number.isFinite(value.inARow) ? value.inARow : 0 };
    if (typeof value.last === 'string') stored.last = value.last.slice(0, 500);
    if (typeof value.pausedUntil === 'string') stored.pausedUntil = value.pausedUntil;
    return stored;
  } catch {
    // Damaged: only a count of failures, so start it again.
    return { inARow: 0 };
  }
}
