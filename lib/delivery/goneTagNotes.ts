import type { DateTime } from 'luxon';
import { mapLimit } from '../shared/mapLimit.js';
import type { Store } from '../store/store.js';
import { mergeGoneTags } from './goneTagWarnings.js';
import { LEDGER_PREFIX } from '../digest/ledgerRecords.js';
import { newestLedgerWeeks } from '../digest/mailedWeeks.js';
import { LEDGER_JSON } from './sendLedger.js';

/**
 * The gone-tag counts of a fanned-out send, one small object per batch (its shard) beside the week's ledger: the
 * digest function's run ends before its batches are sent, so only these tell `broadsheet status` what the batches
 * found. A batch delivered again writes its shard's over, an empty object where it finds none (a count of zero, which
 * status sees in the listing and does not read). Each queuing of the send (a retried digest run queues it again) is
 * named in a marker beside the notes and in each note: status counts only the latest queuing's, so a shard that
 * emptied since an earlier queuing (whose batch writes nothing) no longer counts, nor does a batch of it that ends late.
 */
function goneTagsPrefix(week: string): string {
  return `${LEDGER_PREFIX}${week}/gone-tags/`;
}

/** The marker naming the send's latest queuing: not a shard's note (a shard is two hex digits). */
const QUEUING = 'queuing.json';

/** When a send is queued, before its batches: names this queuing, whose batches' notes alone status counts from now on. */
export async function noteGoneTagsQueuing(output: Store, week: string, queuing: string): Promise<void> {
  await output.put(`${goneTagsPrefix(week)}${QUEUING}`, JSON.stringify({ queuing }), LEDGER_JSON);
}

/**
 * After a batch that counted them: its shard's subscribers by chosen tag the site no longer has, with the queuing the
 * batch came from. None found writes a count of zero only where an earlier delivery of the batch may have left one
 * (`mayReplace`: the shard had recipients to count, or SQS delivers the batch again), so that a send's empty shards
 * cost no write.
 */
export async function noteGoneTags(output: Store, week: string, shard: string, goneTags: Readonly<Record<string, number>> | undefined, now: DateTime, mayReplace = false, queuing?: string): Promise<void> {
  const key = `${goneTagsPrefix(week)}${shard}.json`;
  if (goneTags && Object.keys(goneTags).length > 0) await output.put(key, JSON.stringify({ goneTags, at: now.toUTC().toISO(), ...(queuing !== undefined ? { queuing } : {}) }), LEDGER_JSON);
  else if (mayReplace) await output.put(key, '', LEDGER_JSON);
}

/** How many shards' objects are read at once. */
const SHARDS_AT_ONCE = 16;

/**
 * The newest week in the send ledger and its batches' gone tags, merged over the shards (undefined: no week, or no
 * batch of it found any). One LIST of the ledger's week folders, one of the week's notes, a GET of its queuing marker
 * and one per note. A note of another queuing than the marker's is left out; without a readable marker (a send queued
 * by an earlier version), every note counts. `ledger`: the ledger's weeks, when the caller has listed them already.
 */
export async function readGoneTags(output: Store, ledger?: readonly string[]): Promise<{ week: string; goneTags: Record<string, number> } | undefined> {
  const [week] = await newestLedgerWeeks(output, ledger);
  if (week === undefined) return undefined;
  const listed = await output.list(goneTagsPrefix(week));
  const marker = listed.find((note) => note.key.endsWith(`/${QUEUING}`));
  const latest = marker ? queuingOf(await output.get(marker.key)) : undefined;
  // An empty note is a count of zero, left unread.
  const notes = listed.filter((note) => note !== marker && note.size > 0);
  const counts = await mapLimit(notes, SHARDS_AT_ONCE, async (note) => shardCounts(await output.get(note.key), latest));
  const goneTags = counts.reduce<Record<string, number> | undefined>((all, one) => mergeGoneTags(all, one), undefined);
  return goneTags && Object.keys(goneTags).length > 0 ? { week, goneTags } : undefined;
}

/** The queuing a marker or note names, if any. */
function queuingOf(bytes: Buffer | undefined): string | undefined {
  if (!bytes) return undefined;
  try {
    const value = (JSON.parse(bytes.toString('utf8')) as { queuing?: unknown } | null)?.queuing;
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** A shard's note as counts by slug, when it is of the `queuing` given (if any); a damaged one counts for nothing (a warning only). */
function shardCounts(bytes: Buffer | undefined, queuing: string | undefined): Record<string, number> | undefined {
  if (!bytes) return undefined;
  try {
    const note = JSON.parse(bytes.toString('utf8')) as { goneTags?: unknown; queuing?: unknown } | null;
    if (queuing !== undefined && note?.queuing !== queuing) return undefined;
    const value = note?.goneTags;
    if (typeof value !== 'object' || value === null) return undefined;
    const counts: Record<string, number> = Object.create(null) as Record<string, number>;
    for (const [slug, n] of Object.entries(value)) if (typeof n === 'number' && Number.isInteger(n) && n > 0) counts[slug] = n;
    return counts;
  } catch {
    return undefined;
  }
}
