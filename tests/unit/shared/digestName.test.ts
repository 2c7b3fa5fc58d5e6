import { describe, expect, it } from 'vitest';
import { digestInSentence, digestName, digestWordsBefore } from '../../../lib/shared/digestName.js';

// The digest's name, and how a sentence names it (README, "The weekly digest": "The digest's name"); where each part
// uses them: tests/unit/digest/digestWording.test.ts, tests/unit/subscribers/digestTitleWording.test.ts.

describe('a title that says digest already (the rule)', () => {
  it('is used alone: the word digest or digests, any case, at the end of a word; its loanword in Russian, Japanese, Korean', () => {
    for (const title of ['Weekly Digest', 'The Weekly Digest', 'Digest', 'DIGEST', 'Economy Digests', 'Wochendigest', 'Le Digest économique', 'Экономический дайджест', '経済ダイジェスト', '경제 다이제스트', 'Digest.org']) {
      expect(digestName(title), title).toBe(title);
      expect(digestInSentence(title), title).toBe(title);
      expect(digestInSentence(title, (text) => `<${text}>`, true), title).toBe(`<${title}>`);
      expect(digestWordsBefore(title, true), title).toBe('');
    }
  });

  it('is not a title that only holds the letters inside a longer word, nor one that says weekly alone', () => {
    for (const title of ['Digestive Health News', 'Indigestion Weekly', 'The Weekly', 'Test Watch', '주간 경제']) {
      expect(digestName(title), title).toBe(`Weekly digest of ${title}`);
      expect(digestInSentence(title), title).toBe(`the weekly digest of ${title}`);
      expect(digestInSentence(title, (text) => `<${text}>`, true), title).toBe(`The weekly digest of <${title}>`);
      expect(digestWordsBefore(title), title).toBe('the weekly digest of ');
    }
  });
});
