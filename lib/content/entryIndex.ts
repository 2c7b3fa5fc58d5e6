import { createHash } from 'node:crypto';
import { decodeRecord, encodeRecord, type IndexRecord, type StoredRecord } from './indexRecordCodec.js';
import type { Store } from '../store/store.js';
import { STATE_DIR } from '../shared/outputLayout.js';

export const INDEX_KEY = `${STATE_DIR}index.json`;

/** Bump when parsing or rendering changes, so cached results from older code are not reused. */
const FORMAT = 6;
const SERIALIZE_CHUNK = 2_000;

/**
 * Parsed front matter (and rendered bodies of the entries some output uses), keyed by the file's version.
 * It lets a scheduled run skip reading unchanged entries: on S3 that is the difference between a few
 * requests and one GET per entry. It is valid only for the same site.yml and the same code.
 */
export class EntryIndex {
  readonly records = new Map<string, IndexRecord>();
  private loadedText = '';
  /** Set by whoever adds or changes a record after loading (loadContent, renderEntries). */
  private changed = false;
  /** True when the records came from a stored index made for this same context. */
  private loadedRecords = false;

  constructor(readonly context: string) {}

  static contextFor(siteText: string): string {
    return createHash('sha256').update(`${FORMAT}\n${siteText}`).digest('hex');
  }

  static async load(store: Store, context: string): Promise<EntryIndex> {
    const index = new EntryIndex(context);
    const bytes = await store.get(INDEX_KEY);
    if (!bytes) return index;
    index.loadedText = bytes.toString('utf8');
    try {
      const data = JSON.parse(index.loadedText) as { context?: string; records?: Record<string, StoredRecord> };
      if (data.context === context && data.records) {
        for (const [key, record] of Object.entries(data.records)) index.records.set(key, decodeRecord(key, record));
        index.loadedRecords = true;
      }
    } catch {
      // A damaged index is only a cache: start again.
    }
    return index;
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
  serialize(liveKeys: Iterable<string>, renderedKeys: ReadonlySet<string>, summaryKeys: ReadonlySet<string> = new Set()): string {
    // Nothing added or changed, the same files, the same bodies kept: it would serialise to what was loaded
    // (tens of MB at 100,000 entries), so that text is returned as it is.
    if (this.loadedRecords && !this.changed && this.keepsAsLoaded(liveKeys, renderedKeys, summaryKeys)) return this.loadedText;
    // Stringified a chunk of records at a time: each chunk's objects die young, and each chunk's text (a few
    // hundred KB) goes straight to V8's large-object space, so the collector never copies 100,000 encoded records.
    const chunks: string[] = [];
    let chunk: Record<string, StoredRecord> = {};
    let inChunk = 0;
    const flush = () => {
      const text = JSON.stringify(chunk);
      chunks.push(text.slice(1, -1));
      chunk = {};
      inChunk = 0;
    };
    for (const key of [...liveKeys].sort()) {
      const record = this.records.get(key);
      if (!record) continue;
      const keepRendered = record.rendered !== undefined && renderedKeys.has(key);
      chunk[key] = encodeRecord(key, record, { rendered: keepRendered, firstParagraph: !keepRendered && record.firstParagraph !== undefined && summaryKeys.has(key) });
      if (++inChunk === SERIALIZE_CHUNK) flush();
    }
    if (inChunk > 0) flush();
    return `{"context":${JSON.stringify(this.context)},"records":{${chunks.join(',')}}}`;
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

  changedFromLoaded(text: string): boolean {
    return text !== this.loadedText;
  }
}
