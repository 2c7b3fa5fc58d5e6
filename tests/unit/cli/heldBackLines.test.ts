import { describe, expect, it } from 'vitest';
import { heldBackLines } from '../../../cli/heldBackLines.js';

describe('heldBackLines: the entries a publish left out until their date', () => {
  const held = (n: number) => Array.from({ length: n }, (_, i) => ({ file: `entries/2024/e${i + 1}.md`, until: `2024-04-${String(i + 1).padStart(2, '0')}T00:00:00Z` }));

  it('names each on a line of its own, with its date', () => {
    expect(heldBackLines(held(2))).toEqual(['held back until its date: entries/2024/e1.md (2024-04-01T00:00:00Z)', 'held back until its date: entries/2024/e2.md (2024-04-02T00:00:00Z)']);
  });

  it('names ten, then counts the rest', () => {
    const lines = heldBackLines(held(13));
    expect(lines).toHaveLength(11);
    expect(lines[9]).toBe('held back until its date: entries/2024/e10.md (2024-04-10T00:00:00Z)');
    expect(lines[10]).toBe('… and 3 more held back until their date');
  });

  it('counts from the total when the list given is only the first few', () => {
    expect(heldBackLines(held(1), 4).at(-1)).toBe('… and 3 more held back until their date');
  });

  it('says nothing when none is held back', () => {
    expect(heldBackLines([])).toEqual([]);
  });
});
