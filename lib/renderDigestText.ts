import type { DigestModel } from './digestModel.js';

export interface DigestTextOptions {
  /** `email` ends with the view-in-browser and unsubscribe links; `archive` with the archive links. */
  variant: 'email' | 'archive';
  /** The unsubscribe URL (email only). */
  unsubscribeUrl?: string;
}

const WIDTH = 72;

/**
 * The plain-text part: the same content as the HTML, in the same order, wrapped at 72 columns
 * (RFC 5322 §2.1.1 asks for lines of at most 78 characters), URLs on lines of their own so that they stay clickable.
 */
export function renderDigestText(model: DigestModel, options: DigestTextOptions): string {
  const { site, entries } = model;
  const lines: string[] = [];
  const heading = `${site.title}: weekly digest`;
  lines.push(heading, '='.repeat(Math.min(heading.length, WIDTH)), model.rangeText);
  const count = entries.length;
  lines.push(`${count === 0 ? 'No new entries this week' : `${count} ${count === 1 ? 'entry' : 'entries'}`} · Week ${model.week.weekNumber} of ${model.week.weekYear}`, '');
  if (count === 0) lines.push(...wrap('Nothing was published this week. The next digest comes when there is news.', ''), '');
  entries.forEach((entry, index) => {
    const number = `${index + 1}. `;
    const indent = ' '.repeat(number.length);
    lines.push(...wrap(entry.title, indent).map((line, i) => (i === 0 ? number + line.trimStart() : line)));
    lines.push(`${indent}${entry.url}`);
    lines.push(...wrap(`${entry.source.name} · ${entry.dateText}`, indent));
    if (entry.summary) lines.push('', ...wrap(entry.summary, indent));
    if (entry.related.length > 0) {
      lines.push('', `${indent}Related:`);
      for (const link of entry.related) lines.push(...wrap(`- ${link.title}`, indent), `${indent}  ${link.url}`);
    }
    if (entry.tags.length > 0) lines.push('', ...wrap(`Tags: ${entry.tags.map((tag) => tag.name).join(', ')}`, indent));
    lines.push('');
  });
  lines.push('-- ');
  if (options.variant === 'email') {
    lines.push(...wrap(`You receive this email because you subscribed to the weekly digest of ${site.title} (${site.url}).`, ''));
    lines.push(`View in browser: ${model.urls.html}`);
    if (options.unsubscribeUrl) lines.push(`Unsubscribe: ${options.unsubscribeUrl}`);
  } else {
    lines.push(...wrap(`The weekly digest of ${site.title} (${site.url}). ${site.description}`, ''));
    lines.push(`All digests: ${model.urls.index}`, `Digest feed: ${model.urls.feed}`);
  }
  // Only a line that ends in white space has any to trim; testing its last character spares scanning the line.
  return lines.map((line) => (line !== '-- ' && line.length > 0 && WHITE_SPACE.test(line[line.length - 1]!) ? line.replace(TRAILING_SPACE, '') : line)).join('\n') + '\n';
}

const TRAILING_SPACE = /\s+$/;
const WHITE_SPACE = /\s/;
/** White space other than a space: with a double space or a space at either end, what `\s+` → ' ' and trim() change. */
const NOT_A_SPACE = /[^\S ]/;

function isNormalized(text: string): boolean {
  // A string search and a one-class test: an alternation of the four cases scanned every summary far slower.
  return !(text.charCodeAt(0) === 32 || text.charCodeAt(text.length - 1) === 32 || text.includes('  ') || NOT_A_SPACE.test(text));
}

/** Word-wraps `text` to WIDTH columns, each line starting with `indent`; a word longer than a line stays whole. */
export function wrap(text: string, indent: string): string[] {
  // Most text is already single-spaced: replacing every space with itself cost more than the wrapping.
  const normalized = isNormalized(text) ? text : text.replace(/\s+/g, ' ').trim();
  // Most titles, sources and tag lists fit one line: no need to split them (UTF-16 length ≥ code points).
  if (indent.length + normalized.length <= WIDTH) return normalized ? [indent + normalized] : [];
  // A line is a run of whole words of `normalized`, [lineStart, lineEnd): sliced out, not built word by word.
  const lines: string[] = [];
  let lineStart = 0;
  let lineEnd = -1;
  let wordStart = 0;
  while (wordStart <= normalized.length) {
    let wordEnd = normalized.indexOf(' ', wordStart);
    if (wordEnd < 0) wordEnd = normalized.length;
    if (lineEnd < 0) lineEnd = wordEnd;
    else {
      const lineLength = lineEnd - lineStart;
      const wordLength = wordEnd - wordStart;
      // As before: UTF-16 length of the line so far, code points of the word; code points ≤ UTF-16 length.
      if (indent.length + lineLength + 1 + wordLength > WIDTH && indent.length + lineLength + 1 + codePoints(normalized.slice(wordStart, wordEnd)) > WIDTH) {
        lines.push(indent + normalized.slice(lineStart, lineEnd));
        lineStart = wordStart;
      }
      lineEnd = wordEnd;
    }
    wordStart = wordEnd + 1;
  }
  if (lineEnd > lineStart) lines.push(indent + normalized.slice(lineStart, lineEnd));
  return lines;
}

/** The number of code points (an emoji counts once), without making an array of them. */
function codePoints(word: string): number {
  let count = word.length;
  for (let i = 0; i < word.length; i++) {
    const unit = word.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < word.length) {
      const next = word.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}
