/** The groups of two or more items that share a key; an item alone in its group costs no array. */
export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Iterable<T[]> {
  const first = new Map<string, T>();
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const seen = first.get(key);
    if (seen === undefined) first.set(key, item);
    else {
      const group = groups.get(key);
      if (group) group.push(item);
      else groups.set(key, [seen, item]);
    }
  }
  return groups.values();
}
