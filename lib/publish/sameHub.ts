/** Whether two hub URLs are one (site.yml's is normalised; one a feed or a record holds, as it was written). */
export function sameHub(a: string, b: string | undefined): boolean {
  if (b === undefined) return false;
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return a === b;
  }
}
