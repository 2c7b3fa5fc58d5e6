import { describe, expect, it } from 'vitest';
import { idFoldKey } from '../../../lib/content/idFoldKey.js';

describe('idFoldKey', () => {
  it('leaves out characters no reader sees, then composes what they stood between', () => {
    // A zero-width space between e and a combining acute: without it, é.
    expect(idFoldKey('cafe\u200b\u0301')).toBe(idFoldKey('caf\u00e9'));
    // A variation selector, a word joiner, a halfwidth Hangul filler (which NFKC makes the Hangul filler, also ignorable).
    expect(idFoldKey('ca\ufe0ff\u2060e\uffa0')).toBe('cafe');
  });

  it('folds case in full, as Unicode case folding does, and the Turkish i\'s as Turkish writes their cases', () => {
    // ß is SS in upper case, a final sigma σ; lower case alone keeps each apart.
    expect(idFoldKey('straße')).toBe(idFoldKey('STRASSE'));
    expect(idFoldKey('σοφος')).toBe(idFoldKey('σοφοσ'));
    // Dotless ı is I's lower case in Turkish, dotted İ is i's: "DİA", "DIA", "dıa" and "dia" are one id to a reader.
    for (const id of ['DİA', 'DIA', 'dıa', 'di\u0307a']) expect(idFoldKey(id), id).toBe(idFoldKey('dia'));
    // A letter and its mark that upper case takes apart are one again (ǰ, U+01F0, has no upper case of its own).
    expect(idFoldKey('\u01F0x')).toBe(idFoldKey('J\u030Cx'));
  });

  it('keeps apart what reads differently: a letter and the same letter with an accent, two scripts', () => {
    expect(idFoldKey('resume')).not.toBe(idFoldKey('résumé'));
    // Cyrillic а and Latin a look alike but are no case or normalisation of each other.
    expect(idFoldKey('\u0430bc')).not.toBe(idFoldKey('abc'));
  });

  it('keeps what a reader sees: a space, a non-breaking space, a hyphen', () => {
    for (const id of ['ca fe', 'ca-fe']) expect(idFoldKey(id)).not.toBe(idFoldKey('cafe'));
  });
});
