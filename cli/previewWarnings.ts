import { defaultEntryId } from '../lib/content/entry.js';
import { keepOldId, type IdChange } from '../lib/plan/idChanges.js';
import type { PublishResult } from '../lib/publish/publish.js';
import type { Problem } from '../lib/shared/errors.js';

/**
 * What a preview build warns of, in text and in `--json` alike: the content's warnings, each file renamed or
 * moved since the preview started (cli/previewRenames.ts), and the warnings of a publish to the output given (`published`, cli/outputWarnings.ts). The preview shows a renamed file under its new id, but a publish refuses the new id when the old one
 * is published (README, "Identity"), so the editor learns the fix before publishing.
 */
export function previewWarnings(result: Pick<PublishResult, 'warnings' | 'idChanges'>, published: readonly Problem[] = []): Problem[] {
  // What a publish there would do to an id supersedes what the previous build can only guess ("if it is published").
  const idsCompared = new Set(published.filter((warning) => warning.field === 'id').map((warning) => warning.file));
  const renamed = result.idChanges.filter((change) => !idLineAdded(change) && !idsCompared.has(change.newKey)).map(renamedWarning);
  // The build gives some of the output's warnings itself (a correction dated after now; a likely rename of a file
  // published there and in the previous build alike): each is said once.
  const seen = new Set(result.warnings.map(problemKey));
  return [...result.warnings, ...published.filter((warning) => !seen.has(problemKey(warning))), ...renamed];
}

function problemKey(problem: Problem): string {
  return JSON.stringify([problem.file, problem.line, problem.field, problem.message]);
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
