import { describe, expect, it } from 'vitest';
import { detachedText } from '../../../lib/shared/detachedText.js';

describe('detachedText', () => {
  it('gives the same text, whatever its characters, a lone surrogate included (which a UTF-8 round trip would replace)', () => {
    const parent = `${'x'.repeat(100)}Talks resume in 개성 — “Geneva” \u{1F1F0}\u{1F1F5} \ud800 end${'y'.repeat(100)}`;
    const cut = parent.slice(100, parent.length - 100);
    expect(detachedText(cut)).toBe('Talks resume in 개성 — “Geneva” \u{1F1F0}\u{1F1F5} \ud800 end');
    expect(detachedText('')).toBe('');
  });
});
