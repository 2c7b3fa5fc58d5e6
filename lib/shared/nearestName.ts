/**
 * The one name among `names` that `typed` is most likely a slip for: the same once case and dashes are set aside
 * (`--dryrun`, `--Dry-Run`), else within two typing slips (a letter left out, added, changed or two swapped:
 * `pubish`, `chekc`), fewer than half its letters. Undefined when none is that close, or two are as close: a guess
 * between two names helps no one.
 */
export function nearestName(typed: string, names: readonly string[]): string | undefined {
  const same = names.filter((name) => plain(name) === plain(typed));
  if (same.length > 0) return same.length === 1 ? same[0] : undefined;
  const most = Math.min(2, Math.floor((typed.length - 1) / 2));
  let best: string[] = [];
  let bestDistance = Infinity;
  for (const name of names) {
    const distance = slips(plain(typed), plain(name));
    if (distance > most) continue;
    if (distance < bestDistance) [best, bestDistance] = [[name], distance];
    else if (distance === bestDistance) best.push(name);
  }
  return best.length === 1 ? best[0] : undefined;
}

/** A name as nearestName compares it: case and dashes set aside. */
export const plainName = (name: string) => name.toLowerCase().replaceAll('-', '');
const plain = plainName;

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of two neighbours, each one slip. */
function slips(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = value;
    }
  }
  return rows[a.length]![b.length]!;
}
