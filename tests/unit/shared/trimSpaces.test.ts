import { describe, expect, it } from 'vitest';
import { parseMailbox } from '../../../lib/shared/mailbox.js';
import { trimSpaces } from '../../../lib/shared/trimSpaces.js';
import { parseRecipient } from '../../../lib/subscribers/recipient.js';

/** The trim parseMailbox and parseRecipient used before, kept as the reference: the same answers, in quadratic time. */
const oldTrim = (text: string): string => text.replace(/^ +| +$/g, '');

/** A small seeded generator (mulberry32), so that a failure names inputs that come again. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

// Spaces weighted up, beside the other white space the trim must leave (tab, line break, NBSP, ideographic space), the
// characters of a mailbox, and a character outside the BMP (two UTF-16 units).
const PIECES = [' ', ' ', ' ', ' ', 'a', '.', '@', '<', '>', '"', '\t', '\n', '\u00a0', '\u3000', '\u{1F600}', 'ada@example.org', 'Ada <ada@example.org>'];

describe('trimSpaces', () => {
  it('gives what the old pattern gives, for every input generated (spaces in runs, at either end, inside, alone, none)', () => {
    const next = random(47);
    const inputs = ['', ' ', '  ', 'a', ' a ', '\ta\t', ' \u00a0a\u00a0 ', 'a  b', '   a   b   '];
    for (let i = 0; i < 20_000; i++) inputs.push(Array.from({ length: Math.floor(next() * 24) }, () => PIECES[Math.floor(next() * PIECES.length)]!).join(''));
    const differing = inputs.filter((text) => trimSpaces(text) !== oldTrim(text));
    expect(differing).toEqual([]);
    // And the inputs reached each kind of case the trim tells apart.
    expect(inputs.some((text) => text.startsWith(' ') && text.endsWith(' ') && oldTrim(text).includes(' '))).toBe(true);
    expect(inputs.some((text) => text.length > 0 && oldTrim(text) === '')).toBe(true);
  });

  it('takes time linear in a run of spaces: a 50,000-space field around a word is refused at once by the parser and by the subscriber line reader', () => {
    const text = `a${' '.repeat(50_000)}b`;
    const began = performance.now();
    const parsed = parseMailbox(text);
    const recipient = parseRecipient(` ${text} `);
    const took = performance.now() - began;
    expect(parsed).toMatchObject({ ok: false, reason: 'no "@"' });
    expect(recipient.address).toBe(text);
    expect(recipient.invalid).toContain('no "@"');
    // The old trim took seconds here (it grows with the square of the run: 0.4 s at 16,000 spaces); one pass, a millisecond.
    expect(took).toBeLessThan(1_000);
  });
});
