import { describe, expect, it } from 'vitest';
import { prefixOverlap } from '../../../lib/store/prefixOverlap.js';

describe('prefixOverlap', () => {
  it('is inside for the same folder in any spelling, and for a folder within', () => {
    for (const [a, b] of [['a', 'a'], ['a/', 'a'], ['/a', 'a/'], ['a/b', 'a'], ['a/b/', '/a/'], ['x', ''], ['', ''], ['', '/']]) expect(prefixOverlap(a!, b!), `${a} ${b}`).toBe('inside');
  });

  it('holds for a folder holding the other, the root holding every folder', () => {
    for (const [a, b] of [['', 'a'], ['/', 'a/b'], ['a', 'a/b'], ['a/', '/a/b/']]) expect(prefixOverlap(a!, b!), `${a} ${b}`).toBe('holds');
  });

  it('is undefined for folders side by side, a shared start of a name included', () => {
    for (const [a, b] of [['a', 'b'], ['a', 'ab'], ['ab/', 'a'], ['a/b', 'a/c'], ['a', 'A']]) expect(prefixOverlap(a!, b!), `${a} ${b}`).toBeUndefined();
  });
});
