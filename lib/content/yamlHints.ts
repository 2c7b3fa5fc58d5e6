import type { Problem } from '../shared/errors.js';
import { quote, QUOTE_MAX_CHARS } from '../shared/quote.js';
import { commentStart } from './commentCuts.js';

// `key: value` or `- value` (a list item), with the value's first character telling its kind.
const VALUE_LINE = /^\s*(?:-\s+)?(?:([A-Za-z_][\w-]*)\s*:\s+)?(.*)$/;

/** What a value opens and never closes on its line, if anything: a quote or a flow bracket. */
function unclosed(value: string): { what: string; close: string } | undefined {
  if (value.startsWith('"') && !/^"(?:[^"\\]|\\.)*"/.test(value)) return { what: 'the " that opens this value', close: '"' };
  if (value.startsWith("'") && !/^'(?:[^']|'')*'/.test(value)) return { what: "the ' that opens this value", close: "'" };
  if (value.startsWith('[') || value.startsWith('{')) {
    const text = value.replace(/"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'/g, '');
    const open = (text.match(/[[{]/g) ?? []).length;
    const closed = (text.match(/[\]}]/g) ?? []).length;
    if (open > closed) return value.startsWith('[') ? { what: 'the [ that opens this list', close: ']' } : { what: 'the { that opens this mapping', close: '}' };
  }
  return undefined;
}

/** A long line's start and end, so that a message never repeats a whole long value. */
function excerpt(line: string): string {
  return line.length <= 2 * QUOTE_MAX_CHARS ? line : `${line.slice(0, QUOTE_MAX_CHARS)}…${line.slice(-QUOTE_MAX_CHARS)}`;
}

/**
 * js-yaml reports an unclosed quote or bracket on the line where it gave up, often the next field's,
 * which sends the editor to the wrong line. When a line at or before the reported one opens a quote or
 * bracket it never closes, the problem is moved to that line, with its field and the closing to add.
 */
export function explainYamlProblem(problem: Problem, yaml: string, firstLine = 1): Problem {
  const lines = yaml.split('\n');
  const reported = problem.line === undefined ? lines.length - 1 : Math.min(problem.line - firstLine, lines.length - 1);
  for (let index = reported; index >= 0; index--) {
    const match = VALUE_LINE.exec(lines[index]!);
    // What YAML reads of the value: a comment (a # after a space) hides the rest of the line, a closing included.
    const value = match ? match[2]! : '';
    const comment = commentStart(value);
    const found = match ? unclosed((comment === undefined ? value : value.slice(0, comment)).trim()) : undefined;
    if (!found) continue;
    const explained: Problem =
      comment === undefined
        ? { ...problem, line: firstLine + index, message: `malformed YAML: ${found.what} is never closed`, fix: `close it on the same line: ${excerpt(lines[index]!.trim())}${found.close}` }
        : {
            ...problem,
            line: firstLine + index,
            message: `malformed YAML: ${found.what} is never closed, since the # in ${quote(value.slice(comment).trim())} starts a comment that hides the rest of the line`,
            fix: 'put the text that holds the # in double quotes',
          };
    explained.field = match![1] ?? problem.field;
    return explained;
  }
  return problem;
}
