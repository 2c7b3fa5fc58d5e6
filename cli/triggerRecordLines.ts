import type { RunRecord } from '../lib/publish/runRecord.js';
import { countOf } from '../lib/shared/countOf.js';
import { formatChangeKey, formatRequests } from './format.js';
import { listedWarningLines } from './reportProblems.js';
import { errorWords } from './errorWords.js';
import { unknownRecipientsLine } from './unknownRecipientsLine.js';
import { queuedSendLine } from './queuedSendLine.js';
import { outputNoticeLines } from './outputNoticeLines.js';
import { recordPingLines } from './recordPingLines.js';

/** What `broadsheet trigger` prints of a run that ended: its lines for stdout and for stderr. */
export function triggerRecordLines(record: RunRecord, quiet: boolean): { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  // Printed first, as publish prints them: a deleted tag feed's or a likely rename's fix is for the editor to act on.
  const stderr: string[] = [...listedWarningLines(record.warningLines ?? [], record.warningLinesTotal), ...record.problems];
  if (record.problemsTotal > record.problems.length) stderr.push(`... and ${record.problemsTotal - record.problems.length} more problems`);
  // A hub not told of every feed, as status says it (any run's, a digest's archive feed too): its subscribers see the
  // change only when their reader polls.
  const pinged = recordPingLines(record);
  const c = record.counts;
  if (record.kind === 'digest') {
    // A digest run that failed for some recipients archived the week and mailed the others: its counts say so.
    if (Object.keys(c).length > 0) stdout.push(`Digest run ${record.id}: ${Object.entries(c).map(([name, value]) => `${value} ${name}`).join(', ')}`);
    if (record.outcome === 'ok' && record.queued) stdout.push(queuedSendLine(record.queued));
    if ((c.unknown ?? 0) > 0) stderr.push(unknownRecipientsLine(c.unknown!, record.week));
    if (record.outcome !== 'ok') stderr.push(`broadsheet trigger: digest run ${record.id} ${record.outcome === 'failed' ? 'failed' : 'was refused'}: ${errorWords(record.error).what}: ${record.message ?? ''}`);
    return { stdout, stderr: [...stderr, ...pinged] };
  }
  if (record.outcome !== 'ok') {
    // Refused before its first write; a publish that failed while writing left each file old or new, and the next completes it.
    const after = record.outcome === 'failed' ? 'each published file is as it was or as this run made it; the next publish completes the change' : 'nothing was written';
    stderr.push(`broadsheet trigger: run ${record.id} ${record.outcome === 'failed' ? 'failed' : 'was refused'}: ${errorWords(record.error).what}: ${record.message ?? ''}; ${after}`);
    return { stdout, stderr: [...stderr, ...pinged] };
  }
  // What the publish found of the site bucket, as publish says it (absent from records written before they were kept).
  stderr.push(...outputNoticeLines(record, false, 'the site bucket'));
  if (!quiet) {
    for (const change of record.changed) stdout.push(formatChangeKey(change));
    if (record.changedTotal > record.changed.length) stdout.push(`... and ${record.changedTotal - record.changed.length} more`);
    if (record.requests) stdout.push(`requests: content ${formatRequests(record.requests.content)}; output ${formatRequests(record.requests.output)}`);
  }
  stderr.push(...pinged);
  const seconds = (Date.parse(record.endedAt) - Date.parse(record.startedAt)) / 1000;
  stdout.push(`Published ${countOf((c.new ?? 0) + (c.changed ?? 0) + (c.unchanged ?? 0), 'file', 'files')}: ${c.new ?? 0} new, ${c.changed ?? 0} changed, ${c.unchanged ?? 0} unchanged, ${c.deleted ?? 0} deleted; run ${record.id} (${record.trigger}) in ${seconds.toFixed(2)} s`);
  return { stdout, stderr };
}
