import type { EntryMeta } from './entry.js';
import type { EntryIndex } from './entryIndex.js';
import type { BodyCache } from './bodyCache.js';
import { splitFrontMatter } from './frontMatter.js';
import { mapLimit } from '../shared/mapLimit.js';
import { firstParagraphOf } from './firstParagraph.js';
import { footnoteIds } from './footnoteIds.js';
import { renderMarkdown, type RenderedBody, type RenderedSummary } from './renderMarkdown.js';
import type { Site } from './site.js';
import { getText, type Store } from '../store/store.js';
import { ENTRY_READ } from './entrySize.js';

/** Where the entries' bodies come from: the content store, the entry index's rendered copies, and the bodies the load kept. */
export interface EntrySource {
  content: Store;
  index: EntryIndex;
  bodies?: BodyCache;
}

/**
 * Renders the bodies of `entries` (Markdown → sanitised HTML), and only the first paragraph of `summaries`
 * (a Markdown parse: no HTML, no sanitising), reusing the index's copy when the file's version is unchanged.
 * An entry in both gets its HTML. A body the load kept is taken from it; the others are read one batch at a
 * time, never all at once.
 */
export async function renderEntries(
  site: Site,
  entries: Iterable<EntryMeta>,
  source: EntrySource,
  concurrency = 32,
  summaries: Iterable<EntryMeta> = [],
): Promise<Map<string, RenderedBody | RenderedSummary>> {
  const { content, index, bodies } = source;
  const rendered = new Map<string, RenderedBody | RenderedSummary>();
  // Keyed by entry key: the builders ask for the same entries many times over (site feed, tag feeds, pages, digests).
  const missing = new Map<string, EntryMeta>();
  for (const entry of entries) {
    if (rendered.has(entry.key) || missing.has(entry.key)) continue;
    const cached = index.records.get(entry.key)?.rendered;
    if (cached) rendered.set(entry.key, cached);
    else missing.set(entry.key, entry);
  }
  const missingSummaries = new Map<string, EntryMeta>();
  for (const entry of summaries) {
    if (rendered.has(entry.key) || missing.has(entry.key) || missingSummaries.has(entry.key)) continue;
    const record = index.records.get(entry.key);
    const cached = record?.rendered?.firstParagraph ?? record?.firstParagraph;
    if (cached !== undefined) rendered.set(entry.key, { firstParagraph: cached });
    else missingSummaries.set(entry.key, entry);
  }
  const bodyOf = async (entry: EntryMeta) => {
    const kept = bodies?.take(entry.key);
    if (kept !== undefined) return kept;
    // Read again (past the load's kept bodies): still capped, though the file may have been replaced since the load.
    const text = (await getText(content, entry.key, undefined, ENTRY_READ)) ?? '';
    const split = splitFrontMatter(text);
    return split.ok ? split.value.body : '';
  };
  await mapLimit([...missing.values()], concurrency, async (entry) => {
    const body = renderMarkdown(await bodyOf(entry), site.url, footnoteIds(entry.id));
    rendered.set(entry.key, body);
    const record = index.records.get(entry.key);
    if (record) {
      record.rendered = body;
      index.markChanged();
    }
  });
  await mapLimit([...missingSummaries.values()], concurrency, async (entry) => {
    const firstParagraph = firstParagraphOf(await bodyOf(entry));
    rendered.set(entry.key, { firstParagraph });
    const record = index.records.get(entry.key);
    if (record) {
      record.firstParagraph = firstParagraph;
      index.markChanged();
    }
  });
  return rendered;
}
