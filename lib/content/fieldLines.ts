import type { Problem } from '../shared/errors.js';

/**
 * Gives each problem of `file` without a line the line of its field, as an entry's problems have: a top-level key's
 * `key:` line, and for `digest.unsubscribe.url` the `url:` line inside `unsubscribe:` inside `digest:` (the deepest
 * key found on a line of its own: a mapping written on one line, `author: {name: …}`, gives that line).
 */
export function fieldLines(text: string, file: string): (problem: Problem) => Problem {
  let lines: string[] | undefined;
  const indentOf = (line: string) => line.length - line.trimStart().length;
  return (problem) => {
    if (problem.line !== undefined || problem.file !== file) return problem;
    // A byte-order mark is no part of the first line's text as typed.
    lines ??= text.replace(/^\uFEFF/, '').split('\n');
    const [key, ...nested] = problem.field.split('.').map((part) => part.replace(/\[.*$/, ''));
    let index = lines.findIndex((line) => line.startsWith(`${key}:`));
    if (index < 0) return problem;
    for (const part of nested) {
      const indent = indentOf(lines[index]!);
      let found = -1;
      for (let i = index + 1; i < lines.length; i++) {
        const line = lines[i]!;
        if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
        if (indentOf(line) <= indent) break;
        if (line.trimStart().startsWith(`${part}:`)) {
          found = i;
          break;
        }
      }
      if (found < 0) break;
      index = found;
    }
    return { ...problem, line: index + 1 };
  };
}
