import type { DateTime } from 'luxon';
import { mapLimit } from '../shared/mapLimit.js';
import type { Store } from '../store/store.js';
import { LEDGER_PREFIX } from '../digest/ledgerRecords.js';
import { SUBSCRIBER_SHARDS } from '../subscribers/subscriberShards.js';
import { LEDGER_JSON, SendLedger } from './sendLedger.js';
import type { SendSummary } from './sendDigest.js';

/**
 * A fanned-out send's counts, one note per batch (its shard) beside the week's ledger: a batch knows only its shard,
 * so status sums them instead of listing the week's ledger (some 300 listing requests a week for a list of 100,000).
 * A note is keyed by the send's fan-out (each queuing has its own) and the shard, so a batch delivered again writes its
 * shard's over. As it begins, before its first ledger write, a batch writes its shard's note as begun, under its own
 * name; once it has tried or settled every recipient of the shard (not stopped, none held by another run), it writes
 * its counts over it while the note still names it: a batch begun since (SQS delivers one twice) keeps its own, and
 * one killed leaves it begun. A count of none is an empty note, which status sees in the listing and does not read.
 * A marker beside the notes names the fan-out whose notes count: written as the send is queued, and, naming no
 * fan-out, by a whole send as it begins (a batch's note no longer tells its shard once that send has written to it).
 * A send that writes a shard's ledger and is not that fan-out's batch (a whole send begun before the queuing, a batch
 * of an earlier queuing) writes the counted fan-out's note of the shard begun first (noteShardTouched).
 * A batch of a shard with nobody to send to writes a count of none where the shard has no note (a small list's
 * batches are mostly such). `settle` writes the notes of the shards it settled as settled: status lists those
 * shards' ledger.
 */
function notesPrefix(week: string): string {
  return `${LEDGER_PREFIX}${week}/shard-notes/`;
}

/** The marker naming the fan-out whose notes count: not a fan-out's folder (those are named by a UUID). */
function markerKey(week: string): string {
  return `${notesPrefix(week)}fanout.json`;
}

/** The note of one batch of the fan-out `fanout`: its shard's. */
export function shardNoteKey(week: string, fanout: string, shard: string): string {
  return `${notesPrefix(week)}${fanout}/${shard}.json`;
}

/** As a send is queued, before its batches: its batches' notes alone count from now on. */
export async function noteFanout(output: Store, week: string, fanout: string): Promise<void> {
  await output.put(markerKey(week), JSON.stringify({ fanout }), LEDGER_JSON);
}

/** As a whole send of the week begins, before its first ledger write: no fan-out's notes count any more. */
export async function noteWholeSend(output: Store, week: string, run: string): Promise<void> {
  await output.put(markerKey(week), JSON.stringify({ whole: run }), LEDGER_JSON);
}

/** As a batch begins, before its first ledger write: its shard's note names it, counting nothing yet. */
export async function noteShardBegun(output: Store, week: string, fanout: string, shard: string, name: string): Promise<void> {
  await output.put(shardNoteKey(week, fanout, shard), JSON.stringify({ begun: name }), LEDGER_JSON);
}

/**
 * As another send of the week begins to write a shard's ledger (a whole send, before each shard; a batch of an earlier
 * queuing, which SQS may deliver after the send was queued again): the counted fan-out's note of that shard is
 * written begun under the send's name, so that status lists that shard's ledger instead of a count read before. One
 * GET, and a PUT only when a fan-out other than `queuing` (the batch's own) is counted.
 */
export async function noteShardTouched(output: Store, week: string, shard: string, name: string, queuing?: string): Promise<void> {
  const fanout = fanoutOf(await output.get(markerKey(week)));
  if (fanout !== undefined && fanout !== queuing) await noteShardBegun(output, week, fanout, shard, name);
}

/** noteShardTouched's store requests at most: the marker's GET and the note's PUT. */
export const SHARD_TOUCH_REQUESTS = 2;

/**
 * noteShardTouched for a whole send from a list (a recipients file, an SES contact list), whose recipients come in no
 * shard's order: called with a recipient's ledger id before the send's first write of it, it touches that id's shard
 * the first time only. A shard touched before a fan-out was queued is not touched again: a batch then claims its
 * shard's subscribers before this send does, which writes to that shard after the batch only for recipients not on the
 * list (whom its notes do not count).
 */
export function shardToucher(output: Store, week: string, name: string): (id: string) => Promise<void> {
  const touched = new Set<string>();
  return async (id) => {
    const shard = id.slice(0, 2);
    if (touched.has(shard)) return;
    await noteShardTouched(output, week, shard, name);
    touched.add(shard);
  };
}

/**
 * After a batch begun as `name`: when it tried or settled every recipient of its shard, its counts of unknown and
 * failed, written over its begun note while that still names it (one GET). A batch that did not leaves it begun. No
 * send (`undefined`: none of the shard's subscribers chose a tag of the week) counts none. Counts found in its place
 * were written since it began, by a batch that read the shard before its writes (that batch's read and write straddled
 * this one's begun note): they are written over as begun, under a name no batch carries.
 */
export async function noteShardCounts(output: Store, week: string, fanout: string, shard: string, name: string, send: SendSummary | undefined, now: DateTime): Promise<void> {
  const key = shardNoteKey(week, fanout, shard);
  const bytes = await output.get(key);
  if (readNote(bytes).begun !== name) {
    if (bytes !== undefined && (bytes.length === 0 || countsOf(bytes) !== undefined)) await noteShardBegun(output, week, fanout, shard, `${name}-overtaken`);
    return;
  }
  if (send && (send.stopped !== undefined || send.notReached > 0 || send.heldByOthers)) return;
  const none = !send || (send.unknown === 0 && send.failed === 0);
  await output.put(key, none ? '' : JSON.stringify({ unknown: send.unknown, failed: send.failed, at: now.toUTC().toISO() }), LEDGER_JSON);
}

/**
 * After a batch whose shard had nobody to send to: a count of none, written only where the shard has no note yet
 * (create-only): a batch of the shard that began meanwhile, or ended with counts, keeps its own.
 */
export async function noteShardEmpty(output: Store, week: string, fanout: string, shard: string): Promise<void> {
  await output.putIfAbsent(shardNoteKey(week, fanout, shard), '', LEDGER_JSON);
}

/**
 * After `settle`: the notes of the shards of the recipients settled (their ledger ids), in the fan-out whose notes
 * count, are written as settled, so that status lists those shards' ledger instead. One GET, and a PUT a shard.
 */
export async function noteShardsSettled(output: Store, week: string, ids: readonly string[], now: DateTime): Promise<void> {
  const fanout = fanoutOf(await output.get(markerKey(week)));
  if (fanout === undefined) return;
  for (const shard of new Set(ids.map((id) => id.slice(0, 2)))) {
    await output.put(shardNoteKey(week, fanout, shard), JSON.stringify({ settled: now.toUTC().toISO() }), LEDGER_JSON);
  }
}

/** How many shards' notes are read at once. */
const SHARDS_AT_ONCE = 16;

/**
 * The most shards status lists the ledger of, for want of a note of counts: more (a send still under way, batches
 * stopped or not yet delivered) and the week's whole ledger is read instead, in one listing.
 */
export const SHARDS_LISTED_AT_MOST = 16;

/**
 * A fanned-out week's unknown and failed recipients, summed over its shards' notes: a GET of the marker, one LIST of the
 * fan-out's notes, a GET of each note that counts any, and a listing of the ledger of each shard with no note of
 * counts (begun, settled, damaged, or none). Undefined when no fan-out's notes count (none queued, or a whole send
 * begun since), or when more than SHARDS_LISTED_AT_MOST shards have no note of counts: the week's ledger tells.
 */
export async function readShardCounts(output: Store, week: string): Promise<{ unknown: number; failed: number } | undefined> {
  const fanout = fanoutOf(await output.get(markerKey(week)));
  if (fanout === undefined) return undefined;
  const listed = new Map((await output.list(`${notesPrefix(week)}${fanout}/`)).map((note) => [note.key, note]));
  const notes = SUBSCRIBER_SHARDS.map((shard) => ({ shard, note: listed.get(shardNoteKey(week, fanout, shard)) }));
  if (notes.filter(({ note }) => note === undefined).length > SHARDS_LISTED_AT_MOST) return undefined;
  // An empty note counts none, left unread.
  const counted = await mapLimit(notes, SHARDS_AT_ONCE, async ({ note }) => (note === undefined ? undefined : note.size === 0 ? { unknown: 0, failed: 0 } : countsOf(await output.get(note.key))));
  const unlisted = notes.filter((_, index) => counted[index] === undefined).map(({ shard }) => shard);
  if (unlisted.length > SHARDS_LISTED_AT_MOST) return undefined;
  const ledger = new SendLedger(output, week);
  const listedCounts = await mapLimit(unlisted, SHARDS_AT_ONCE, async (shard) => {
    const records = [...(await ledger.loadShard(shard)).values()];
    return { unknown: records.filter((record) => record.status === 'unknown').length, failed: records.filter((record) => record.status === 'failed').length };
  });
  return [...counted, ...listedCounts].reduce<{ unknown: number; failed: number }>((sum, one) => ({ unknown: sum.unknown + (one?.unknown ?? 0), failed: sum.failed + (one?.failed ?? 0) }), { unknown: 0, failed: 0 });
}

/** The fan-out a marker names; undefined when none (a whole send's, absent, or damaged). */
function fanoutOf(bytes: Buffer | undefined): string | undefined {
  const fanout = readNote(bytes).fanout;
  return typeof fanout === 'string' ? fanout : undefined;
}

/** A note's counts when it holds whole numbers of both; undefined otherwise (begun, settled, damaged). */
function countsOf(bytes: Buffer | undefined): { unknown: number; failed: number } | undefined {
  const { unknown, failed } = readNote(bytes);
  return Number.isSafeInteger(unknown) && Number.isSafeInteger(failed) && (unknown as number) >= 0 && (failed as number) >= 0 ? { unknown: unknown as number, failed: failed as number } : undefined;
}

function readNote(bytes: Buffer | undefined): Record<string, unknown> {
  try {
    const value: unknown = bytes === undefined ? undefined : JSON.parse(bytes.toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
