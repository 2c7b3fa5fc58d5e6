import type { RunRecord } from '../lib/publish/runRecord.js';

/**
 * `2014-06-01T00:00:05Z  publish  schedule  ok  3 new, 1 changed, 0 deleted  (run 1f0c…)`, a digest run with its week
 * first (`ok  week 2014-W19: 2 new, …, 1 sent, …`); a run that did not succeed, in capitals with its problems.
 */
export function runRecordLines(record: RunRecord): string[] {
  const counts = Object.entries(record.counts)
    .filter(([name]) => name !== 'unchanged')
    .map(([name, value]) => `${value} ${name}`)
    .join(', ');
  const outcome = record.outcome === 'ok' ? 'ok' : record.outcome.toUpperCase();
  const who = record.requestedBy ? ` by ${record.requestedBy}` : '';
  const what = record.week ? `week ${record.week}${counts ? `: ${counts}` : ''}` : counts || '-';
  const lines = [`${record.endedAt}  ${record.kind.padEnd(7)}  ${record.trigger.padEnd(8)}  ${outcome.padEnd(8)}  ${what}  (run ${record.id}${who})`];
  if (record.outcome === 'unfinished' && record.message) lines.push(`    ${record.message}`);
  else if (record.outcome !== 'ok' && record.message) lines.push(`    ${record.error ?? 'Error'}: ${record.message}`);
  for (const problem of record.problems) lines.push(`    ${problem}`);
  if (record.problemsTotal > record.problems.length) lines.push(`    ... and ${record.problemsTotal - record.problems.length} more problems`);
  return lines;
}
