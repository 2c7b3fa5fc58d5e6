import { entryPageDir } from '../shared/entryPageDir.js';
import { ENTRIES_DIR } from '../shared/outputLayout.js';

/** The ids of one entry's footnotes: `fn-<docId>-1` on a note, `fnref-<docId>-1` (`-1_1` for a second reference) on its reference. */
export interface FootnoteIds {
  /** markdown-it-footnote's env.docId, which it writes between `fn-` and the note's number. */
  docId: string;
  /** Whether an id (or a link's fragment) is one of this entry's footnotes'. */
  owns(id: string): boolean;
}

/**
 * The entry's page folder with `/` as `_` (`2014_rason-port`): ids unique to the entry, since page folders are
 * (entryPageDir), and `[a-z0-9_-]`, so a fragment needs no escaping. A page, a tag page or a feed reader's river
 * shows several entries at once, each with its own note 1.
 */
export function footnoteIds(entryId: string): FootnoteIds {
  const docId = entryPageDir(entryId).slice(ENTRIES_DIR.length, -1).replaceAll('/', '_');
  // Made on the first question only: most entries hold no id or fragment to ask about, and a publish makes one per entry.
  let pattern: RegExp | undefined;
  return { docId, owns: (id) => (pattern ??= new RegExp(`^fn(?:ref)?-${docId}-\\d+(?:_\\d+)?$`)).test(id) };
}
