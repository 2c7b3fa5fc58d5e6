import type { Problem } from '../shared/errors.js';
import { defaultEntryId, type EntryMeta, type Link, type Source, type Tag } from './entry.js';
import type { RenderedBody } from './renderMarkdown.js';
import { slugify } from '../shared/slug.js';

/** What is known about one entry file at one version (S3 ETag, or local mtime and size). */
export interface IndexRecord {
  version: string;
  entry?: EntryMeta;
  problems?: Problem[];
  warnings?: Problem[];
  rendered?: RenderedBody;
  /** The body's first paragraph alone, for an entry no output needs the HTML of (kept only when `rendered` is not). */
  firstParagraph?: string;
  /**
   * The weeks mailed to subscribers the entry was in before an edit moved it out (lib/publish/keepMailedIn.ts): an
   * email carried it there, so moved back it is no late addition (lib/plan/missedDigests.ts).
   */
  mailedIn?: string[];
  /**
   * The hash of the text read (contentHash), when the file's version was racy at some read of it (lib/store/isRacy.ts):
   * kept while the version stays, it tells two texts of one version apart (recordVersion).
   */
  contentHash?: string;
  /** The version was racy at the last read: the next load reads the file again and compares its hash. */
  racy?: true;
}

/**
 * The version the outputs made from a record are built from (their fingerprints): the file's version, and the hash of
 * its text where a racy version could stand for more than one text.
 */
export function recordVersion(record: IndexRecord | undefined): string {
  if (record === undefined) return '';
  return record.contentHash === undefined ? record.version : `${record.version}#${record.contentHash}`;
}

/**
 * How an index record is stored: the entry without what its key already says (the key itself, the default id,
 * each tag's slug) or what is the default (no related links, not a draft), under short names: the index is
 * written on every publish that changes anything, and grows with the site.
 */
export interface StoredRecord {
  version: string;
  /** The entry (see StoredEntry). */
  e?: StoredEntry;
  problems?: IndexRecord['problems'];
  warnings?: IndexRecord['warnings'];
  rendered?: IndexRecord['rendered'];
  firstParagraph?: string;
  /** mailedIn */
  w?: string[];
  /** contentHash */
  h?: string;
  /** racy */
  rc?: 1;
}

interface StoredEntry {
  /** id, when not the default one the key gives. */
  i?: string;
  t: string;
  u: string;
  /** The source: its name alone when that is all it has. */
  s: string | Source;
  d: number;
  /** updated */
  up?: number;
  /** Tags: the name alone when its slug is slugify(name), else [name, slug] (site.yml's tagSlugs chose it). */
  g?: (string | [string, string])[];
  /** summary */
  m?: string;
  /** related links as [title, url] */
  r?: [string, string][];
  im?: string;
  /** imageAlt */
  ia?: string;
  dr?: 1;
  /** mergedTags, as g */
  mg?: (string | [string, string])[];
  /** tagIndexes */
  ti?: number[];
}

/** `keep` says which cached bodies go in (default: whatever the record has). */
export function encodeRecord(key: string, record: IndexRecord, keep: { rendered: boolean; firstParagraph: boolean } = { rendered: true, firstParagraph: true }): StoredRecord {
  const stored: StoredRecord = { version: record.version };
  if (record.entry) stored.e = encodeEntry(key, record.entry);
  if (record.problems) stored.problems = record.problems;
  if (record.warnings) stored.warnings = record.warnings;
  if (record.rendered && keep.rendered) stored.rendered = record.rendered;
  if (record.firstParagraph !== undefined && keep.firstParagraph) stored.firstParagraph = record.firstParagraph;
  if (record.mailedIn) stored.w = record.mailedIn;
  if (record.contentHash !== undefined) stored.h = record.contentHash;
  if (record.racy) stored.rc = 1;
  return stored;
}

export function decodeRecord(key: string, stored: StoredRecord): IndexRecord {
  const record: IndexRecord = { version: stored.version };
  if (stored.e) record.entry = decodeEntry(key, stored.e);
  if (stored.problems) record.problems = stored.problems;
  if (stored.warnings) record.warnings = stored.warnings;
  if (stored.rendered) record.rendered = stored.rendered;
  if (stored.firstParagraph !== undefined) record.firstParagraph = stored.firstParagraph;
  // Week names only: the index is a file on the output, not this code's memory alone.
  if (Array.isArray(stored.w)) record.mailedIn = stored.w.filter((week) => typeof week === 'string');
  if (typeof stored.h === 'string') record.contentHash = stored.h;
  if (stored.rc === 1) record.racy = true;
  return record;
}

function encodeEntry(key: string, entry: EntryMeta): StoredEntry {
  const stored: StoredEntry = { t: entry.title, u: entry.url, s: entry.source.url === undefined && entry.source.feed === undefined ? entry.source.name : entry.source, d: entry.date };
  if (entry.id !== defaultEntryId(key)) stored.i = entry.id;
  if (entry.updated !== undefined) stored.up = entry.updated;
  if (entry.tags.length > 0) stored.g = entry.tags.map(encodeTag);
  if (entry.summary !== undefined) stored.m = entry.summary;
  if (entry.related.length > 0) stored.r = entry.related.map((link) => [link.title, link.url]);
  if (entry.image !== undefined) stored.im = entry.image;
  if (entry.imageAlt !== undefined) stored.ia = entry.imageAlt;
  if (entry.draft) stored.dr = 1;
  if (entry.mergedTags) stored.mg = entry.mergedTags.map(encodeTag);
  if (entry.tagIndexes) stored.ti = entry.tagIndexes;
  return stored;
}

const encodeTag = (tag: Tag): string | [string, string] => (tag.slug === slugify(tag.name) ? tag.name : [tag.name, tag.slug]);
const decodeTag = (tag: string | [string, string]): Tag => (typeof tag === 'string' ? { name: tag, slug: slugify(tag) } : { name: tag[0], slug: tag[1] });

/** The entry as parseEntry builds it, fields in the same order. */
function decodeEntry(key: string, stored: StoredEntry): EntryMeta {
  const source: Source = typeof stored.s === 'string' ? { name: stored.s } : stored.s;
  const tags = (stored.g ?? []).map(decodeTag);
  const related: Link[] = (stored.r ?? []).map(([title, url]) => ({ title, url }));
  const entry: EntryMeta = { key, id: stored.i ?? defaultEntryId(key), title: stored.t, url: stored.u, source, date: stored.d, tags, related, draft: stored.dr === 1 };
  if (stored.up !== undefined) entry.updated = stored.up;
  if (stored.m !== undefined) entry.summary = stored.m;
  if (stored.im !== undefined) entry.image = stored.im;
  if (stored.ia !== undefined) entry.imageAlt = stored.ia;
  if (stored.mg !== undefined) entry.mergedTags = stored.mg.map(decodeTag);
  if (stored.ti !== undefined) entry.tagIndexes = stored.ti;
  return entry;
}
