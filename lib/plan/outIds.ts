import type { DateTime } from 'luxon';
import type { EntryMeta } from '../content/entry.js';
import type { PreviousEntry } from '../content/entryIndex.js';
import type { EntryBefore } from '../content/loadContent.js';
import { isPublished } from './sitePlan.js';
import type { IdChange } from './idChanges.js';
import { hadEntryPage } from './hadEntryPage.js';
import { tagDir } from '../shared/outputLayout.js';

/**
 * The ids published once that no entry publishes at `now` (drafted, dated later, invalid or deleted), as last
 * published, newest first, for the entry index to keep (EntryIndex.out): those the last publish had public and this one
 * takes out, and those out before and still out. An id published again leaves (its entry is in the index again), as
 * does one given a new id on purpose (`allowed`: the id changes publish went ahead with, --allow-id-change).
 */
export function outIds(entries: readonly EntryMeta[], before: Pick<EntryBefore, 'entries' | 'out'>, now: DateTime, allowed: readonly IdChange[], pages: Readonly<Record<string, unknown>> | undefined): PreviousEntry[] {
  const publishedIds = new Set(entries.filter((entry) => isPublished(entry, now)).map((entry) => entry.id));
  const changed = new Set(allowed.map((change) => change.oldId));
  const out = new Map<string, PreviousEntry>();
  // The last publish's version first: it is the newer one of an id also out before.
  for (const old of [...before.entries.filter((entry) => hadEntryPage(pages, entry, now)), ...(before.out ?? [])]) {
    if (publishedIds.has(old.id) || changed.has(old.id) || out.has(old.id)) continue;
    const fed = fedIn(old);
    out.set(old.id, { key: old.key, id: old.id, url: old.url, date: old.date, draft: false, ...(old.source ? { source: { name: old.source.name } } : {}), ...(fed ? { fedIn: fed } : {}) });
  }
  return [...out.values()].sort((a, b) => b.date - a.date || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The feeds whose readers have an id out now (PreviousEntry.fedIn): one out before keeps its own, one the last publish
 * had public was in the site feed and its tags' feeds; undefined when not known.
 */
function fedIn(old: PreviousEntry): readonly string[] | undefined {
  if (old.fedIn !== undefined) return old.fedIn;
  return old.tags && ['', ...new Set(old.tags.filter((tag) => typeof tag.slug === 'string').map((tag) => tagDir(tag.slug)))];
}
