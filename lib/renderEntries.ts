import type { EntryMeta } from './entry.js';
import type { EntryIndex } from './entryIndex.js';
import { splitFrontMatter } from './frontMatter.js';
import { mapLimit } from './mapLimit.js';
import { renderMarkdown, type RenderedBody } from './renderMarkdown.js';
import type { Site } from './site.js';
import type { Store } from './store.js';

/**
 * Renders the bodies of `entries` (Markdown → sanitised HTML), reusing the index's copy when the file's
 * version is unchanged. Bodies are read one batch at a time, never all at once.
 */
export async function renderEntries(
  site: Site,
  entries: Iterable<EntryMeta>,
  content: Store,
  index: EntryIndex,
  concurrency = 32,
): Promise<Map<string, RenderedBody>> {
  const rendered = new Map<string, RenderedBody>();
  // Keyed by entry key: the builders ask for the same entries many times over (site feed, tag feeds, pages, digests).
  const missing = new Map<string, EntryMeta>();
  for (const entry of entries) {
    if (rendered.has(entry.key) || missing.has(entry.key)) continue;
    const cached = index.records.get(entry.key)?.rendered;
    if (cached) rendered.set(entry.key, cached);
    else missing.set(entry.key, entry);
  }
  await mapLimit([...missing.values()], concurrency, async (entry) => {
    const text = (await content.get(entry.key))?.toString('utf8') ?? '';
    const split = splitFrontMatter(text);
    const body = renderMarkdown(split.ok ? split.value.body : '', site.url);
    rendered.set(entry.key, body);
    const record = index.records.get(entry.key);
    if (record) {
      record.rendered = body;
      index.markChanged();
    }
  });
  return rendered;
}
