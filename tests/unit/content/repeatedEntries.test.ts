import { describe, expect, it } from 'vitest';
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
