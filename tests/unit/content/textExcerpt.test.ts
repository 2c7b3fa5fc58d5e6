import { describe, expect, it } from 'vitest';
import { textExcerpt } from '../../../lib/content/textExcerpt.js';
import { seededPick } from '../../support/seededPick.js';

// The cut that keeps a default summary within a written summary's 1,000 characters (lib/content/firstParagraph.ts).
const MAX = 1_000;
const codePoints = (text: string) => [...text].length;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The most of `words`, in order, that joined by `separator` leave room for "…" within MAX characters, then "…". */
function wholeWords(words: readonly string[], separator: string): string {
  let text = '';
  for (const word of words) {
    const longer = text === '' ? word : text + separator + word;
    if (codePoints(longer) + 1 > MAX) break;
    text = longer;
  }
  return `${text}…`;
}

describe('textExcerpt', () => {
  it('leaves a text of at most the limit as it is, counted in characters (code points), not UTF-16 units', () => {
    const full = 'a'.repeat(MAX);
    expect(textExcerpt(full, MAX)).toBe(full);
    // 1,000 characters outside the BMP are 2,000 UTF-16 units, and still within the limit.
    const astral = '𝐀'.repeat(MAX);
    expect(textExcerpt(astral, MAX)).toBe(astral);
    expect(codePoints(textExcerpt(`${astral}b`, MAX))).toBe(MAX);
  });

  it('cuts after the last whole word that fits with the ellipsis', () => {
    // Words of six letters: 142 of them and their spaces are 993 characters; a 143rd would need 1,001 with "…".
    const words = Array.from({ length: 300 }, () => 'abcdef');
    const cut = textExcerpt(words.join(' '), MAX);
    expect(cut).toBe(`${Array.from({ length: 142 }, () => 'abcdef').join(' ')}…`);
    expect(cut).toBe(wholeWords(words, ' '));
    // A space just past the room: the words before it fill it exactly.
    const fours = Array.from({ length: 400 }, () => 'R&D');
    expect(textExcerpt(fours.join(' '), MAX)).toBe(`${'R&D '.repeat(249)}R&D…`);
  });

  it('cuts Chinese, Japanese and Thai, written without spaces, between two words', () => {
    // Each unit is words ICU's dictionary (Node 20's) finds in it, the same in each repeat: 朝鲜|经济|增长|。
    const units: [string[], string][] = [
      [['朝鲜', '经济', '增长', '。'], 'zh'],
      [['東京', '都', 'の', '人口', 'が', '増え', 'た', '。'], 'ja'],
      [['ราคา', 'ข้าว', 'ใน', 'เปียงยาง', 'สูง', 'ขึ้น', ' '], 'th'],
    ];
    for (const [unit, language] of units) {
      const words = Array.from({ length: 300 }, () => unit).flat();
      const cut = textExcerpt(words.join(''), MAX);
      expect(cut, language).toBe(wholeWords(words, '').replace(/ …$/, '…'));
    }
    // Cut between code points, 朝鲜经济增长 would lose half of 增长: "…朝鲜经济增…".
    expect(textExcerpt('朝鲜经济增长。'.repeat(300), MAX)).toBe(`${'朝鲜经济增长。'.repeat(142)}朝鲜经济…`);
  });

  it('cuts one word longer than half the limit (an address) between two characters a reader sees, never inside a surrogate pair', () => {
    const address = `see https://example.com/${'a'.repeat(3_000)}`;
    expect(textExcerpt(address, MAX)).toBe(`${address.slice(0, MAX - 1)}…`);
    // Characters outside the BMP: 999 of them and "…".
    expect(textExcerpt('𝐀'.repeat(2_000), MAX)).toBe(`${'𝐀'.repeat(MAX - 1)}…`);
    expect(textExcerpt(`a${'𝐀'.repeat(2_000)}`, MAX)).toBe(`a${'𝐀'.repeat(MAX - 2)}…`);
    // An emoji sequence (five code points, joined by U+200D) is one character to a reader: 199 whole ones, not a 200th cut.
    const family = '👨\u200d👩\u200d👧';
    expect(textExcerpt(family.repeat(600), MAX)).toBe(`${family.repeat(199)}…`);
    // A letter and its combining accent stay together: 499 of them, not a 500th letter without its accent.
    expect(textExcerpt('e\u0301'.repeat(1_000), MAX)).toBe(`${'e\u0301'.repeat(499)}…`);
  });

  it('is always a start of the text, within the limit, whatever the mix of scripts and spaces', () => {
    const pieces = ['word', ' ', '  ', '朝鲜', '経済', 'ราคา', '𝐀', '👨\u200d👩\u200d👧', 'e\u0301', '-', '&amp;', '\u00a0', '\u3000', 'x'.repeat(40)];
    const pick = seededPick(48);
    for (let run = 0; run < 200; run++) {
      let text = 'a';
      while (codePoints(text) <= MAX + 50) text += pieces[pick(pieces.length)]!;
      const cut = textExcerpt(text, MAX);
      expect(codePoints(cut), text).toBeLessThanOrEqual(MAX);
      expect(cut.endsWith('…'), text).toBe(true);
      expect(text.startsWith(cut.slice(0, -1)), text).toBe(true);
      expect(LONE_SURROGATE.test(cut), text).toBe(false);
      // Never the bare ellipsis: at least half the room is kept (in UTF-16 units), with the white space the cut dropped.
      const room = [...text].slice(0, MAX - 1).join('').length;
      let end = cut.length - 1;
      while (/\s/.test(text[end]!)) end++;
      expect(end, text).toBeGreaterThanOrEqual(room / 2);
    }
  });
});
