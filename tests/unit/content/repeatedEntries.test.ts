import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../../lib/shared/errors.js';
import { problemLines, shownFiles } from '../../../lib/shared/problemLines.js';
import { printableName } from '../../../lib/shared/printable.js';
import { repeatedEntries } from '../../../lib/content/repeatedEntries.js';

// Two ids that fold alike (NFKC: fullwidth letters read as the same word), as an older version published them.
const plain = { key: 'entries/cafe.md', id: 'cafe', url: 'https://a.example/1' };
const wide = { key: 'entries/ｃａｆｅ.md', id: 'ｃａｆｅ', url: 'https://a.example/2' };

describe('repeatedEntries: ids that differ only by case or Unicode normalisation', () => {
  it('refuses each when neither was published under its id', () => {
    const { problems, warnings } = repeatedEntries([plain, wide], () => false);
    expect(problems.map((problem) => problem.file)).toEqual([plain.key, wide.key]);
    expect(warnings).toEqual([]);
  });

  it('warns of each, refusing none, when the last publish had both under these ids: a new id would show one again as new', () => {
    const { problems, warnings } = repeatedEntries([plain, wide], () => true);
    expect(problems).toEqual([]);
    expect(warnings).toMatchObject([
      { file: plain.key, field: 'id', message: 'the id "cafe" differs only by case, Unicode normalisation or invisible characters from "ｃａｆｅ" (entries/ｃａｆｅ.md)', fix: expect.stringMatching(/^leave them: each id is published/) },
      { file: wide.key, field: 'id', message: 'the id "ｃａｆｅ" differs only by case, Unicode normalisation or invisible characters from "cafe" (entries/cafe.md)' },
    ]);
  });

  it('refuses only the one not published when the other was', () => {
    const { problems, warnings } = repeatedEntries([plain, wide], (entry) => entry === plain);
    expect(problems).toMatchObject([{ file: wide.key, field: 'id', fix: 'give this entry a clearly different id: line' }]);
    expect(warnings).toEqual([]);
  });
});

describe('repeatedEntries: ids that differ only by invisible characters', () => {
  // A zero-width space and a soft hyphen (Default_Ignorable_Code_Point), as an older version published them.
  const hidden = { key: 'entries/ca\u200bfe.md', id: 'ca\u200bfe', url: 'https://a.example/3' };
  const hyphen = { key: 'entries/ca\u00adfe.md', id: 'ca\u00adfe', url: 'https://a.example/4' };

  it('refuses only the one not published, as for fullwidth letters', () => {
    expect(repeatedEntries([plain, hidden, hyphen], (entry) => entry === plain).problems.map((problem) => problem.file)).toEqual([hidden.key, hyphen.key]);
  });

  it('warns of each, refusing none, when all were published', () => {
    const { problems, warnings } = repeatedEntries([plain, hidden], () => true);
    expect(problems).toEqual([]);
    expect(warnings.map((warning) => warning.file)).toEqual([plain.key, hidden.key]);
  });
});

describe('repeatedEntries: look-alike ids that print the same', () => {
  // "é" composed (U+00E9) and decomposed (e, then U+0301 COMBINING ACUTE ACCENT): the same on screen, file names too.
  const composed = { key: 'entries/2014/caf\u00e9.md', id: '2014/caf\u00e9', url: 'https://a.example/5' };
  const decomposed = { key: 'entries/2014/cafe\u0301.md', id: '2014/cafe\u0301', url: 'https://a.example/6' };
  const spaced = { key: 'entries/2014/ca\u200bfe.md', id: '2014/ca\u200bfe', url: 'https://a.example/7' };

  it('names the combining mark or invisible character each holds, so that the two lines read apart', () => {
    const { problems } = repeatedEntries([composed, decomposed], () => false);
    expect(problems.map((problem) => [problem.file, problem.message])).toEqual([
      [composed.key, 'the id "2014/caf\u00e9" differs only by case, Unicode normalisation or invisible characters from "2014/cafe\u0301" (with U+0301) (entries/2014/cafe\\u301.md)'],
      [decomposed.key, 'the id "2014/cafe\u0301" (with U+0301) differs only by case, Unicode normalisation or invisible characters from "2014/caf\u00e9" (entries/2014/caf\u00e9.md)'],
    ]);
    // entries/cafe.md and entries/2014/ca\u200bfe.md print unlike, but the line of the second is about its U+200B:
    // it starts with its file so escaped, once; the message names the other file alone.
    const unlike = repeatedEntries([{ ...plain, id: '2014/cafe' }, spaced], () => false).problems;
    expect(unlike.map((problem) => problem.message)).toEqual([
      'the id "2014/cafe" differs only by case, Unicode normalisation or invisible characters from "2014/ca\u200bfe" (with U+200B) (entries/2014/ca\\u200bfe.md)',
      'the id "2014/ca\u200bfe" (with U+200B) differs only by case, Unicode normalisation or invisible characters from "2014/cafe" (entries/cafe.md)',
    ]);
    expect(problemLines(unlike).map((line) => line.slice(0, line.indexOf(': ')))).toEqual([plain.key, 'entries/2014/ca\\u200bfe.md']);
  });

  // "2014/a b" and "2014/a" U+00A0 "b" (a no-break space, which NFKC folds to U+0020): both were printed "2014/a b".
  it('names a space other than U+0020 that an id holds, as it names a mark', () => {
    const space = { key: 'entries/2014/a b.md', id: '2014/a b', url: 'https://a.example/8' };
    const noBreak = { key: 'entries/2014/a\u00a0b.md', id: '2014/a\u00a0b', url: 'https://a.example/9' };
    expect(repeatedEntries([space, noBreak], () => false).problems.map((problem) => problem.message)).toEqual([
      'the id "2014/a b" differs only by case, Unicode normalisation or invisible characters from "2014/a\u00a0b" (with U+00A0) (entries/2014/a\\xa0b.md)',
      'the id "2014/a\u00a0b" (with U+00A0) differs only by case, Unicode normalisation or invisible characters from "2014/a b" (entries/2014/a b.md)',
    ]);
  });

  it('prints the two lines apart: each names the other file escaped, and the line of a file that prints like another starts with it escaped', () => {
    const lines = problemLines(repeatedEntries([composed, decomposed], () => false).problems);
    expect(printableName(composed.key)).toBe(printableName(decomposed.key).normalize('NFC'));
    // The composed name has nothing to escape; the decomposed one's mark is written as \u301, once.
    expect(lines.map((line) => line.slice(0, line.indexOf(': ')))).toEqual([composed.key, 'entries/2014/cafe\\u301.md']);
    expect(lines[0]).toContain('(entries/2014/cafe\\u301.md)');
    expect(lines.filter((line) => line.includes('(in '))).toEqual([]);
  });

  // The message said its own file escaped, "(in entries/2014/cafe\u301.md)", after a line start that printed it
  // again: one file said twice. Now the line starts with it escaped, as where both have a line, and says it once.
  it('starts its line with its own file escaped where its look-alike, published, gets no line, and names it once', () => {
    const { problems, warnings } = repeatedEntries([composed, decomposed], (entry) => entry === composed);
    expect(warnings).toEqual([]);
    expect(problems.map((problem) => [problem.file, problem.message, problem.alike])).toEqual([
      [decomposed.key, 'the id "2014/cafe\u0301" (with U+0301) differs only by case, Unicode normalisation or invisible characters from "2014/caf\u00e9" (entries/2014/caf\u00e9.md)', [composed.key]],
    ]);
    const line = 'entries/2014/cafe\\u301.md: id: the id "2014/cafe\u0301" (with U+0301) differs only by case, Unicode normalisation or invisible characters from "2014/caf\u00e9" (entries/2014/caf\u00e9.md) (give this entry a clearly different id: line)';
    // In a list (check, publish, preview) and alone (a run record's, a function's answer).
    expect(problemLines(problems)).toEqual([line]);
    expect(formatProblem(problems[0]!)).toBe(line);
    expect(line.split('cafe\\u301').length - 1).toBe(1);
  });

  it("starts each line in the list of a file with such a problem told apart (its url warning too), and no other file's", () => {
    const shown = shownFiles([{ file: decomposed.key, alike: [composed.key] }, { file: decomposed.key }, { file: spaced.key }]);
    // spaced prints like no other file of the list, and has no look-alike problem: printed as it is.
    expect([shown(decomposed.key), shown(spaced.key)]).toEqual(['entries/2014/cafe\\u301.md', spaced.key]);
  });
});
