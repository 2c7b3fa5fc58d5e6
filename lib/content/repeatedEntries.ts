import type { Problem } from '../shared/errors.js';
import { groupBy } from '../shared/groupBy.js';
import { listSome } from '../shared/listSome.js';
import { articleKey } from './articleKey.js';
import { idFoldKey } from './idFoldKey.js';
import { codePointName } from '../shared/codePointName.js';
import { distinctName, markOrInvisiblePattern } from '../shared/printable.js';

/**
 * An id quoted, naming the marks, invisible characters and other spaces it holds (a composed `é` and `e` with U+0301,
 * `cafe` and `ca` U+200B `fe`, `a b` and `a` U+00A0 `b`), so that two look-alikes read apart.
 */
function shownId(id: string): string {
  const held = [...new Set(id.match(markOrInvisiblePattern()) ?? [])];
  return held.length === 0 ? JSON.stringify(id) : `${JSON.stringify(id)} (with ${held.map(codePointName).join(', ')})`;
}

/**
 * Entries that repeat one another, beyond one id used twice (loadContent refuses that itself):
 * - ids that differ only by case, Unicode normalisation or invisible characters (`Trade-Report`, `trade-report`; NFKC, idFoldKey) name one file on a
 *   case-insensitive disk and look alike to readers: a problem on each, as for the same id, but for an entry the last
 *   publish had under its id (`hadItsId`, as for the same id): changing a published id would show it again as new, so
 *   such an entry is let be, and where all of them were published, each is a warning;
 * - the same article in two entries (one url, or urls that differ only as articleKey allows) is most often a copy
 *   made by mistake, but may be meant: a warning on each.
 */
export function repeatedEntries<E extends { key: string; id: string; url: string }>(entries: readonly E[], hadItsId: (entry: E) => boolean = () => false): { problems: Problem[]; warnings: Problem[] } {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  for (const sharing of groupBy(entries, (entry) => idFoldKey(entry.id))) {
    const perId = new Map<string, number>();
    for (const entry of sharing) perId.set(entry.id, (perId.get(entry.id) ?? 0) + 1);
    if (perId.size < 2) continue;
    const published = sharing.filter(hadItsId);
    for (const entry of sharing) {
      const others = listSome(sharing, (other) => other.id === entry.id, sharing.length - perId.get(entry.id)!, (other) => `${shownId(other.id)} (${distinctName(other.key)})`);
      const message = `the id ${shownId(entry.id)} differs only by case, Unicode normalisation or invisible characters from ${others}`;
      // Its line starts with its file told apart from theirs where they print alike, a published one let be with no
      // line of its own too (lib/shared/problemLines.ts).
      const alike = sharing.filter((other) => other.id !== entry.id).map((other) => other.key);
      if (published.length === sharing.length) {
        warnings.push({ file: entry.key, field: 'id', message, fix: 'leave them: each id is published, and a new id would show its entry again as new; give new entries clearly different ids', alike });
      } else if (!published.includes(entry)) {
        problems.push({ file: entry.key, field: 'id', message, fix: published.length > 0 ? 'give this entry a clearly different id: line' : 'give one of them a clearly different id: line, or rename the file', alike });
      }
    }
  }
  for (const sharing of groupBy(entries, (entry) => articleKey(entry.url))) {
    if (sharing.length < 2) continue;
    const alike = sharing.every((entry) => entry.url === sharing[0]!.url);
    for (const entry of sharing) {
      const others = listSome(sharing, (other) => other === entry, sharing.length - 1, (other) => other.key);
      const message = alike ? `${entry.url} is also the url of ${others}` : `${entry.url} links to the same article as ${others} (the urls differ only in a #fragment, a trailing /, tracking parameters such as utm_source, http or https, or percent-encoded letters)`;
      warnings.push({ file: entry.key, field: 'url', message, fix: 'remove the duplicate entry, or keep both if the article is meant to appear twice' });
    }
  }
  return { problems, warnings };
}
