import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../../lib/shared/errors.js';
import { distinctName, printableName, printableText } from '../../../lib/shared/printable.js';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i));
const hex = (character: string) => `\\x${character.charCodeAt(0).toString(16).padStart(2, '0')}`;

describe('printableName', () => {
  it('writes LF, CR and tab as \\n, \\r and \\t', () => {
    expect(printableName('a\nb\rc\td')).toBe('a\\nb\\rc\\td');
  });

  it('writes every other C0 control, DEL and every C1 control as \\xHH', () => {
    const controls = [...range(0x00, 0x1f), ...range(0x7f, 0x9f)].filter((character) => !'\n\r\t'.includes(character));
    expect(controls).toHaveLength(29 + 33);
    for (const character of controls) expect(printableName(`a${character}b`), hex(character)).toBe(`a${hex(character)}b`);
    expect(printableName('c\u001b[31mRED\u001b[0m.md')).toBe('c\\x1b[31mRED\\x1b[0m.md');
  });

  it('writes U+2028 and U+2029 as \\u2028 and \\u2029', () => {
    expect(printableName('a\u2028b\u2029c')).toBe('a\\u2028b\\u2029c');
  });

  it('doubles a backslash, so a name typed with \\n stays apart from one holding a line break', () => {
    expect(printableName('a\\nb')).toBe('a\\\\nb');
    expect(printableName('a\\nb')).not.toBe(printableName('a\nb'));
  });

  it('escapes white space and format characters at either end, so that a name ending in a space is told from one without', () => {
    expect(printableName('entries/2014/trailing.md ')).toBe('entries/2014/trailing.md\\x20');
    expect(formatProblem({ file: 'entries/trailing.md ', field: 'file', message: 'm', fix: 'f' })).toBe('entries/trailing.md\\x20: file: m (f)');
    expect(printableName(' a.md\t \u00a0')).toBe('\\x20a.md\\t\\x20\\xa0');
    // A zero-width space, a byte order mark, a bidi control and a language tag (U+E0001) are format characters.
    expect(printableName('\ufeffa.md\u200b\u202a\u{e0001}')).toBe('\\ufeffa.md\\u200b\\u202a\\u{e0001}');
    // As are the other characters a reader never sees (Default_Ignorable_Code_Point): a combining grapheme joiner,
    // a variation selector, the Hangul filler.
    expect(printableName('a.md\u034f')).toBe('a.md\\u34f');
    expect(printableName('\u3164a.md\ufe0f')).toBe('\\u3164a.md\\ufe0f');
    expect(printableName('a.md ')).not.toBe(printableName('a.md'));
  });

  it('keeps everything else as it is, white space and format characters between other characters included', () => {
    for (const name of ['entries/2014/a.md', 'entries/북한/경제 ü 😀.md', 'tagSlugs.C++', 'a\u00a0\u00ff\u2027\u202a\u200bb']) expect(printableName(name)).toBe(name);
  });
});

describe('printableText', () => {
  it('escapes the same characters, but leaves backslashes (quote() already escaped the values in a message)', () => {
    expect(printableText('"a\\u0001" then\u009b and\nnext \\ ok\u2029')).toBe('"a\\u0001" then\\x9b and\\nnext \\ ok\\u2029');
  });
});

describe('formatProblem', () => {
  it('keeps one problem on one line, with its file and field names escaped', () => {
    const line = formatProblem({ file: 'entries/a\nb\\c.md', line: 3, field: 'tagSlugs.x\u001by\u2028', message: 'is bad\u0085', fix: 'fix\rit' });
    expect(line).toBe('entries/a\\nb\\\\c.md:3: tagSlugs.x\\x1by\\u2028: is bad\\x85 (fix\\rit)');
  });
});

describe('distinctName', () => {
  it('escapes every combining mark and invisible character too, so a decomposed name prints apart from a composed one', () => {
    expect(distinctName('entries/2014/cafe\u0301.md')).toBe('entries/2014/cafe\\u301.md');
    expect(distinctName('entries/2014/caf\u00e9.md')).toBe('entries/2014/caf\u00e9.md');
    expect(distinctName('ca\u200bfe\u00ad.md\n')).toBe('ca\\u200bfe\\xad.md\\n');
    expect(printableName('entries/2014/cafe\u0301.md')).toBe('entries/2014/cafe\u0301.md');
  });

  it('escapes a space other than U+0020 (a no-break space, which NFKC folds to U+0020 in ids) so that its name prints apart from the spaced one; U+0020 stays', () => {
    expect(distinctName('entries/2014/a\u00a0b.md')).toBe('entries/2014/a\\xa0b.md');
    expect(distinctName('entries/2014/a\u202fb\u3000.md')).toBe('entries/2014/a\\u202fb\\u3000.md');
    expect(distinctName('entries/2014/a b.md')).toBe('entries/2014/a b.md');
    // printableName, for every other line, keeps it.
    expect(printableName('entries/2014/a\u00a0b.md')).toBe('entries/2014/a\u00a0b.md');
  });
});
