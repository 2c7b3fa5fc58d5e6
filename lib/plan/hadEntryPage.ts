import { entryPageDir } from '../shared/entryPageDir.js';
import { INDEX_PAGE } from '../shared/outputLayout.js';

/**
 * Whether the output's last manifest (`pages`: its keys) has the entry page of `id`: the one sure sign the id was
 * published. The entry index's date says nothing of it: a publish run at an earlier --now kept an entry dated after it out.
 */
export function hadEntryPage(pages: Readonly<Record<string, unknown>>, id: string): boolean {
  return Object.hasOwn(pages, entryPageDir(id) + INDEX_PAGE);
}
