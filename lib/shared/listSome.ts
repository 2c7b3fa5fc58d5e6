const SHOWN = 3;

/**
 * Names the first few of `items` other than those `isSelf` picks, then "and N more" (`others` is how many there
 * are in all): a message naming the rest of a group stays short however large the group, and making the n
 * messages of a group of n takes time in proportion to n, not n². `items` may be a lazy list: it is read only
 * until those few are named.
 */
export function listSome<T>(items: Iterable<T>, isSelf: (item: T) => boolean, others: number, name: (item: T) => string): string {
  const named: string[] = [];
  for (const item of items) {
    if (named.length === SHOWN) break;
    if (!isSelf(item)) named.push(name(item));
  }
  return others > named.length ? `${named.join(', ')} and ${others - named.length} more` : named.join(', ');
}
