import { describe, expect, it } from 'vitest';
import type { Problem } from '../../../lib/shared/errors.js';
import { problemLines } from '../../../lib/shared/problemLines.js';
import { warningLines } from '../../../lib/shared/warningLines.js';
import { repeatedEntries } from '../../../lib/content/repeatedEntries.js';

const composed = 'entries/2014/caf\u00e9.md';
const decomposed = 'entries/2014/cafe\u0301.md';
const at = (file: string, line?: number): Problem => ({ file, ...(line === undefined ? {} : { line }), field: 'id', message: 'm', fix: 'f' });

describe('problemLines', () => {
  it('starts the lines of two files that print alike (a composed and a decomposed é) apart: the decomposed one with its mark escaped', () => {
    // printableName prints both as entries/2014/café.md; distinctName escapes U+0301 (\u301) and leaves the composed é.
    expect(problemLines([at(composed, 3), at(decomposed)])).toEqual(['entries/2014/caf\u00e9.md:3: id: m (f)', 'entries/2014/cafe\\u301.md: id: m (f)']);
    // A zero-width space (U+200B) reads as nothing: its file is escaped, the other is kept.
    expect(problemLines([at('cafe.md'), at('ca\u200bfe.md')])).toEqual(['cafe.md: id: m (f)', 'ca\\u200bfe.md: id: m (f)']);
    // A no-break space (U+00A0) inside a name reads as a space: its file is escaped, the spaced one kept.
    expect(problemLines([at('a b.md'), at('a\u00a0b.md')])).toEqual(['a b.md: id: m (f)', 'a\\xa0b.md: id: m (f)']);
  });

  it('prints a decomposed name, or one with an invisible character inside, as it is when no other file of the list prints like it', () => {
    expect(problemLines([at(decomposed), at('entries/2014/ca\u200bfe.md')])).toEqual(['entries/2014/cafe\u0301.md: id: m (f)', 'entries/2014/ca\u200bfe.md: id: m (f)']);
    expect(problemLines([at(decomposed), at(decomposed, 2)])).toEqual(['entries/2014/cafe\u0301.md: id: m (f)', 'entries/2014/cafe\u0301.md:2: id: m (f)']);
  });

  it('gives the look-alike id lines of repeatedEntries starts that differ, their files kept as they are for --json', () => {
    const { problems } = repeatedEntries([{ key: composed, id: '2014/caf\u00e9', url: 'https://x.example/a' }, { key: decomposed, id: '2014/cafe\u0301', url: 'https://x.example/b' }]);
    expect(problems.map((problem) => problem.file)).toEqual([composed, decomposed]);
    const starts = problemLines(problems).map((line) => line.slice(0, line.indexOf(': id: ')));
    expect(starts).toEqual(['entries/2014/caf\u00e9.md', 'entries/2014/cafe\\u301.md']);
  });
});

describe('warningLines', () => {
  it('starts the warnings of two files that print alike apart too, as problemLines does', () => {
    expect(warningLines([at(composed), at(decomposed, 4)])).toEqual(['entries/2014/caf\u00e9.md: id: m (f)', 'entries/2014/cafe\\u301.md:4: id: m (f)']);
  });
});
