import { entryPageDir } from '../../lib/shared/entryPageDir.js';
import { INDEX_PAGE } from '../../lib/shared/outputLayout.js';

/** A manifest's keys holding the entry pages of `ids`: what an output has after publishing them. */
export function entryPages(...ids: string[]): Record<string, { sha256: string }> {
  return Object.fromEntries(ids.map((id) => [entryPageDir(id) + INDEX_PAGE, { sha256: 'a'.repeat(64) }]));
}
