import { DateTime, type Zone } from 'luxon';
import type { OutputNotices } from '../lib/publish/outputNotices.js';
import { countOf } from '../lib/shared/countOf.js';
import { STATE_DIR } from '../lib/shared/outputLayout.js';
import { printableName } from '../lib/shared/printable.js';
import { turnedBackWarning } from './turnedBackWarning.js';

/** Files a line of repaired files names; the rest are `…`. */
const REPAIRED_NAMED = 10;

/**
 * What a publish found of its output, as stderr lines: `publish`'s (and its dry run's) own, and `broadsheet trigger`'s
 * of the publish function's answer or a run's record, in the same words. `where` names the output when the notices
 * do not (`output`). `zone`: the one to say the moment a turned-back site needed in (the notices give it in UTC); by
 * default the site's, which the notices name (turnedBackZone; UTC in a record from before they did).
 */
export function outputNoticeLines(notices: OutputNotices, dryRun: boolean, where = 'the output', zone?: Zone | string): string[] {
  const lines: string[] = [];
  const output = notices.output ?? where;
  if (notices.turnedBackFrom) lines.push(turnedBackWarning(DateTime.fromISO(notices.turnedBackFrom, { zone: 'utc' }).setZone(zone ?? notices.turnedBackZone ?? 'utc'), dryRun));
  if (notices.manifestDamaged !== undefined) {
    lines.push(`warning: the manifest ${STATE_DIR}manifest.json was damaged (${notices.manifestDamaged}): ${dryRun ? 'a publish would write' : 'wrote'} every file and ${dryRun ? 'rewrite' : 'rewrote'} it`);
  }
  const repaired = notices.repaired ?? [];
  const repairedTotal = Math.max(notices.repairedTotal ?? 0, repaired.length);
  if (repairedTotal > 0) {
    const named = repaired.slice(0, REPAIRED_NAMED).map(printableName).join(', ') + (repairedTotal > REPAIRED_NAMED ? ', …' : '');
    lines.push(`warning: ${countOf(repairedTotal, 'file', 'files')} deleted or changed in ${output} by someone else ${dryRun ? 'would be' : repairedTotal === 1 ? 'was' : 'were'} written again: ${named}`);
  }
  const replaced = notices.replaced ?? [];
  const replacedTotal = Math.max(notices.replacedTotal ?? 0, replaced.length);
  if (replacedTotal > 0) {
    lines.push(`${dryRun ? 'would overwrite' : 'overwrote'} ${countOf(replacedTotal, 'file', 'files')} in ${output} that no publish wrote (--replace-unclaimed):`);
    for (const key of replaced) lines.push(`  ${printableName(key)}`);
    if (replacedTotal > replaced.length) lines.push(`  ... and ${replacedTotal - replaced.length} more`);
  }
  return lines;
}
