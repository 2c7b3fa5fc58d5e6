import type { IdChange } from '../lib/plan/idChanges.js';
import type { RunRecord } from '../lib/publish/runRecord.js';
import { countOf } from '../lib/shared/countOf.js';
import { printableName } from '../lib/shared/printable.js';

/**
 * The warning a publish with --allow-id-change gives for each published id it changes; `total`: how many there are,
 * when the publish function's answer lists the first only.
 */
export function idChangeLines(changes: readonly IdChange[], total = changes.length): string[] {
  return [
    ...changes.map(idChangeLine),
    ...(total > changes.length ? [`${moreLine(changes.length, total)} (the publish function answers the first ${changes.length} of ${total}); publish --dry-run --allow-id-change --bucket SITE_BUCKET lists them all`] : []),
  ];
}

/**
 * The same warnings from a run record (`trigger --wait`): the ids are changed by then, so no dry run lists the rest;
 * a record written before it kept them, none.
 */
export function recordIdChangeLines(record: Pick<RunRecord, 'id' | 'idChanges' | 'idChangesTotal'>): string[] {
  const changes = record.idChanges ?? [];
  const total = record.idChangesTotal ?? changes.length;
  return [...changes.map(idChangeLine), ...(total > changes.length ? [`${moreLine(changes.length, total)} (run ${record.id}'s record keeps the first ${changes.length} of ${total})`] : [])];
}

function idChangeLine(change: IdChange): string {
  return `warning: ${printableName(change.newKey)}: id: was ${JSON.stringify(change.oldId)} (${printableName(change.oldKey)}), now ${JSON.stringify(change.newId)}: readers show it again as new (--allow-id-change)`;
}

function moreLine(listed: number, total: number): string {
  return `warning: ... and ${countOf(total - listed, 'more id change', 'more id changes')}, not listed`;
}
