import { describe, expect, it } from 'vitest';
import { mimeBoundary } from '../../../lib/shared/mimeBoundary.js';

describe('mimeBoundary', () => {
  it('is the same for the same message, and another when any part is another', () => {
    const base = mimeBoundary('<m@example.org>', 'text', '<p>html</p>');
    expect(base).toMatch(/^[0-9a-f]{24}$/);
    expect(mimeBoundary('<m@example.org>', 'text', '<p>html</p>')).toBe(base);
    expect(mimeBoundary('<m@example.org>', 'text.', '<p>html</p>')).not.toBe(base);
    expect(mimeBoundary('<m@example.org>', 'text', '<p>html.</p>')).not.toBe(base);
    expect(mimeBoundary('<n@example.org>', 'text', '<p>html</p>')).not.toBe(base);
  });

  it('keeps the parts apart: moving text from one part to the next is another boundary', () => {
    expect(mimeBoundary('<m@example.org>', 'ab', 'c')).not.toBe(mimeBoundary('<m@example.org>', 'a', 'bc'));
  });
});
