import type { EntryMeta } from '../content/entry.js';
import type { Problem } from '../shared/errors.js';
import { isPublished } from './sitePlan.js';
import { keepOldId, type IdChange, type IdChangeInputs } from './idChanges.js';

/**
 * A published entry gone, and a new or changed file published in the same run under an id nobody had, with the same
 * date and source but another url: most likely the file renamed while its url was fixed (`new` names the file after
 * the title, so a typo fixed goes into both), which findIdChanges cannot match by url. Readers would show it again
 * as a new item. A warning, not a refusal: two articles from one source on one date are common enough.
 * `matched`: the id changes found by url, left out here.
 */
export function likelyRenames({ entries, before, now }: IdChangeInputs, matched: readonly IdChange[]): Problem[] {
  const currentIds = new Set(entries.map((entry) => entry.id));
  const matchedOld = new Set(matched.map((change) => change.oldKey));
  const matchedNew = new Set(matched.map((change) => change.newKey));
  const gone = new Map<string, (typeof before.entries)[number]>();
  for (const old of before.entries) {
    if (!isPublished(old, now) || currentIds.has(old.id) || matchedOld.has(old.key) || old.source === undefined) continue;
    const key = dateAndSource(old.date, old.source.name);
    if (!gone.has(key)) gone.set(key, old);
  }
  if (gone.size === 0) return [];
  const oldIds = new Set(before.entries.map((entry) => entry.id));
  const problems: Problem[] = [];
  for (const entry of entries) {
    if (!before.reread.has(entry.key) || matchedNew.has(entry.key) || oldIds.has(entry.id) || !isPublished(entry, now)) continue;
    const key = dateAndSource(entry.date, entry.source.name);
    const old = gone.get(key);
    if (!old) continue;
    gone.delete(key);
    const change = { url: entry.url, oldKey: old.key, oldId: old.id, newKey: entry.key, newId: entry.id };
    problems.push({
      file: entry.key,
      field: 'id',
      message: `may be ${old.key} renamed with its url changed (the same date and source, ${JSON.stringify(entry.source.name)}): under the id ${JSON.stringify(entry.id)} every reader would show it again as a new item`,
      fix: `if it is, ${keepOldId(change)}`,
    });
  }
  return problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

function dateAndSource(date: number, source: EntryMeta['source']['name']): string {
  return `${date}\0${source.trim().toLowerCase()}`;
}
