import { VOID_ELEMENTS as VOID } from '../shared/voidElements.js';

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>/g;

// A dl holds groups of one or more dt then one or more dd (WHATWG HTML §4.4.9), as the repair makes every body's: a
// dt is never the last of its dl, so the end of one is no place to close the elements still open.
const NEEDS_WHAT_FOLLOWS = new Set(['dt']);

// A cell's rowspan (WHATWG HTML §4.9.11) reaches the rows below its own in its row group (a table's tbody, thead or
// tfoot, or the table itself): a cut that leaves out one of them makes the cell span past the end of its group, which
// the table model clips (§4.9.12.1) and the Nu checker refuses. The sanitised HTML quotes every attribute value.
const ROW_GROUPS = new Set(['table', 'thead', 'tbody', 'tfoot']);
const ROWSPAN = /\srowspan="(\d+)"/i;

/** The rows of a row group read so far (the last one's index) and the last row its cells reach. */
interface RowGroup {
  row: number;
  reach: number;
}

/** Reads a start tag into the row groups open: a row is one more of the innermost's, a cell may reach rows below. */
function readRows(groups: RowGroup[], name: string, tag: string): void {
  if (ROW_GROUPS.has(name)) groups.push({ row: -1, reach: -1 });
  const group = groups.at(-1);
  if (group === undefined) return;
  if (name === 'tr') group.row += 1;
  else if (name === 'td' || name === 'th') {
    // 0 spans to the group's end, wherever that is (§4.9.11): a cut leaves it valid, as 1 does.
    const span = Math.max(Number(ROWSPAN.exec(tag)?.[1] ?? 1), 1);
    group.reach = Math.max(group.reach, group.row + span - 1);
  }
}

/**
 * The longest run of whole top-level blocks of `html` that fits in `maxChars`, and whether anything was left
 * out. `html` is sanitised output: every `<` starts a tag, attribute values escape `>`, and tags are balanced,
 * so a depth count finds where each top-level block ends. The cut never splits a block, so the result is as
 * well formed as the input.
 */
export function cutHtml(html: string, maxChars: number): { html: string; cut: boolean } {
  if (html.length <= maxChars) return { html, cut: false };
  let depth = 0;
  let end = 0;
  TAG.lastIndex = 0;
  for (let match = TAG.exec(html); match !== null && match.index < maxChars; match = TAG.exec(html)) {
    const name = match[2]!.toLowerCase();
    if (VOID.has(name)) {
      if (depth === 0 && TAG.lastIndex <= maxChars) end = TAG.lastIndex;
      continue;
    }
    depth += match[1] ? -1 : 1;
    if (depth === 0 && TAG.lastIndex <= maxChars) end = TAG.lastIndex;
  }
  return { html: html.slice(0, end).trimEnd(), cut: true };
}

/**
 * The start of `html`'s first block when not even that fits in `maxChars` (a table longer than the budget): its
 * content up to the last element that ends within the budget (a table's last whole row, a list's last item, a
 * definition list's last dd), with the elements still open then closed, so it stays as well formed and as valid as
 * the input (never a cell cut off from the rows it spans). Empty when no element inside it ends in time (a
 * paragraph of plain text): a cut inside text could split a word or a character reference.
 */
export function cutFirstBlock(html: string, maxChars: number): string {
  const open: string[] = [];
  const groups: RowGroup[] = [];
  let best = '';
  TAG.lastIndex = 0;
  for (let match = TAG.exec(html); match !== null && match.index < maxChars; match = TAG.exec(html)) {
    const name = match[2]!.toLowerCase();
    if (!VOID.has(name)) {
      if (!match[1]) {
        open.push(name);
        readRows(groups, name, match[0]);
      } else if (ROW_GROUPS.has(open.pop() ?? '')) groups.pop();
    }
    // Only inside the first block, and only where an element has just ended.
    if (open.length === 0) break;
    if (!match[1] && !VOID.has(name)) continue;
    if (NEEDS_WHAT_FOLLOWS.has(name)) continue;
    if (groups.some((group) => group.reach > group.row)) continue;
    const closing = open.map((tag) => `</${tag}>`).reverse().join('');
    if (TAG.lastIndex + closing.length > maxChars) break;
    best = html.slice(0, TAG.lastIndex).trimEnd() + closing;
  }
  return best;
}
