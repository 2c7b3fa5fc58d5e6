import { describe, expect, it } from 'vitest';
import { renderDigestText } from '../../../lib/digest/renderDigestText.js';
import { columns } from '../../support/columns.js';
import { meta, testSite, weekModel } from '../../support/digestFixtures.js';

// The text part is wrapped at 72 columns of a fixed-width screen (README, "The email"). Chinese and Japanese have no
// spaces between their words: UAX #14 lets a line break between their ideographs and kana (class ID), but not before
// closing punctuation (LB13, LB30: 。 、 」 ）) nor after opening punctuation (LB14: 「 （). A summary of one sentence
// after another must not be one line hundreds of columns wide.
const JAPANESE = '北朝鮮の市場経済化が進んでいる。平壌の市場では米価が安定し、為替レートも「非常に」落ち着いている。'.repeat(3);
const CHINESE = '朝鲜的市场经济在发展，平壤的物价（大米和玉米）保持稳定。'.repeat(4);

function summaryLines(summary: string): string[] {
  const lines = renderDigestText(weekModel(testSite(), [meta('2014-05-09', { title: 'A', summary })]), { variant: 'archive' }).split('\n');
  const start = lines.findIndex((line) => line.startsWith(`   ${summary.slice(0, 1)}`) && !line.startsWith('   A'));
  const found: string[] = [];
  for (let i = start; i >= 0 && lines[i]!.trim() !== ''; i++) found.push(lines[i]!);
  return found;
}

describe("the digest's text part, for text written without spaces", () => {
  for (const [language, summary] of [['Japanese', JAPANESE], ['Chinese', CHINESE]] as const) {
    it(`breaks ${language} between its words, each line within 72 columns, every character kept in order`, () => {
      const lines = summaryLines(summary);
      // 3 columns of indent and two for each character: the summary takes several lines.
      expect(columns(summary) + 3).toBeGreaterThan(2 * 72);
      expect(lines.length).toBeGreaterThan(2);
      for (const line of lines) expect(columns(line), line).toBeLessThanOrEqual(72);
      expect(lines.every((line) => line.startsWith('   '))).toBe(true);
      // No space is added between the words: the lines joined are the summary.
      expect(lines.map((line) => line.slice(3)).join('')).toBe(summary);
    });

    it(`starts no ${language} line with closing punctuation, and ends none with opening punctuation`, () => {
      // Led by 0 to 35 more characters, so that each mark of the summary comes at a line's edge in some of them.
      for (let lead = 0; lead < 36; lead++) {
        const lines = summaryLines('国'.repeat(lead) + summary).map((line) => line.slice(3));
        for (const line of lines.slice(1)) expect(line, `${lead}: ${line}`).not.toMatch(/^[。、，」）]/u);
        for (const line of lines) expect(line, `${lead}: ${line}`).not.toMatch(/[「（]$/u);
      }
    });
  }

  it('breaks Thai between its words, each line within 72 columns, every character kept in order', () => {
    // Thai writes a phrase without spaces between its words (a space ends a phrase or a sentence).
    const thai = 'เศรษฐกิจเกาหลีเหนือกำลังเปลี่ยนแปลงอย่างรวดเร็วในตลาดของเปียงยาง'.repeat(4);
    // A Thai vowel or tone mark above or below its consonant (a nonspacing mark) takes no column of its own.
    const thaiColumns = (text: string) => [...text].filter((character) => !/\p{Mn}/u.test(character)).length;
    const lines = summaryLines(thai);
    expect(thaiColumns(thai) + 3).toBeGreaterThan(2 * 72);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(thaiColumns(line), line).toBeLessThanOrEqual(72);
    expect(lines.map((line) => line.slice(3)).join('')).toBe(thai);
  });

  it('keeps breaking Korean only at its spaces', () => {
    const korean = '북한 경제 동향 나선 경제특구 '.repeat(8).trim();
    const lines = summaryLines(korean).map((line) => line.slice(3));
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe(korean);
  });
});
