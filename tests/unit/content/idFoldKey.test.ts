import { describe, expect, it } from 'vitest';
import { idFoldKey } from '../../../lib/content/idFoldKey.js';

describe('idFoldKey', () => {
  it('leaves out characters no reader sees, then composes what they stood between', () => {
    // A zero-width space between e and a combining acute: without it, é.
    expect(idFoldKey('cafe\u200b\u0301')).toBe(idFoldKey('caf\u00e9'));
    // A variation selector, a word joiner, a halfwidth Hangul filler (which NFKC makes the Hangul filler, also ignorable).
    expect(idFoldKey('ca\ufe0ff\u2060e\uffa0')).toBe('cafe');
  });

  it('keeps what a reader sees: a space, a non-breaking space, a hyphen', () => {
    for (const id of ['ca fe', 'ca-fe']) expect(idFoldKey(id)).not.toBe(idFoldKey('cafe'));
  });
});
