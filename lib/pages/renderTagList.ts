import type { TagSummary } from '../plan/sitePlan.js';
import { cleanText } from '../shared/xmlText.js';

/**
 * tags/tags.json: every published tag's slug (its folder, and what a subscriber's choice records), the name editors
 * gave it and its count of published entries, in the plan's order (by name: lib/plan/byTagName.ts). Read back by lib/subscribers/publishedTags.ts.
 * The name is cleaned (cleanText) as the pages and feeds show it: this file is served too, and feeds the subscribe pages.
 */
export function renderTagList(tags: readonly TagSummary[]): string {
  const list = tags.map((summary) => ({ slug: summary.tag.slug, name: cleanText(summary.tag.name), entries: summary.count }));
  return `${JSON.stringify({ version: 1, tags: list }, null, 1)}\n`;
}
