/**
 * `pattern` (anchored at the start, its last group the value, written greedy as `(.*)` without a closing `\s*$`) on
 * `line`, as the lazy `(.*?)\s*$` would match it: null unless only white space follows the match, the value without
 * its trailing white space. The lazy form tries `\s*$` from every character of a run of spaces inside the value,
 * each try to the run's end, so a run of tens of thousands took seconds; this reads the line once.
 */
export function trimmedLineMatch(pattern: RegExp, line: string): RegExpExecArray | null {
  const match = pattern.exec(line);
  // `.` stops at a line separator: what follows it must be white space only, as for `\s*$`.
  if (!match || line.slice(match[0].length).trim() !== '') return null;
  const last = match.length - 1;
  // String#trimEnd drops exactly what `\s` matches (ECMA-262: WhiteSpace and LineTerminator).
  if (match[last] !== undefined) match[last] = match[last].trimEnd();
  return match;
}
