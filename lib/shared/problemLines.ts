import { formatProblemAs, type Problem } from './errors.js';
import { distinctName, printableName } from './printable.js';
import { INVISIBLE } from './invisible.js';

let invisibleAll: RegExp | undefined;

/** A name as printableName prints it, as the eye reads it: no invisible character, marks composed (NFC, UAX #15). */
function seenAs(printed: string): string {
  invisibleAll ??= new RegExp(INVISIBLE, 'gu');
  return printed.replace(invisibleAll, '').normalize('NFC');
}

/**
 * How each file of `problems` is printed at the start of its lines: printableName, but distinctName for a file that
 * printableName prints to read like another file of the list (a composed `café.md` and a decomposed one, `cafe.md`
 * and one with a zero-width space inside: the two entries of a look-alike id), so that each line's start tells them
 * apart. A name printed like no other is kept as it is: a
 * decomposed name is ordinary on some disks. `Problem.file` stays the name itself (`--json`, `--skip-invalid`).
 */
export function shownFiles(problems: readonly Pick<Problem, 'file'>[]): (file: string) => string {
  const bySeen = new Map<string, Set<string>>();
  for (const { file } of problems) {
    const seen = seenAs(printableName(file));
    const files = bySeen.get(seen) ?? new Set<string>();
    files.add(file);
    bySeen.set(seen, files);
  }
  return (file) => {
    const printed = printableName(file);
    return (bySeen.get(seenAs(printed))?.size ?? 0) > 1 ? distinctName(file) : printed;
  };
}

/**
 * The problems one line each, as formatProblem writes them, each file printed as shownFiles says; the first `limit`
 * only, where a caller lists that many, each file still told apart from all the others'.
 */
export function problemLines(problems: readonly Problem[], limit = problems.length): string[] {
  const shown = shownFiles(problems);
  return problems.slice(0, limit).map((problem) => formatProblemAs(problem, shown(problem.file)));
}
