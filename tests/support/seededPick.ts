/**
 * A small deterministic generator (mulberry32) for generated test cases, so that a failing case can be run again:
 * each call gives a whole number from 0 to n - 1.
 */
export function seededPick(seed: number): (n: number) => number {
  let state = seed;
  return (n: number) => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
}
