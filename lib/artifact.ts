import type { EntryMeta } from './entry.js';
import type { RenderedBody } from './renderMarkdown.js';
import type { SitePlan } from './sitePlan.js';

/** One file to publish. */
export interface Artifact {
  key: string;
  body: Buffer;
  contentType: string;
}

/** Rendered bodies by entry key. */
export type RenderedEntries = ReadonlyMap<string, RenderedBody>;

/**
 * Makes one family of published files (feeds, pages, digests) from the plan. Only the entries a builder
 * says it needs are rendered, so a 100k-entry site renders a few thousand bodies, not all of them.
 */
export interface ArtifactBuilder {
  entriesNeeded(plan: SitePlan): Iterable<EntryMeta>;
  build(plan: SitePlan, rendered: RenderedEntries): Artifact[];
}
