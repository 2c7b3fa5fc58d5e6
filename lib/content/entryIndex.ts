import { createHash } from 'node:crypto';
import { decodeRecord, encodeRecord, type IndexRecord, type StoredRecord } from './indexRecordCodec.js';
import { getWithin, MAX_TEXT_BYTES, type Store } from '../store/store.js';
import { STATE_DIR } from '../shared/outputLayout.js';
import { Utf8Chunks } from '../shared/utf8Chunks.js';
import { codeIdentity } from '../codeIdentity.js';
import { memberSpans, type MemberSpan } from '../shared/fast/jsonMembers.js';
import type { EntryMeta } from './entry.js';
import { isValidZone } from '../time/isValidZone.js';
import { onFirstCall } from '../shared/onFirstCall.js';

/**
 * What a published entry was, as far as finding its id changed needs: its file, id, article, source and when it was
 * public; and the weeks mailed to subscribers it was in before an edit moved it out (IndexRecord.mailedIn).
 */
export type PreviousEntry = Pick<EntryMeta, 'key' | 'id' | 'url' | 'date' | 'draft'> &
  Partial<Pick<EntryMeta, 'source' | 'updated' | 'tags'>> & {
    mailedIn?: readonly string[];
    /** The file's version it was read from, kept from an index made for another site.yml: the same file, read anew (lib/plan/zoneMovedDates.ts). */
    version?: string;
    /** The time zone its dates were read in (that site.yml's timezone), when that index names it: a copy of the file, read anew, shows the same wall clock (lib/plan/zoneMovedDates.ts). */
    zone?: string;
    /**
     * An id out now (EntryIndex.out): the feeds whose readers have it under the id it would have now, by directory ('' the
     * site feed, `tags/<slug>/`), the feeds it was in when last published (none after an id prefix change). Absent when
     * not known (an index written before they were kept).
     */
    fedIn?: readonly string[];
  };

export const INDEX_KEY = `${STATE_DIR}index.json`;

/** The most ids published once and out now the index keeps (EntryIndex.out), the newest by date: a few hundred kilobytes at most. */
export const MAX_OUT_IDS = 1000;

/**
 * How the index stores an id published once and out now: id, file, url, date, source's name. Five, always: the code
 * before fedIn was kept (7e3f880d) passes over an item of any other length, so code rolled back to it would forget
 * every id out. An index written while fedIn was a sixth element is still read.
 */
type StoredOut = [string, string, string, number, string];

/**
 * The feeds whose readers have each id out (PreviousEntry.fedIn), in the index's `outFedIn` beside `out`, by place:
 * null when not known. A member of its own, which older code does not read.
 */
type StoredOutFedIn = (readonly string[] | null)[];

const SERIALIZE_CHUNK = 200;

/**
 * Parsed front matter (and rendered bodies of the entries some output uses), keyed by the file's version.
 * It lets a scheduled run skip reading unchanged entries: on S3 that is the difference between a few
 * requests and one GET per entry. It is valid only for the same site.yml and the same code.
 */
export class EntryIndex {
  readonly records = new Map<string, IndexRecord>();
  /** The stored index as read: its text lives only while it is parsed. */
  private loadedBytes: Buffer | undefined;
  /** Each record's fields as decoded (a shallow copy): serialize copies the loaded text of one left so. */
  private asLoaded: Map<string, IndexRecord> | undefined;
  /** Set by whoever adds or changes a record after loading (loadContent, renderEntries). */
  private changed = false;
  /** True when the records came from a stored index made for this same context. */
  private loadedRecords = false;
  /**
   * The entries of a stored index made for another context (another site.yml, or the code before an upgrade):
   * never reused, but a renamed file's published id must still be found (lib/plan/idChanges.ts), and the first
   * publish after a deployment is such a one.
   */
  readonly previous: PreviousEntry[] = [];
  /** Such an index's mailed weeks kept with files that were invalid then (IndexRecord.mailedIn without an entry), by file. */
  readonly previousMailedIn = new Map<string, string[]>();
  /**
   * The ids published once that no entry publishes now (drafted, dated later, invalid, or its file deleted), as last
   * published, newest first (lib/plan/outIds.ts): an entry that comes back renamed is still an id change
   * (lib/plan/idChanges.ts). Kept whatever the context: it is what the output published, not a cache.
   */
  private outIds: readonly PreviousEntry[] = [];

  private readonly contextOf: () => string;

  /**
   * `context`: contextFor's value, or a function giving it when first asked for (an index that is never stored nor
   * compared then never hashes the code). `zone`: the site's timezone, which the entries' dates without an offset are
   * read in; the index names it for the next site.yml (PreviousEntry.zone).
   */
  constructor(
    context: string | (() => string),
    readonly zone?: string,
  ) {
    this.contextOf = typeof context === 'string' ? () => context : onFirstCall(context);
  }

  /** A hash of the site.yml and code this index's records were made by (contextFor). */
  get context(): string {
    return this.contextOf();
  }

  /** The same site.yml read by the same code (its parser, renderers and record format): lib/codeIdentity.ts. */
  static contextFor(siteText: string, code: string = codeIdentity()): string {
    return createHash('sha256').update(`${code}\n${siteText}`).digest('hex');
  }

  static async load(store: Store, context: string, zone?: string): Promise<EntryIndex> {
    const index = new EntryIndex(context, zone);
    // No longer than a text can be: a larger object (a junk upload) could not be parsed, and is never downloaded.
    const bytes = await getWithin(store, INDEX_KEY, MAX_TEXT_BYTES);
    // None, or too large: a damaged index is only a cache, so start again.
    if (bytes === undefined || typeof bytes === 'number') return index;
    index.loadedBytes = bytes;
    try {
      const data = JSON.parse(bytes.toString('utf8')) as { context?: string; zone?: unknown; records?: Record<string, StoredRecord> };
      index.outIds = decodeOut((data as { out?: unknown }).out, (data as { outFedIn?: unknown }).outFedIn);
      if (data.context === context && data.records) {
        for (const [key, record] of Object.entries(data.records)) index.records.set(key, decodeRecord(key, record));
        index.loadedRecords = true;
        index.asLoaded = new Map([...index.records].map(([key, record]) => [key, { ...record }]));
      } else if (data.records) {
        // A zone Intl knows only: the index is a file on the output, and a date is placed in this one.
        const zone = typeof data.zone === 'string' && isValidZone(data.zone) ? data.zone : undefined;
        for (const [key, record] of Object.entries(data.records)) {
          const previous = previousEntry(key, record, zone);
          if (previous) index.previous.push(previous);
          else if (Array.isArray(record.w) && record.e === undefined) index.previousMailedIn.set(key, record.w.filter((week) => typeof week === 'string'));
        }
      }
    } catch {
      // A damaged index is only a cache: start again.
    }
    return index;
  }

  /** Whether the records came from a stored index made for this same site.yml and code. */
  get madeForThisContext(): boolean {
    return this.loadedRecords;
  }

  get out(): readonly PreviousEntry[] {
    return this.outIds;
  }

  /** Replaces the ids published once and out now (see `out`); the index is written again only if they differ. */
  setOut(out: readonly PreviousEntry[]): void {
    const kept = out.slice(0, MAX_OUT_IDS);
    if (JSON.stringify([kept.map(encodeOut), encodeOutFedIn(kept)]) === JSON.stringify([this.outIds.map(encodeOut), encodeOutFedIn(this.outIds)])) return;
    this.outIds = kept;
    this.changed = true;
  }

  markChanged(): void {
    this.changed = true;
  }

  /** Lets an entry's rendered body go when the index will not keep it (serialize's renderedKeys lacks it). */
  dropRendered(key: string): void {
    const record = this.records.get(key);
    if (record?.rendered === undefined) return;
    delete record.rendered;
    this.changed = true;
  }

  /**
   * Serialises the index, keeping only records for `liveKeys`, rendered bodies only for `renderedKeys`, and
   * first paragraphs alone only for `summaryKeys` (not rendered).
   */
  serialize(liveKeys: Iterable<string>, renderedKeys: ReadonlySet<string>, summaryKeys: ReadonlySet<string> = new Set()): readonly Buffer[] {
    // Nothing added or changed, the same files, the same bodies kept: it would serialise to what was loaded
    // (large for a large site), so those bytes are returned as they are.
    if (this.loadedBytes && this.loadedRecords && !this.changed && this.keepsAsLoaded(liveKeys, renderedKeys, summaryKeys)) return [this.loadedBytes];
    // Stringified a chunk of records at a time (one call for many records): each chunk's objects and text
    // die young, and the texts become UTF-8 chunks as they come (see Utf8Chunks), so the whole text never exists
    // as one string.
    // A record left as it was loaded, keeping what it kept, is the text it was loaded from: those texts are copied
    // as they lie in the loaded bytes, each run of neighbours as one piece (MemberSpan).
    const out = new Utf8Chunks();
    out.push(`{"context":${JSON.stringify(this.context)},${this.zone === undefined ? '' : `"zone":${JSON.stringify(this.zone)},`}"records":{`);
    let chunk: Record<string, StoredRecord> = {};
    let inChunk = 0;
    let first = true;
    const flush = () => {
      if (inChunk === 0) return;
      out.push(`${first ? '' : ','}${JSON.stringify(chunk).slice(1, -1)}`);
      first = false;
      chunk = {};
      inChunk = 0;
    };
    const loadedBytes = this.loadedBytes;
    // Where each record's text lies in the loaded bytes: found only now, by a publish that writes the index.
    const spans = this.asLoaded && loadedBytes ? memberSpans(loadedBytes, ['records'], ':').get('records') : undefined;
    let run: MemberSpan | undefined;
    const flushRun = () => {
      if (run === undefined) return;
      if (!first) out.push(',');
      out.pushBytes(loadedBytes!.subarray(run.start, run.end));
      first = false;
      run = undefined;
    };
    for (const key of [...liveKeys].sort()) {
      const record = this.records.get(key);
      if (!record) continue;
      const keepRendered = record.rendered !== undefined && renderedKeys.has(key);
      const keepFirstParagraph = !keepRendered && record.firstParagraph !== undefined && summaryKeys.has(key);
      const span = spans?.get(key);
      const was = span && this.asLoaded!.get(key);
      if (span !== undefined && was !== undefined && storedAs(was, record, keepRendered, keepFirstParagraph)) {
        flush();
        if (run !== undefined && span.start === run.end + 1 && loadedBytes![run.end] === COMMA) run.end = span.end;
        else {
          flushRun();
          run = { start: span.start, end: span.end };
        }
        continue;
      }
      flushRun();
      chunk[key] = encodeRecord(key, record, { rendered: keepRendered, firstParagraph: keepFirstParagraph });
      if (++inChunk === SERIALIZE_CHUNK) flush();
    }
    flush();
    flushRun();
    // Only when there are any: the index of a site that never took an entry out stays as it was.
    const fedIn = encodeOutFedIn(this.outIds);
    out.push(this.outIds.length > 0 ? `},"out":${JSON.stringify(this.outIds.map(encodeOut))}${fedIn ? `,"outFedIn":${JSON.stringify(fedIn)}` : ''}}` : '}}');
    return out.chunks();
  }

  /** True when serialising would drop nothing that was loaded (and nothing was added: see `changed`). */
  private keepsAsLoaded(liveKeys: Iterable<string>, renderedKeys: ReadonlySet<string>, summaryKeys: ReadonlySet<string>): boolean {
    let live = 0;
    for (const key of liveKeys) {
      if (!this.records.has(key)) return false;
      live++;
    }
    if (live !== this.records.size) return false;
    for (const [key, record] of this.records) {
      const keepsRendered = Boolean(record.rendered) && renderedKeys.has(key);
      if (record.rendered && !keepsRendered) return false;
      if (record.firstParagraph !== undefined && (keepsRendered || !summaryKeys.has(key))) return false;
    }
    return true;
  }

  /** False when `chunks` (from serialize) hold the bytes that were loaded. */
  changedFromLoaded(chunks: readonly Buffer[]): boolean {
    const loaded = this.loadedBytes;
    if (loaded === undefined) return true;
    let offset = 0;
    for (const chunk of chunks) {
      if (offset + chunk.length > loaded.length || !chunk.equals(loaded.subarray(offset, offset + chunk.length))) return true;
      offset += chunk.length;
    }
    return offset !== loaded.length;
  }
}

const COMMA = 0x2c;

/**
 * Whether serialising `record` (with or without its rendered body and first paragraph) gives the text of the record
 * as it was loaded (`was`, its fields as decoded): the same fields, the same cached bodies kept. This code wrote that
 * text (the index's context names the code), and encodes the same fields to the same text.
 */
function storedAs(was: IndexRecord, record: IndexRecord, keepRendered: boolean, keepFirstParagraph: boolean): boolean {
  return (
    record.version === was.version &&
    record.entry === was.entry &&
    record.problems === was.problems &&
    record.warnings === was.warnings &&
    record.rendered === was.rendered &&
    record.firstParagraph === was.firstParagraph &&
    record.mailedIn === was.mailedIn &&
    record.contentHash === was.contentHash &&
    record.racy === was.racy &&
    keepRendered === (was.rendered !== undefined) &&
    keepFirstParagraph === (was.firstParagraph !== undefined)
  );
}

/** A record's entry as another code's index stored it, or undefined when its form is not this code's. */
function previousEntry(key: string, record: StoredRecord, zone: string | undefined): PreviousEntry | undefined {
  let decoded: IndexRecord;
  try {
    decoded = decodeRecord(key, record);
  } catch {
    return undefined;
  }
  const { entry, mailedIn } = decoded;
  if (!entry || typeof entry.id !== 'string' || typeof entry.url !== 'string' || !Number.isFinite(entry.date)) return undefined;
  const source = typeof entry.source?.name === 'string' ? { source: entry.source } : {};
  const updated = entry.updated !== undefined && Number.isFinite(entry.updated) ? { updated: entry.updated } : {};
  // Its tags say the feeds it was in, should it go out now (lib/plan/outIds.ts).
  return { key, id: entry.id, url: entry.url, date: entry.date, draft: entry.draft === true, tags: entry.tags, ...source, ...updated, ...(mailedIn ? { mailedIn } : {}), version: decoded.version, ...(zone !== undefined ? { zone } : {}) };
}

function encodeOut(entry: PreviousEntry): StoredOut {
  return [entry.id, entry.key, entry.url, entry.date, entry.source?.name ?? ''];
}

/** Undefined when no feeds are known: the index of a site with none stays as it was. */
function encodeOutFedIn(out: readonly PreviousEntry[]): StoredOutFedIn | undefined {
  return out.some((entry) => entry.fedIn !== undefined) ? out.map((entry) => entry.fedIn ?? null) : undefined;
}

/** The stored ids out now, those of this code's form: the index is a file on the output, not this code's memory alone. */
function decodeOut(stored: unknown, storedFedIn: unknown): PreviousEntry[] {
  if (!Array.isArray(stored)) return [];
  const out: PreviousEntry[] = [];
  for (const [place, item] of stored.slice(0, MAX_OUT_IDS).entries()) {
    if (!Array.isArray(item) || (item.length !== 5 && item.length !== 6)) continue;
    const [id, key, url, date, source, inItem] = item as unknown[];
    const fedIn = item.length === 6 ? inItem : Array.isArray(storedFedIn) ? (storedFedIn[place] as unknown) : undefined;
    if (typeof id !== 'string' || typeof key !== 'string' || typeof url !== 'string' || typeof date !== 'number' || !Number.isFinite(date) || typeof source !== 'string') continue;
    // Feeds not known (an index before they were kept, or a list of other things): said so, not read as none.
    const fed = Array.isArray(fedIn) && fedIn.every((feed) => typeof feed === 'string') ? { fedIn: fedIn as string[] } : {};
    out.push({ key, id, url, date, draft: false, ...(source === '' ? {} : { source: { name: source } }), ...fed });
  }
  return out;
}
