import { formatProblemAs, type Problem } from './errors.js';
import { distinctName, printableName, seenName } from './printable.js';

/**
 * How each file of `problems` is printed at the start of its lines: printableName, but distinctName for a file that
 * printableName prints to read like another file of the list (a composed `café.md` and a decomposed one, `cafe.md`
 * and one with a zero-width space inside: the two entries of a look-alike id), so that each line's start tells them
 * apart; so is the file of a problem about look-alikes (`alike`), whose marks and invisible characters it is about,
 * though its look-alike has no line (a published one let be), each of its lines in the list. A name printed like no other is kept as it is: a decomposed name is ordinary on some disks.
 * `Problem.file` stays the name itself (`--json`, `--skip-invalid`).
 */
export function shownFiles(problems: readonly Pick<Problem, 'file' | 'alike'>[]): (file: string) => string {
  const bySeen = new Map<string, Set<string>>();
  // The files of messages about look-alikes, whose marks and invisible characters they are about.
  const toldApart = new Set<string>();
  for (const { file, alike } of problems) {
    const seen = seenName(file);
    const files = bySeen.get(seen) ?? new Set<string>();
    files.add(file);
    bySeen.set(seen, files);
    if (alike?.length) toldApart.add(file);
  }
  return (file) => (toldApart.has(file) || (bySeen.get(seenName(file))?.size ?? 0) > 1 ? distinctName(file) : printableName(file));
}

/**
 * The problems one line each, as formatProblem writes them, each file printed as shownFiles says; the first `limit`
 * only, where a caller lists that many, each file still told apart from all the others'.
 */
export function problemLines(problems: readonly Problem[], limit = problems.length): string[] {
  const shown = shownFiles(problems);
  return problems.slice(0, limit).map((problem) => formatProblemAs(problem, shown(problem.file)));
}
