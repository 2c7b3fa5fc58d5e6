import type { EntryMeta } from '../content/entry.js';
import type { RenderedBody, RenderedSummary } from '../content/renderMarkdown.js';
import { contentTypeFor } from '../shared/contentTypes.js';
import type { NowWindow } from './nowWindow.js';
import type { SitePlan } from './sitePlan.js';

/** One file to publish. */
export interface Artifact {
  key: string;
  body: Buffer;
  contentType: string;
  /**
   * `archive`: a file that changes only when an edit reaches back to it (an RFC 5005 archive document), written with
   * publish's archiveCacheControl and handed to its invalidate hook when rewritten or deleted. Default: cacheControl.
   */
  cache?: 'archive';
}

/** A file of UTF-8 text, of the content type its key's extension names. */
export function artifact(key: string, text: string): Artifact {
  return { key, body: Buffer.from(text, 'utf8'), contentType: contentTypeFor(key) };
}

/** Rendered bodies by entry key; an entry asked for only by summariesNeeded has its first paragraph, no HTML. */
export type RenderedEntries = ReadonlyMap<string, RenderedBody | RenderedSummary>;

/** What a builder may know about the inputs of a publish beyond the plan, to fingerprint its units. */
export interface BuildContext {
  /** The entry file's version (S3 ETag, or local mtime and size): it changes whenever the file does. */
  versionOf(key: string): string;
  /** A hash of site.yml and of the code that makes the output (EntryIndex.contextFor, lib/codeIdentity.ts). */
  siteContext: string;
}

/**
 * A part of a builder's output that can be reused from the previous publish: when its fingerprint is the one
 * recorded then, and the manifest still holds its files as then, publish keeps their manifest records and
 * neither renders its entries nor builds it. Equal fingerprints must mean byte-identical files.
 */
export interface ArtifactUnit {
  /** Unique among all units of a publish, stable from run to run. */
  id: string;
  /** A hash of every input of its files; undefined: always build. */
  fingerprint?: string;
  /** The files it makes, known before building (checked after building, when it has a fingerprint). */
  keys: readonly string[];
  entriesNeeded: readonly EntryMeta[];
  summariesNeeded: readonly EntryMeta[];
  /**
   * Whether the entry index keeps the first paragraphs of `summariesNeeded` for the next run. Default true.
   * False for a unit that is seldom built again (an old digest week), whose few paragraphs are cheaper to read
   * again on that day than to carry in every index (docs/benchmarks.md has the sizes).
   */
  keepSummaries?: boolean;
  /**
   * Whether the entry index keeps the HTML bodies of `entriesNeeded` for the next run. Default true. False for a
   * unit rebuilt only when one of its entries' files changes, which reads that file again anyway.
   */
  keepBodies?: boolean;
  build(rendered: RenderedEntries): Artifact[];
}

/** The entries whose rendered bodies the entry index keeps for the next publish: those of units that keep bodies. */
export function keptBodyKeys(units: readonly ArtifactUnit[]): Set<string> {
  return new Set(units.flatMap((unit) => (unit.keepBodies === false ? [] : unit.entriesNeeded.map((entry) => entry.key))));
}

/** The entries whose first paragraphs the entry index keeps: those of units that keep summaries. */
export function keptSummaryKeys(units: readonly ArtifactUnit[]): Set<string> {
  return new Set(units.flatMap((unit) => (unit.keepSummaries === false ? [] : unit.summariesNeeded.map((entry) => entry.key))));
}

/**
 * Makes one family of published files (feeds, pages, digests) from the plan. Only the entries a builder
 * says it needs are rendered, so a 100k-entry site renders a few thousand bodies, not all of them.
 */
export interface ArtifactBuilder {
  /** Entries whose HTML body it needs. */
  entriesNeeded(plan: SitePlan): Iterable<EntryMeta>;
  /** Entries of which it needs only the first paragraph (cheaper: no HTML rendering or sanitising, a small cache). */
  summariesNeeded?(plan: SitePlan): Iterable<EntryMeta>;
  build(plan: SitePlan, rendered: RenderedEntries): Artifact[];
  /** The same output split into reusable units; publish prefers this to entriesNeeded/build when present. */
  units?(plan: SitePlan, context: BuildContext): ArtifactUnit[];
  /**
   * For a builder whose files depend on `plan.now` beyond which entries are published (the digest's weeks): the
   * moments around `plan.now` for which they stay the same. A publish is settled (see lib/publish/settled.ts) only inside
   * every builder's window.
   */
  nowWindow?(plan: SitePlan): NowWindow;
}
