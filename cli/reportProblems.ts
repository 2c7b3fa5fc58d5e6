import { formatProblem, type Problem } from '../lib/shared/errors.js';
import type { CliIo } from './io.js';

export function reportProblems(problems: readonly Problem[], io: CliIo): void {
  for (const problem of problems) io.stderr(formatProblem(problem));
}

export function reportWarnings(warnings: readonly Problem[], io: CliIo): void {
  for (const warning of warnings) io.stderr(`warning: ${formatProblem(warning)}`);
}
