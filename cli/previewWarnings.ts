import { defaultEntryId } from '../lib/content/entry.js';
import { keepOldId, type IdChange } from '../lib/plan/idChanges.js';
import type { PublishResult } from '../lib/publish/publish.js';
import type { Problem } from '../lib/shared/errors.js';

/**
 * What a preview build warns of, in text and in `--json` alike: the content's warnings, each file renamed or
 * moved since the previous build, and the date and deleted tag feed warnings of a publish to the output given
 * (`published`). The preview shows a renamed file under its new id, but a publish refuses the new id when the old one
 * is published (README, "Identity"), so the editor learns the fix before publishing.
 */
export function previewWarnings(result: Pick<PublishResult, 'warnings' | 'idChanges'>, published: readonly Problem[] = []): Problem[] {
  return [...result.warnings, ...published, ...result.idChanges.filter((change) => !idLineAdded(change)).map(renamedWarning)];
}

/**
 * The file kept its path and gained an `id:` line: the fix a rename's warning asks for (the previous build showed the
 * file under its new path's id), never a rename of its own.
 */
function idLineAdded(change: IdChange): boolean {
  return change.oldKey === change.newKey && change.oldId === defaultEntryId(change.oldKey);
}

function renamedWarning(change: IdChange): Problem {
  if (change.oldKey === change.newKey) {
    return {
      file: change.newKey,
      field: 'id',
      message: `its id: line changed while previewing, from ${JSON.stringify(change.oldId)} to ${JSON.stringify(change.newId)}; if ${JSON.stringify(change.oldId)} is published, publish refuses it, as readers would show it again as new`,
      fix: `${keepOldId(change)} to keep the old id, or publish with --allow-id-change`,
    };
  }
  return {
    file: change.newKey,
    field: 'id',
    message: `renamed from ${change.oldKey} while previewing, its id is now ${JSON.stringify(change.newId)}; if ${JSON.stringify(change.oldId)} is published, publish refuses it, as readers would show it again as new`,
    fix: `${keepOldId(change)} to keep the old id, or publish with --allow-id-change`,
  };
}
