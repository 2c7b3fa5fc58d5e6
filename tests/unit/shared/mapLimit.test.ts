import { describe, expect, it } from 'vitest';
import { mapLimit } from '../../../lib/shared/mapLimit.js';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 5));

describe('mapLimit', () => {
  it('keeps the input order and never has more than limit calls in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const results = await mapLimit([5, 1, 4, 2, 3], 2, async (n, i) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, n * 2));
      inFlight -= 1;
      return `${i}:${n}`;
    });
    expect(results).toEqual(['0:5', '1:1', '2:4', '3:2', '4:3']);
    expect(most).toBe(2);
  });

  it('starts no call after a failure, and rejects with it only once the calls in flight have settled', async () => {
    const started: number[] = [];
    const settled: number[] = [];
    const outcome = mapLimit([0, 1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      started.push(n);
      if (n === 0) throw new Error('refused');
      // Items 1 and 2 are in flight when item 0 fails; they take a few ticks more.
      for (let i = 0; i < 3; i += 1) await tick();
      settled.push(n);
      return n;
    }).then(
      () => 'resolved',
      (error: Error) => ({ message: error.message, settledBefore: [...settled] }),
    );
    expect(await outcome).toEqual({ message: 'refused', settledBefore: [1, 2] });
    expect(started).toEqual([0, 1, 2]);
  });

  it('rejects with the first failure when several calls fail', async () => {
    await expect(
      mapLimit([1, 2, 3], 3, async (n) => {
        await new Promise((resolve) => setTimeout(resolve, n * 5));
        throw new Error(`failed ${n}`);
      }),
    ).rejects.toThrow('failed 1');
  });
});
