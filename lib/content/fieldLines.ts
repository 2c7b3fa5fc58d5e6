import type { Problem } from '../shared/errors.js';
import { yamlLines } from './yamlLines.js';

/**
 * Gives each problem of `file` without a line the line of its field, as an entry's problems have (fieldLine).
 */
export function fieldLines(text: string, file: string): (problem: Problem) => Problem {
  let lines: string[] | undefined;
  return (problem) => {
    if (problem.line !== undefined || problem.file !== file) return problem;
    lines ??= yamlLines(text);
    const index = fieldLine(lines, problem.field);
    return index === undefined ? problem : { ...problem, line: index + 1 };
  };
}

/** Where a YAML node starts: its line, the column its own content is at, and a list item's text after `- `. */
interface Node {
  index: number;
  column: number;
  inline?: string;
}

const indentOf = (line: string) => line.length - line.trimStart().length;
const skipped = (line: string) => line.trim() === '' || line.trimStart().startsWith('#');

/**
 * The index in YAML `lines` of the line `field` is written on: a top-level key's `key:` line; for
 * `digest.unsubscribe.url` the `url:` line inside `unsubscribe:` inside `digest:`, for `related[1].title` the `title:`
 * of the list's second item (on its `- ` line or below it). The deepest part found on a line of its own: a mapping or
 * list written on one line (`author: {name: …}`, `tags: [a, b]`) gives that line. Undefined without the top-level key.
 */
export function fieldLine(lines: readonly string[], field: string): number | undefined {
  const [key, ...nested] = field.match(/\[\d+\]|[^.[\]]+/g) ?? [];
  const index = key === undefined ? -1 : lines.findIndex((line) => line.startsWith(`${key}:`));
  if (index < 0) return undefined;
  let node: Node | undefined = { index, column: 0 };
  for (const part of nested) {
    const next: Node | undefined = part.startsWith('[') ? listItem(lines, node, Number(part.slice(1, -1))) : mappingKey(lines, node, part);
    if (next === undefined) break;
    node = next;
  }
  return node.index;
}

/** The `name:` key of the mapping under `node`: its first key sets the column the others share. */
function mappingKey(lines: readonly string[], node: Node, name: string): Node | undefined {
  if (node.inline?.startsWith(`${name}:`)) return { index: node.index, column: node.column };
  // A list item's other keys are in the column of the one after its `- `.
  let column = node.inline === undefined ? undefined : node.column;
  for (let i = node.index + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (skipped(line)) continue;
    const indent = indentOf(line);
    if (node.inline === undefined ? indent <= node.column : indent < node.column) return undefined;
    column ??= indent;
    if (indent === column && [name, JSON.stringify(name), `'${name}'`].some((typed) => line.trimStart().startsWith(`${typed}:`))) return { index: i, column: indent };
  }
  return undefined;
}

/** Item `n` (from 0) of the block list under `node`, which YAML lets stand in the column of its parent's key. */
function listItem(lines: readonly string[], node: Node, n: number): Node | undefined {
  let column: number | undefined;
  let count = 0;
  for (let i = node.index + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (skipped(line)) continue;
    const indent = indentOf(line);
    const item = /^-(?:\s+|$)/.exec(line.trimStart());
    if (indent < (column ?? node.column) || (indent === (column ?? node.column) && !item)) return undefined;
    column ??= indent;
    if (indent !== column || !item) continue;
    if (count++ === n) return { index: i, column: indent + item[0].length, inline: line.trimStart().slice(item[0].length) };
  }
  return undefined;
}
