import type { IdChange } from '../lib/plan/idChanges.js';

/**
 * The ids changed since a preview started, from each good build's changes since the build before it: a file renamed
 * is warned of at every build until it gains the `id:` line that keeps its first id (README, "For editors"), not
 * only at the build after the rename, whose warning a later save scrolls away. A file renamed twice is one change
 * from its first path; one renamed back, or whose id: line gives back its first id, or deleted, is none.
 */
export class PreviewRenames {
  /** By the file's path now. */
  private readonly since = new Map<string, IdChange>();

  /** Takes in a good build's id changes; `exists` says whether a content file is still there. Returns those open. */
  add(changes: readonly IdChange[], exists: (key: string) => boolean): IdChange[] {
    for (const change of changes) {
      const earlier = this.since.get(change.oldKey);
      this.since.delete(change.oldKey);
      const whole = earlier ? { ...change, oldKey: earlier.oldKey, oldId: earlier.oldId } : change;
      if (whole.oldId !== whole.newId) this.since.set(whole.newKey, whole);
    }
    for (const key of [...this.since.keys()]) if (!exists(key)) this.since.delete(key);
    return [...this.since.values()].sort((a, b) => (a.newKey < b.newKey ? -1 : a.newKey > b.newKey ? 1 : 0));
  }
}
