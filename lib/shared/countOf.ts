/** `1 tag`, `2 tags`: a count with its noun in the number it takes. */
export function countOf(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}
