import { describe, expect, it } from 'vitest';
import { onFirstCall } from '../../../lib/shared/onFirstCall.js';

describe('onFirstCall', () => {
  it('makes its value on the first call only, and tells whether it has', () => {
    const made: string[] = [];
    const value = onFirstCall(() => {
      made.push('made');
      return { n: made.length };
    });
    expect([value.loaded, made]).toEqual([false, []]);
    const first = value();
    expect([value.loaded, made, first]).toEqual([true, ['made'], { n: 1 }]);
    expect(value()).toBe(first);
    expect(made).toEqual(['made']);
  });

  it('makes it again on the next call when making it threw', () => {
    let calls = 0;
    const value = onFirstCall(() => {
      calls++;
      if (calls === 1) throw new Error('not yet');
      return calls;
    });
    expect(() => value()).toThrow('not yet');
    expect(value.loaded).toBe(false);
    expect(value()).toBe(2);
  });
});
