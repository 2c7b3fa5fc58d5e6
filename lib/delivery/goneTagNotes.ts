import type { DateTime } from 'luxon';
import { mapLimit } from '../shared/mapLimit.js';
import type { Store } from '../store/store.js';
import { mergeGoneTags } from './goneTagWarnings.js';
import { LEDGER_JSON, LEDGER_PREFIX, ledgerWeeks } from './sendLedger.js';

/**
 * The gone-tag counts of a fanned-out send, one small object per batch (its shard) beside the week's ledger: the
 * digest function's run ends before its batches are sent, so only these tell `broadsheet status` what the batches
 * found. A batch delivered again writes its shard's over; one that finds none writes nothing (its shard's object, if
 * any, stays until the next week's send, which status reads instead).
 */
function goneTagsPrefix(week: string): string {
  return `${LEDGER_PREFIX}${week}/gone-tags/`;
}

/** After a batch: its shard's subscribers by chosen tag the site no longer has, when there are any. */
export async function noteGoneTags(output: Store, week: string, shard: string, goneTags: Readonly<Record<string, number>> | undefined, now: DateTime): Promise<void> {
  if (!goneTags || Object.keys(goneTags).length === 0) return;
  await output.put(`${goneTagsPrefix(week)}${shard}.json`, JSON.stringify({ goneTags, at: now.toUTC().toISO() }), LEDGER_JSON);
}

/** How many shards' objects are read at once. */
const SHARDS_AT_ONCE = 16;

/**
 * The newest week in the send ledger and its batches' gone tags, merged over the shards (undefined: no week, or no
 * batch of it found any). One LIST of the ledger's week folders, one of the week's notes, and a GET per note.
 */
export async function readGoneTags(output: Store): Promise<{ week: string; goneTags: Record<string, number> } | undefined> {
  const week = (await ledgerWeeks(output)).sort().at(-1);
  if (week === undefined) return undefined;
  const notes = await output.list(goneTagsPrefix(week));
  const counts = await mapLimit(notes, SHARDS_AT_ONCE, async (note) => shardCounts(await output.get(note.key)));
  const goneTags = counts.reduce<Record<string, number> | undefined>((all, one) => mergeGoneTags(all, one), undefined);
  return goneTags && Object.keys(goneTags).length > 0 ? { week, goneTags } : undefined;
}

/** A shard's note as counts by slug; a damaged one counts for nothing (a warning only). */
function shardCounts(bytes: Buffer | undefined): Record<string, number> | undefined {
  if (!bytes) return undefined;
  try {
    const value = (JSON.parse(bytes.toString('utf8')) as { goneTags?: unknown } | null)?.goneTags;
    if (typeof value !== 'object' || value === null) return undefined;
    const counts: Record<string, number> = Object.create(null) as Record<string, number>;
    for (const [slug, n] of Object.entries(value)) if (typeof n === 'number' && Number.isInteger(n) && n > 0) counts[slug] = n;
    return counts;
  } catch {
    return undefined;
  }
}
