import { describe, expect, it } from 'vitest';
import { BoundedCache } from '../../../lib/shared/boundedCache.js';

describe('BoundedCache', () => {
  it('computes a key once while it is kept', () => {
    const cache = new BoundedCache<string, number>(10);
    let calls = 0;
    const length = (key: string) => {
      calls++;
      return key.length;
    };
    expect(cache.get('abc', length)).toBe(3);
    expect(cache.get('abc', length)).toBe(3);
    expect(cache.get('de', length)).toBe(2);
    expect(calls).toBe(2);
  });

  it('forgets everything when full, so it never holds more than its limit', () => {
    const cache = new BoundedCache<number, number>(3);
    const computed: number[] = [];
    const square = (key: number) => {
      computed.push(key);
      return key * key;
    };
    for (const key of [1, 2, 3]) cache.get(key, square);
    // The fourth key clears the three before it.
    expect(cache.get(4, square)).toBe(16);
    expect(cache.get(1, square)).toBe(1);
    expect(cache.get(4, square)).toBe(16);
    expect(computed).toEqual([1, 2, 3, 4, 1]);
  });

  it('keeps false and null, which are values, but computes undefined again', () => {
    const cache = new BoundedCache<string, boolean | null | undefined>(10);
    let calls = 0;
    const answer = (key: string) => {
      calls++;
      return key === 'f' ? false : key === 'n' ? null : undefined;
    };
    for (let i = 0; i < 2; i++) for (const key of ['f', 'n', 'u']) cache.get(key, answer);
    expect(calls).toBe(4);
  });
});
