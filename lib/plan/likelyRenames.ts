import type { EntryMeta } from '../content/entry.js';
import type { Problem } from '../shared/errors.js';
import { keepOldId, pairIdChanges, type IdChange, type IdChangeInputs } from './idChanges.js';

/**
 * A published entry gone, and a new or changed file published in the same run under an id nobody had, with the same
 * date and source but another url: most likely the file renamed while its url was fixed (`new` names the file after
 * the title, so a typo fixed goes into both), which findIdChanges cannot match by url. Readers would show it again
 * as a new item. A warning, not a refusal: two articles from one source on one date are common enough.
 * `matched`: the id changes found by url, left out here.
 */
export function likelyRenames(inputs: IdChangeInputs, matched: readonly IdChange[]): Problem[] {
  const except = { old: new Set(matched.map((change) => change.oldKey)), new: new Set(matched.map((change) => change.newKey)) };
  const pairs = pairIdChanges(inputs, (entry) => (entry.source === undefined ? undefined : dateAndSource(entry.date, entry.source.name)), except);
  return pairs
    .map(({ old, entry }): Problem => ({
      file: entry.key,
      field: 'id',
      message: `may be ${old.key} renamed with its url changed (the same date and source, ${JSON.stringify(entry.source.name)}): under the id ${JSON.stringify(entry.id)} every reader would show it again as a new item`,
      fix: `if it is, ${keepOldId({ url: entry.url, oldKey: old.key, oldId: old.id, newKey: entry.key, newId: entry.id })}`,
    }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

function dateAndSource(date: number, source: EntryMeta['source']['name']): string {
  return `${date}\0${source.trim().toLowerCase()}`;
}
