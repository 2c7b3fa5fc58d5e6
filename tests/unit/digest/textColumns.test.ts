import { eastAsianWidth } from 'get-east-asian-width';
import { describe, expect, it } from 'vitest';
import { hangulColumns } from '../../support/columns.js';
import { renderDigestText } from '../../../lib/digest/renderDigestText.js';
import { meta, testSite, weekModel } from '../../support/digestFixtures.js';

// The text part is laid out in the columns of a fixed-width screen (a terminal mail client's): a Hangul syllable,
// like any East Asian Wide character (UAX #11), takes two. Counted here by that rule alone: the test's text is
// Hangul syllables (U+AC00–U+D7A3) and ASCII.
const SUMMARY = Array.from({ length: 30 }, (_, i) => `국경무역${'이'.repeat(i % 4)} 증가`).join(' ');

describe("the digest's text part on a Korean site", () => {
  const model = weekModel(testSite({ title: '한반도 경제 워치', language: 'ko' }), [meta('2014-05-09', { title: '라선 항구', summary: SUMMARY })]);
  const lines = renderDigestText(model, { variant: 'archive' }).split('\n');

  it('underlines its heading across all the columns the heading takes', () => {
    // "Weekly digest of ", then seven syllables of two columns and two spaces.
    expect(lines[0]).toBe('Weekly digest of 한반도 경제 워치');
    expect(lines[1]).toBe('='.repeat('Weekly digest of '.length + 7 * 2 + 2));
  });

  it('wraps the summary at 72 columns, each line as full as the next word allows, every word kept', () => {
    const indent = '   ';
    const start = lines.findIndex((line) => line.startsWith(`${indent}국경무역`));
    const summary: string[] = [];
    for (let i = start; lines[i]!.startsWith(indent) && lines[i]!.trim() !== ''; i++) summary.push(lines[i]!);
    expect(summary.length).toBeGreaterThan(1);
    for (const line of summary) expect(hangulColumns(line), line).toBeLessThanOrEqual(72);
    // The first word of each next line would not have fitted on the line before.
    for (let i = 1; i < summary.length; i++) expect(hangulColumns(summary[i - 1]!) + 1 + hangulColumns(summary[i]!.trim().split(' ')[0]!), summary[i - 1]).toBeGreaterThan(72);
    expect(summary.map((line) => line.trim()).join(' ')).toBe(SUMMARY);
  });

  it('keeps text without a wide character as before: a line of 72 Latin letters and spaces is one line', () => {
    const latin = `${'word '.repeat(13)}end.`;
    expect(latin.length + 3).toBeLessThanOrEqual(72);
    const english = renderDigestText(weekModel(testSite(), [meta('2014-05-09', { summary: latin })]), { variant: 'archive' }).split('\n');
    expect(english).toContain(`   ${latin}`);
  });

  it('looks up only characters from U+1100 on, as no character below is wide (get-east-asian-width, UAX #11)', () => {
    const wide: number[] = [];
    for (let codePoint = 0; codePoint < 0x1100; codePoint++) if (eastAsianWidth(codePoint, { ambiguousAsWide: false }) === 2) wide.push(codePoint);
    expect(wide).toEqual([]);
    expect(eastAsianWidth(0x1100, { ambiguousAsWide: false })).toBe(2);
  });
});
