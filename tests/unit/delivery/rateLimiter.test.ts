import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../lib/delivery/rateLimiter.js';

/** Release times of `calls` waits at `perSecond`, on a fake clock whose every sleep wakes `late(n)` ms late. */
async function releases(perSecond: number, calls: number, late: (sleep: number) => number): Promise<number[]> {
  let clock = 0;
  let sleeps = 0;
  const limiter = new RateLimiter(perSecond, () => clock, async (ms) => {
    clock += ms + late(++sleeps);
  });
  const released: number[] = [];
  for (let i = 0; i < calls; i++) {
    await limiter.wait();
    released.push(clock);
  }
  return released;
}

// A wake far later than half an interval: tests/unit/delivery/exactlyOnce.test.ts (the rate limiter).
describe('RateLimiter', () => {
  it('keeps its pace when every timer wakes a little late: 1,000 sends at 100 a second take 9.99 s, not 1 ms more each', async () => {
    // One each 10 ms; each sleep wakes 1 ms late, as setTimeout does on a loaded machine.
    const released = await releases(100, 1_000, () => 1);
    // Due at 0, 10, …, 9,990 ms; each goes 1 ms after it is due, none later.
    expect(released.at(-1)).toBe(9_990 + 1);
    expect(released.every((time, index) => time - index * 10 >= 0 && time - index * 10 <= 1)).toBe(true);
  });

  it('never puts more in a window than the rate after small late wakes: at most 101 releases in any second at 100 a second', async () => {
    // Wakes 0 to 4 ms late (under half the 10 ms interval), varying.
    const released = await releases(100, 1_000, (n) => (n * 7) % 5);
    const mostInASecond = Math.max(...released.map((start) => released.filter((time) => time >= start && time < start + 1_000).length));
    expect(mostInASecond).toBeLessThanOrEqual(101);
    const gaps = released.slice(1).map((time, index) => time - released[index]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(5);
  });

});
