import type { RunRecord } from '../lib/publish/runRecord.js';
import { countOf } from '../lib/shared/countOf.js';
import { errorWords } from './errorWords.js';
import { listedWarningLines } from './reportProblems.js';
import { unknownRecipientsLine } from './unknownRecipientsLine.js';
import { queuedSendLine } from './queuedSendLine.js';
import { outputNoticeLines } from './outputNoticeLines.js';
import { PARTLY_PUBLISHED } from './partlyPublished.js';
import { recordPingLines } from './recordPingLines.js';

/** The warning lines status prints under a run: its record keeps more, which `--json` gives. */
export const STATUS_WARNING_LINES = 3;

/**
 * `2014-06-01T00:00:05Z  publish  schedule  ok  3 new, 1 changed, 0 deleted  (run 1f0c…)`, a digest run with its week
 * first (`ok  week 2014-W19: 2 new, …, 1 sent, …`); a run that did not succeed, in capitals with what went wrong in
 * plain words and its problems; under any run, its recipients left unknown and its first warnings.
 */
export function runRecordLines(record: RunRecord): string[] {
  // The files --replace-unclaimed wrote over are among the new: said with them.
  const replaced = record.kind === 'publish' ? (record.counts.replaced ?? 0) : 0;
  const counts = Object.entries(record.counts)
    .filter(([name]) => name !== 'unchanged' && !(replaced > 0 && name === 'replaced'))
    .map(([name, value]) => (replaced > 0 && name === 'new' ? `${value} new (${replaced} over ${replaced === 1 ? 'a file' : 'files'} no publish wrote, --replace-unclaimed)` : `${value} ${name}`))
    .join(', ');
  const outcome = record.outcome === 'ok' ? 'ok' : record.outcome.toUpperCase();
  const who = record.requestedBy ? ` by ${record.requestedBy}` : '';
  const tally = [counts, record.warningLinesTotal ? countOf(record.warningLinesTotal, 'warning', 'warnings') : ''].filter(Boolean).join(', ');
  // Test copies' counts are not the week's issue: said so, or "1 sent" reads as the week mailed.
  const what = record.week ? `week ${record.week}${record.testCopies ? ', test copies only' : ''}${tally ? `: ${tally}` : ''}` : tally || '-';
  const lines = [`${inUtc(record.endedAt)}  ${record.kind.padEnd(7)}  ${record.trigger.padEnd(8)}  ${outcome.padEnd(8)}  ${what}  (run ${record.id}${who})`];
  if (record.outcome === 'unfinished' && record.message) lines.push(`    ${record.message}`);
  else if (record.outcome === 'ok' && record.notSent) lines.push(`    nothing sent: ${record.notSent}`);
  else if (record.outcome === 'ok' && record.queued) lines.push(`    ${queuedSendLine(record.queued)}`);
  else if (record.outcome !== 'ok' && record.message) {
    const words = errorWords(record.error);
    // A write that failed partway says what to fix and to publish again: the generic "run it again" would say less, twice.
    const todo = record.message.includes(PARTLY_PUBLISHED) ? undefined : words.todo;
    lines.push(`    ${words.what}: ${record.message}${todo ? ` (${todo})` : ''}`);
  }
  // What the publish found of its output (written again, overwritten, the clock turned back), as publish said it; the
  // files overwritten, the first few as warnings are.
  if (record.kind === 'publish') {
    const notices = record.replaced ? { ...record, replaced: record.replaced.slice(0, STATUS_WARNING_LINES), replacedTotal: Math.max(record.replacedTotal ?? 0, record.replaced.length) } : record;
    for (const line of outputNoticeLines(notices, false)) lines.push(`    ${line}`);
  }
  // An ok run's problems are those of the entries it left out (--skip-invalid, SKIP_INVALID): said so, or they read as
  // what stopped it.
  if (record.outcome === 'ok' && record.problemsTotal > 0) lines.push(`    entries left out as invalid, with ${countOf(record.problemsTotal, 'problem', 'problems')}:`);
  for (const problem of record.problems) lines.push(`    ${problem}`);
  if (record.problemsTotal > record.problems.length) lines.push(`    ... and ${record.problemsTotal - record.problems.length} more problems`);
  const unknown = record.kind === 'digest' ? (record.counts.unknown ?? 0) : 0;
  // A record is history: the recipients may have been settled since, which only the ledger tells.
  if (unknown > 0) lines.push(`    ${unknownRecipientsLine(unknown, record.week, { history: true })}`);
  for (const line of recordPingLines(record)) lines.push(`    ${line}`);
  const listed = record.warningLines ?? [];
  const shown = listedWarningLines(listed.slice(0, STATUS_WARNING_LINES), record.warningLinesTotal ?? listed.length);
  if (shown.length > STATUS_WARNING_LINES) shown[shown.length - 1] += ` (broadsheet status --json lists ${listed.length < (record.warningLinesTotal ?? 0) ? `the first ${listed.length}` : 'them'})`;
  for (const line of shown) lines.push(`    ${line}`);
  return lines;
}

/**
 * The deployed functions stamp a record with luxon in Lambda's zone (`…T00:00:02.000+00:00`), the CLI with `…Z`:
 * status shows each in UTC's `Z` form, so that its lines keep one column width. A stamp that is no date, as is.
 */
function inUtc(stamp: string): string {
  const ms = Date.parse(stamp);
  return Number.isNaN(ms) ? stamp : new Date(ms).toISOString();
}
