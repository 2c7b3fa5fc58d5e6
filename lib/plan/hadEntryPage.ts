import type { DateTime } from 'luxon';
import type { PreviousEntry } from '../content/entryIndex.js';
import { entryPageDir } from '../shared/entryPageDir.js';
import { INDEX_PAGE } from '../shared/outputLayout.js';
import { isPublished } from './sitePlan.js';

/**
 * Whether the last publish had an entry of the entry index public: its page is in that publish's manifest (`pages`:
 * its keys), the one sure sign, since the entry's date says nothing of the --now it was published at. Without a
 * manifest (a manifest lost, or a preview's first build), its date at `now` is all there is.
 */
export function hadEntryPage(pages: Readonly<Record<string, unknown>> | undefined, entry: PreviousEntry, now: DateTime): boolean {
  return pages === undefined ? isPublished(entry, now) : Object.hasOwn(pages, entryPageDir(entry.id) + INDEX_PAGE);
}
