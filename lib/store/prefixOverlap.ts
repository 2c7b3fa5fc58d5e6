/**
 * How a bucket's folder `a` stands to its folder `b`: `inside` when it is `b` or within it, `holds` when `b` is within
 * it, undefined when they share no object. Each is a key prefix, '' being the bucket's root; leading slashes are
 * dropped and a trailing one added, so `a`, `a/` and `/a` are one folder, and `a` does not hold `ab/`.
 */
export function prefixOverlap(a: string, b: string): 'inside' | 'holds' | undefined {
  const folder = (prefix: string) => {
    const trimmed = prefix.replace(/^\/+/, '');
    return trimmed === '' || trimmed.endsWith('/') ? trimmed : `${trimmed}/`;
  };
  const [first, second] = [folder(a), folder(b)];
  if (first.startsWith(second)) return 'inside';
  return second.startsWith(first) ? 'holds' : undefined;
}
