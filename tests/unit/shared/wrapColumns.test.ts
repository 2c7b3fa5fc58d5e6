import { describe, expect, it } from 'vitest';
import stringWidth from 'string-width';
import { WIDTH, wrapText } from '../../../lib/shared/wrapText.js';

// The text part is wrapped at 72 columns of a fixed-width screen, as a terminal mail client (mutt) lays it out: a
// grapheme cluster (UAX #29) at a time. A combining mark (Mn, Me) or a format character (a joiner, a variation
// selector) takes no column of its own; a spacing mark (Mc) takes one; an East Asian Wide character (UAX #11) or an
// emoji two. Counted here by those rules, written out for each script's words, and each line must be as full as
// the next word allows, where counting a mark as a column broke them early.
const INDENT = '   ';
const ROOM = WIDTH - INDENT.length;

/** Columns of text in a narrow script: its code points, less its nonspacing and enclosing marks and format characters. */
const narrowColumns = (text: string) => [...text].filter((character) => !/[\p{Mn}\p{Me}\p{Cf}]/u.test(character)).length;

/** `count` copies of `word` with a space between, wrapped under INDENT: each line as many whole words as fit. */
function wrappedWords(word: string, count: number): string[] {
  const text = Array.from({ length: count }, () => word).join(' ');
  const lines = wrapText(text, INDENT);
  expect(lines.map((line) => line.slice(INDENT.length)).join(' ')).toBe(text);
  expect(lines.every((line) => line.startsWith(INDENT))).toBe(true);
  return lines.map((line) => line.slice(INDENT.length));
}

/** `text` wrapped under INDENT at its spaces, each line as many words as string-width says fit, the line measured whole. */
function wholeLineWrap(text: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && stringWidth(`${INDENT}${line} ${word}`) > WIDTH) {
      lines.push(INDENT + line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  lines.push(INDENT + line);
  return lines;
}

describe('wrapText, in the columns a terminal shows', () => {
  for (const [script, word, columns] of [
    // เปลี่ยน "change": เ ป ล ี ่ ย น, of which ี and ่ are nonspacing marks: 5 columns, 7 code points.
    ['Thai', 'เปลี่ยน', 5],
    // ເຂົ້າ "rice": ເ ຂ ົ ້ າ, of which ົ and ້ are nonspacing marks: 3 columns, 5 code points.
    ['Lao', 'ເຂົ້າ', 3],
    // कीमतें "prices": क ी म त े ं, of which े and ं are nonspacing marks (ी is a spacing one): 4 columns, 6 code points.
    ['Devanagari', 'कीमतें', 4],
  ] as const) {
    it(`counts a ${script} mark as no column: lines of as many words as fit in 72`, () => {
      expect(narrowColumns(word)).toBe(columns);
      const perLine = Math.floor((ROOM + 1) / (columns + 1));
      const lines = wrappedWords(word, 40);
      expect(lines.slice(0, -1).map((line) => line.split(' ').length)).toEqual(lines.slice(0, -1).map(() => perLine));
      expect(lines.length).toBe(Math.ceil(40 / perLine));
    });
  }

  it('counts an emoji ZWJ sequence as the one picture it shows, two columns', () => {
    // Woman, ZWJ, woman, ZWJ, girl, ZWJ, boy: one family emoji (UTS #51), shown two columns wide.
    const family = '\u{1F469}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}';
    const perLine = Math.floor((ROOM + 1) / 3);
    const lines = wrappedWords(family, 40);
    expect(lines.map((line) => line.split(' ').length)).toEqual([perLine, 40 - perLine]);
  });

  it('counts a CJK ideograph two columns and its variation selector none, breaking between ideographs', () => {
    // 葛 with VARIATION SELECTOR-17 (U+E0100), an ideographic variation sequence: one character, two columns.
    const character = '\u845B\u{E0100}';
    const lines = wrapText(character.repeat(80), INDENT).map((line) => line.slice(INDENT.length));
    const perLine = Math.floor(ROOM / 2);
    expect(lines).toEqual([character.repeat(perLine), character.repeat(perLine), character.repeat(80 - 2 * perLine)]);
  });

  it('lays out words as string-width measures each line whole, whether a word is counted by its length or in columns', () => {
    // Copies of each text, wrapped by adding whole words while string-width, over the line so far as one string, says
    // they fit: Greek and Cyrillic are below U+1100, counted by their length; the rest, in columns, word by word.
    for (const text of ['한반도 경제 워치', '“Curly” quotes — dashes · dots…', 'Ελληνικά и русский', '\u{1F469}\u200D\u{1F467} and ❤️', 'e\u0301 q\u0307', '\u1100\u1161\u11a8 jamo', 'Ｆｕｌｌ ｗｉｄｔｈ ¼ ±']) {
      const words = Array.from({ length: 20 }, () => text).join(' ');
      expect(wrapText(words, INDENT), text).toEqual(wholeLineWrap(words));
    }
  });

  it('keeps each line of a script without spaces within 72 columns as string-width measures it, every character kept', () => {
    for (const text of ['北朝鮮の市場「米価」、安定。', 'ｶﾀｶﾅ half and ＦＵＬＬ width', '\u0e40\u0e1b\u0e25\u0e35\u0e48\u0e22\u0e19\u0e23\u0e32\u0e04\u0e32']) {
      const words = Array.from({ length: 20 }, () => text).join(' ');
      const lines = wrapText(words, INDENT);
      expect(lines.length, text).toBeGreaterThan(1);
      for (const line of lines) expect(stringWidth(line), line).toBeLessThanOrEqual(WIDTH);
      expect(lines.map((line) => line.slice(INDENT.length)).join('').replaceAll(' ', ''), text).toBe(words.replaceAll(' ', ''));
    }
  });

  it('keeps Latin text without marks measured by its length, as before', () => {
    const lines = wrappedWords('word', 40);
    expect(lines.slice(0, -1).every((line) => line.length === 69)).toBe(true);
  });
});
