import { DateTime } from 'luxon';
import { articleKey } from '../content/articleKey.js';
import type { EntryMeta } from '../content/entry.js';
import type { EntryBefore } from '../content/loadContent.js';
import type { Problem } from '../shared/errors.js';
import { isPublished } from './sitePlan.js';

/**
 * A warning for each entry the last publish had public whose date an edit moved past `now`: it is held back like any
 * embargo (lib/plan/heldBack.ts), so its page goes and it leaves every feed (links already sent lead nowhere), and
 * when its date comes it returns under the same id, which readers do not show as new. A file renamed in the same edit
 * is found by its key, its kept `id:`, or else by its url (articleKey) among the published entries whose id no entry
 * has now, as findIdChanges pairs them: it is taken down all the same, and heldBackIdChanges warns of its new id.
 */
export function withdrawnUntilDate(entries: readonly EntryMeta[], before: EntryBefore, now: DateTime, zone: string): Problem[] {
  const shown = (ms: number) => DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true });
  const problems: Problem[] = [];
  // Nothing read again had an entry before (a first publish): nothing can have been withdrawn.
  if (before.entries.length === 0) return problems;
  // Looked up, not searched: after a change of site.yml or of the code `before` holds every entry.
  const byKey = new Map<string, EntryBefore['entries'][number]>();
  const byId = new Map<string, EntryBefore['entries'][number]>();
  for (const previous of before.entries) {
    if (!byKey.has(previous.key)) byKey.set(previous.key, previous);
    if (!byId.has(previous.id)) byId.set(previous.id, previous);
  }
  // Made for the first entry held back under a key and an id no entry had: only an id no entry has now can have
  // moved to another file, so the urls (a URL parse each) of those alone.
  let byArticle: Map<string, EntryBefore['entries'][number]> | undefined;
  const articlesGone = () => {
    if (byArticle) return byArticle;
    byArticle = new Map();
    const currentIds = new Set(entries.map((entry) => entry.id));
    for (const previous of before.entries) {
      if (currentIds.has(previous.id)) continue;
      const article = articleKey(previous.url);
      if (!byArticle.has(article)) byArticle.set(article, previous);
    }
    return byArticle;
  };
  for (const entry of entries) {
    if (entry.draft || isPublished(entry, now) || !before.reread.has(entry.key)) continue;
    const same = byKey.get(entry.key) ?? byId.get(entry.id);
    const article = same === undefined ? articleKey(entry.url) : undefined;
    const old = same ?? articlesGone().get(article!);
    if (old === undefined || !isPublished(old, now)) continue;
    if (article !== undefined) articlesGone().delete(article);
    // Under another id it returns as a new item: heldBackIdChanges says so, with the id: line that avoids it.
    const returns = same === undefined ? '' : ', and when it returns readers do not show it as new';
    problems.push({
      file: entry.key,
      field: 'date',
      message: `was published${same === undefined ? ` from ${old.key}` : ''}, and is now held back until ${shown(entry.date)}: its page and its items in the feeds are removed until then${returns}`,
      fix: `if this is a correction, keep its date (${shown(old.date)}) and set updated: to when it is made; if it must come down until then, leave it`,
    });
  }
  return problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
