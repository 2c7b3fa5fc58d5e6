import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../../bench/corpus.js';

// The bench's Korean and Thai week (bench/digestRender.ts) must hold what the mail wraps in columns: Hangul words
// with spaces between them, and Thai runs without spaces, each entry's text in one script.
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function corpus(script?: 'english' | 'korean-thai') {
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-corpus-'));
  dirs.push(dir);
  const made = generateCorpus(dir, { count: 6, seed: 5, ...(script ? { script } : {}) });
  return made.entries.map((entry) => ({ ...entry, text: readFileSync(join(dir, entry.key), 'utf8') }));
}

const titleOf = (text: string) => /^title: "(.*)"$/m.exec(text)![1]!;
const firstParagraph = (text: string) => text.split('\n---\n')[1]!.split('\n\n')[0]!;

describe('generateCorpus, in Korean and Thai', () => {
  it('writes every other entry in Korean, the rest in Thai, named by language and number', () => {
    const entries = corpus('korean-thai');
    expect(entries.map((entry) => entry.key.replace(/^entries\/\d{4}\//, ''))).toEqual(['ko-0.md', 'th-1.md', 'ko-2.md', 'th-3.md', 'ko-4.md', 'th-5.md']);
    for (const [index, entry] of entries.entries()) {
      const [title, paragraph] = [titleOf(entry.text), firstParagraph(entry.text)];
      if (index % 2 === 0) {
        // Hangul syllables, a space between words, a full stop after each sentence.
        expect(title, entry.key).toMatch(/^[\uac00-\ud7a3]+( [\uac00-\ud7a3]+)+$/);
        expect(paragraph.replace(/ See \[.*$/, ''), entry.key).toMatch(/^[\uac00-\ud7a3]+(\.? [\uac00-\ud7a3]+)*\.$/);
      } else {
        // Thai letters and marks with no space in a sentence; a space between sentences.
        expect(title, entry.key).toMatch(/^[\u0e00-\u0e7f]+$/);
        expect(paragraph.replace(/ See \[.*$/, ''), entry.key).toMatch(/^[\u0e00-\u0e7f]+( [\u0e00-\u0e7f]+)+$/);
      }
    }
  });

  it('draws the same dates and tags as the English corpus of the same seed', () => {
    const [english, other] = [corpus(), corpus('korean-thai')];
    expect(other.map(({ date, tagSlugs, draft }) => ({ date, tagSlugs, draft }))).toEqual(english.map(({ date, tagSlugs, draft }) => ({ date, tagSlugs, draft })));
    expect(english.every((entry) => /^[\x20-\x7e\n]*$/.test(entry.text))).toBe(true);
  });
});
