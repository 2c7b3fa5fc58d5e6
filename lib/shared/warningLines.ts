import { formatProblem, formatProblemAs, type Problem } from './errors.js';
import { shownFiles } from './problemLines.js';
import { countOf } from './countOf.js';

/** More files than this with one warning, word for word, are named in one line (an export's field no entry uses). */
export const GROUP_WARNINGS_FROM = 5;
/** The files a grouped warning names before "and N more files". */
const NAMED = 3;

/**
 * The warnings as the CLI prints them after `warning: `, one line a warning, but one line for a warning many files
 * share word for word (`layout: is not a known field` in each of 1,277 converted posts), naming a few of them and how
 * many more: a thousand such lines would drown the problems after them.
 */
export function warningLines(warnings: readonly Problem[]): string[] {
  const byText = new Map<string, Problem[]>();
  for (const warning of warnings) {
    const text = `${warning.field}\0${warning.message}\0${warning.fix}`;
    const same = byText.get(text);
    if (same) same.push(warning);
    else byText.set(text, [warning]);
  }
  const lines: string[] = [];
  const grouped = new Set<string>();
  const shown = shownFiles(warnings);
  for (const warning of warnings) {
    const text = `${warning.field}\0${warning.message}\0${warning.fix}`;
    const same = byText.get(text)!;
    if (same.length <= GROUP_WARNINGS_FROM) {
      lines.push(formatProblemAs(warning, shown(warning.file)));
      continue;
    }
    if (grouped.has(text)) continue;
    grouped.add(text);
    const files = [...new Set(same.map((w) => w.file))];
    const named = files.slice(0, NAMED).map(shown).join(', ');
    const where = files.length > NAMED ? `${named} and ${countOf(files.length - NAMED, 'more file', 'more files')}` : named;
    // The rest of the line as formatProblem writes it after the file.
    lines.push(`${where}: ${formatProblem({ ...warning, file: '' }).replace(/^(?::\d+)?: /, '')}`);
  }
  return lines;
}
