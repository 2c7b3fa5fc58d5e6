import type { Problem } from '../lib/shared/errors.js';
import { problemLines } from '../lib/shared/problemLines.js';
import { warningLines } from '../lib/shared/warningLines.js';
import { countOf } from '../lib/shared/countOf.js';
import type { CliIo } from './io.js';

/** Each problem on a line (problemLines: two files whose names read alike start their lines apart). */
export function reportProblems(problems: readonly Problem[], io: CliIo): void {
  for (const line of problemLines(problems)) io.stderr(line);
}

/** Each warning line (lib/shared/warningLines.ts) after `warning: `; `--json` lists every warning. */
export function reportWarnings(warnings: readonly Problem[], io: CliIo): void {
  for (const line of listedWarningLines(warningLines(warnings))) io.stderr(line);
}

/**
 * Warning lines as the CLI prints them, from a list that may be the first of `total` (a run record's, the trigger's
 * answer): each after `warning: `, then how many more there are.
 */
export function listedWarningLines(lines: readonly string[], total = lines.length): string[] {
  const listed = lines.map((line) => `warning: ${line}`);
  if (total > lines.length) listed.push(`... and ${countOf(total - lines.length, 'more warning', 'more warnings')}`);
  return listed;
}
