import { describe, expect, it } from 'vitest';
import { columns } from '../../support/columns.js';
import { renderJsonFeed } from '../../../lib/feeds/renderJsonFeed.js';
import { wrapText } from '../../../lib/shared/wrapText.js';
import { cleanText, escapeHtml } from '../../../lib/shared/xmlText.js';
import { feedDoc, feedItem } from '../../support/feedDoc.js';

// The render phase skips work for text that needs none (a precheck before a costly regex, a JSON Feed written
// without a replacer, wrap without normalising single-spaced text). Each fast path is checked here against the
// slow way it stands in for, on inputs at its edges.

/**
 * The slow way cleanText stands for, written a code point at a time from the rule: the C0 controls but tab, LF and
 * CR, DEL and C1, the noncharacters (U+FDD0 to U+FDEF, and U+nFFFE and U+nFFFF in every plane), lone surrogates
 * (which iterating a string gives as code points of their own).
 */
const illegal = (point: number) =>
  (point <= 0x1f && point !== 0x09 && point !== 0x0a && point !== 0x0d) ||
  (point >= 0x7f && point <= 0x9f) ||
  (point >= 0xfdd0 && point <= 0xfdef) ||
  (point & 0xfffe) === 0xfffe ||
  (point >= 0xd800 && point <= 0xdfff);
const slowClean = (text: string) => [...text].filter((character) => !illegal(character.codePointAt(0)!)).join('');

const EDGES = [
  '',
  'plain text',
  'tab\tnewline\ncarriage\r',
  'a\u0000b\u0008c\u000Bd\u000Ce\u001Ff\uFFFEg\uFFFFh',
  // One at a time: JSON.stringify writes each its own way (\b, \f, \u0001, \u001f, itself).
  'backspace \u0008 only',
  'form feed \u000C only',
  'SOH \u0001 only',
  'US \u001F only',
  'U+FFFE \uFFFE only',
  // JSON.stringify writes DEL and the C1 controls as themselves.
  'DEL \u007F only',
  'C1 \u0080 and NEL \u0085 and \u009F',
  'Latin-1 \u00A0 \u00A9 \u00FF are legal',
  'lone high \uD83D end',
  'lone low \uDE80 end',
  'pair \uD83D\uDE80 kept',
  'reversed \uDE80\uD83D pair',
  'high at the end \uD83D',
  '\uDE80 low at the start',
  'two highs \uD83D\uD83D\uDE80 then a pair',
  'U+FFFD \uFFFD and U+FFFC \uFFFC are legal',
  'U+FDD0 \uFDD0, U+FDE7 \uFDE7 and U+FDEF \uFDEF only',
  'U+FDCF \uFDCF and U+FDF0 \uFDF0 are legal',
  'astral U+1FFFE \u{1FFFE}, U+1FFFF \u{1FFFF}, U+10FFFF \u{10FFFF}, U+EFFFE \u{EFFFE}',
  'U+1FFFD \u{1FFFD}, U+1F600 \u{1F600} and U+20000 \u{20000} are legal',
  'a high surrogate of a last block before another low: \uD83F\uDFFD is legal',
  'literal backslash-b \\b and \\u0001 and \\ud800',
  '&amp; <tag> "quoted" \'single\'',
];

describe('cleanText', () => {
  it('equals the full expression on every edge', () => {
    for (const text of EDGES) expect(cleanText(text), JSON.stringify(text)).toBe(slowClean(text));
  });

  it('removes lone surrogates and keeps pairs', () => {
    expect(cleanText('a\uD83Db')).toBe('ab');
    expect(cleanText('a\uDE80b')).toBe('ab');
    expect(cleanText('a\uD83D\uDE80b')).toBe('a\uD83D\uDE80b');
    // A low before a high is two lone surrogates.
    expect(cleanText('a\uDE80\uD83Db')).toBe('ab');
    // The first high is lone, the second pairs with the low.
    expect(cleanText('\uD83D\uD83D\uDE80')).toBe('\uD83D\uDE80');
  });
});

describe('escapeHtml', () => {
  it('equals cleaning, then escaping every one of the five characters, on every edge', () => {
    const slowEscape = (text: string) => slowClean(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    for (const text of EDGES) expect(escapeHtml(text), JSON.stringify(text)).toBe(slowEscape(text));
  });

  it('escapes the five characters and leaves other text as it is', () => {
    expect(escapeHtml(`a & b < c > d " e ' f`)).toBe('a &amp; b &lt; c &gt; d &quot; e &#39; f');
    expect(escapeHtml('nothing to escape 🚀')).toBe('nothing to escape 🚀');
    expect(escapeHtml('')).toBe('');
  });
});

describe('JSON Feed written without a replacer', () => {
  it('removes what cleanText removes from every string, as the replacer did', () => {
    for (const dirty of EDGES) {
      const doc = feedDoc({ title: `T ${dirty}`, items: [feedItem({ title: dirty, summary: dirty, contentHtml: `<p>${dirty}</p>`, source: { name: dirty }, tags: [{ name: dirty, slug: 'x' }] })] });
      const feed = JSON.parse(renderJsonFeed(doc)) as { title: string; items: { title?: string; summary?: string; content_html: string; authors: { name: string }[]; tags?: string[] }[] };
      const clean = slowClean(dirty);
      expect(feed.title, JSON.stringify(dirty)).toBe(`T ${clean}`);
      const item = feed.items[0]!;
      // `feed` leaves out an empty title and summary.
      expect(item.title ?? '', JSON.stringify(dirty)).toBe(clean);
      expect(item.content_html).toBe(`<p>${clean}</p>`);
      expect(item.authors[0]!.name).toBe(clean);
      if (clean) expect(item.tags).toEqual([clean]);
    }
  });

  it('writes the same text with or without the replacer for clean input', () => {
    const doc = feedDoc({ items: [feedItem({ title: 'Rice & “markets” 🍚', summary: 'back\\slash, tab\t, newline\n' })] });
    const text = renderJsonFeed(doc);
    const replaced = JSON.stringify(JSON.parse(text), (_key, value: unknown) => (typeof value === 'string' ? cleanText(value) : value), 2) + '\n';
    expect(text).toBe(replaced);
  });
});

describe('wrapText', () => {
  /** The slow way: normalise every run of white space, then add words while they fit 72 columns. */
  function slowWrap(text: string, indent: string): string[] {
    const normalized = text.replace(/\s+/g, ' ').trim();
    if (indent.length + columns(normalized) <= 72) return normalized ? [indent + normalized] : [];
    const lines: string[] = [];
    let line = '';
    for (const word of normalized.split(' ')) {
      if (line && indent.length + columns(line) + 1 + columns(word) > 72) {
        lines.push(indent + line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    if (line) lines.push(indent + line);
    return lines;
  }

  it('equals the slow way on text with every kind of white space, long words and emoji', () => {
    let seed = 8058;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const words = ['rail', 'interconnection', '😀😀', 'é', 'a', 'x'.repeat(80), '🇰🇷'];
    const spaces = [' ', ' ', ' ', '  ', '\t', '\n', '\u00A0', '\u2028', '\u3000', '\uFEFF'];
    for (let i = 0; i < 400; i++) {
      const count = 1 + Math.floor(random() * 30);
      let text = random() < 0.3 ? spaces[Math.floor(random() * spaces.length)]! : '';
      for (let w = 0; w < count; w++) text += words[Math.floor(random() * words.length)]! + spaces[Math.floor(random() * spaces.length)]!;
      if (random() < 0.5) text = text.trimEnd();
      for (const indent of ['', '    ']) expect(wrapText(text, indent), JSON.stringify(text)).toEqual(slowWrap(text, indent));
    }
  });

  it('breaks before the word that would pass 72 columns and keeps a longer word whole', () => {
    // 'a' × 10 words of 7 letters: "aaaaaaa " is 8 columns, so nine words fit in 71 columns with a 0 indent.
    const text = Array.from({ length: 10 }, () => 'aaaaaaa').join(' ');
    expect(wrapText(text, '')).toEqual([Array.from({ length: 9 }, () => 'aaaaaaa').join(' '), 'aaaaaaa']);
    expect(wrapText(`short ${'y'.repeat(80)} end`, '  ')).toEqual(['  short', `  ${'y'.repeat(80)}`, '  end']);
  });
});
