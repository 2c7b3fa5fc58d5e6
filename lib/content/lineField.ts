// A block line's start: a list item's `- `, then a `key:`, either or both.
const START = /^(-(?:[ \t]+|$))?(?:([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]|$))?/;
const ITEM = /^-(?:[ \t]|$)/;

const indentOf = (line: string) => line.length - line.trimStart().length;
const skipped = (line: string) => line.trim() === '' || line.trimStart().startsWith('#');

/**
 * The field line `index` of YAML `lines` is part of, as problems name fields (fieldLine reads the same names):
 * `title` on its own line, `tags` on a list item's line under `tags:` (its own line or the parent's column, as YAML
 * 1.2 §8.2.1 lets a list stand), `source.name`, `related[1].title`, a multi-line value's continuation lines as its
 * key's. Undefined on a line before any key, or one that belongs to none.
 */
export function lineField(lines: readonly string[], index: number): string | undefined {
  const parts: string[] = [];
  let i = index;
  // Whether line i's key names what the parts so far are in: not for a key beside it in the mapping a list item opens.
  let owned = true;
  while (i >= 0) {
    const line = lines[i]!;
    const indent = indentOf(line);
    const [, dash, key] = START.exec(line.slice(indent))!;
    if (key !== undefined && owned) parts.unshift(key);
    let parent = i - 1;
    if (dash !== undefined) {
      // A list item: its number among the items above it at its column (named for an item that is a mapping), and the
      // key that holds the list, above it or in its column.
      let n = 0;
      for (; parent >= 0; parent--) {
        const above = lines[parent]!;
        if (skipped(above)) continue;
        const at = indentOf(above);
        if (at < indent) break;
        if (at > indent) continue;
        if (!ITEM.test(above.slice(at))) break;
        n++;
      }
      if (parts.length > 0) parts.unshift(`[${n}]`);
      owned = true;
    } else {
      while (parent >= 0 && (skipped(lines[parent]!) || indentOf(lines[parent]!) >= indent)) parent--;
      if (parent >= 0) {
        const above = lines[parent]!;
        const at = indentOf(above);
        const item = START.exec(above.slice(at))![1];
        // `- title: …` then `url: …` in the column after its `- `: a key of the item's mapping.
        owned = !(item !== undefined && indent === at + item.length);
      }
    }
    i = parent;
  }
  return parts.length === 0 ? undefined : parts.join('.').replaceAll('.[', '[');
}
