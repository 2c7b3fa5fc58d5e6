import { describe, expect, it } from 'vitest';
import { cleanText, escapeHtml } from '../../../lib/shared/xmlText.js';

// One rule a test. Each input is built from the characters the rule names, between letters, and the
// expectation is the input with those characters (and only those) taken out.
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i));
const between = (characters: readonly string[]) => characters.map((character, i) => `${String.fromCharCode(97 + (i % 26))}${character}`).join('') + 'z';
const without = (text: string, gone: readonly string[]) => [...text].filter((character) => !gone.includes(character)).join('');

describe('cleanText', () => {
  it('removes NUL and the other C0 controls but tab, LF and CR', () => {
    const c0 = range(0x00, 0x1f).filter((character) => !'\t\n\r'.includes(character));
    expect(c0).toHaveLength(29);
    const text = between(c0);
    expect(cleanText(text)).toBe(without(text, c0));
    expect(cleanText('\u0000')).toBe('');
  });

  it('keeps tab, LF and CR', () => {
    const text = between(['\t', '\n', '\r', '\r\n']);
    expect(cleanText(text)).toBe(text);
  });

  it('removes DEL', () => {
    expect(cleanText(between(['\u007F']))).toBe(without(between(['\u007F']), ['\u007F']));
  });

  it('removes the C1 controls, U+0080 to U+009F, and keeps what follows them', () => {
    const c1 = range(0x80, 0x9f);
    const text = between(c1);
    expect(cleanText(text)).toBe(without(text, c1));
    const latin1 = range(0xa0, 0xff);
    expect(cleanText(between(latin1))).toBe(between(latin1));
  });

  it('removes the noncharacters U+FDD0 to U+FDEF and every plane\'s last two, and keeps their neighbours', () => {
    const gone = [...range(0xfdd0, 0xfdef), ...Array.from({ length: 16 }, (_, i) => [String.fromCodePoint((i + 1) * 0x10000 + 0xfffe), String.fromCodePoint((i + 1) * 0x10000 + 0xffff)]).flat()];
    expect(gone).toHaveLength(32 + 32);
    const text = between(gone);
    expect(cleanText(text)).toBe(without(text, gone));
    const kept = ['\uFDCF', '\uFDF0', '\u{1FFFD}', '\u{20000}', '\u{1F600}', '\u{10FFFD}'];
    expect(cleanText(between(kept))).toBe(between(kept));
  });

  it('removes the noncharacters U+FFFE and U+FFFF, and keeps U+FFFD', () => {
    const text = between(['\uFFFE', '\uFFFF', '\uFFFD']);
    expect(cleanText(text)).toBe(without(text, ['\uFFFE', '\uFFFF']));
  });

  it('removes lone surrogates and keeps pairs', () => {
    const high = '\uD83D';
    const low = '\uDE80';
    expect(cleanText(`a${high}b${low}c${high}${low}d`)).toBe(`abc${high}${low}d`);
  });
});

describe('escapeHtml', () => {
  it('removes what cleanText removes, then escapes', () => {
    const gone = ['\u0000', '\u0001', '\u007F', '\u0085', '\uFFFF'];
    const text = `<b title="${gone.join('')}">R&D${gone.join('x')}</b>`;
    const clean = without(text, gone);
    expect(escapeHtml(text)).toBe(clean.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;'));
  });
});
