import { describe, expect, it } from 'vitest';
import { mailboxParts } from '../../../lib/content/digestConfig.js';
import { TYPED_LINE } from '../../../lib/content/entry.js';
import { trimmedLineMatch } from '../../../lib/content/trimmedLineMatch.js';
import { keyLineValue } from '../../../lib/content/typographicQuotes.js';
import { ITEM, KEY_VALUE } from '../../../lib/content/yamlHints.js';
import { seededPick } from '../../support/seededPick.js';

// The lazy patterns the linear forms replace, as they were: each must read every line as before.
const OLD_KEY_VALUE = /^(\s*(?:-\s+)?)([A-Za-z_][\w-]*)(\s*:[ \t]+)(.*?)\s*$/;
const OLD_ITEM = /^(\s*)-[ \t]+(.*?)\s*$/;
const OLD_TYPED_LINE = /^[^:]+:\s*(.*?)\s*$/;
const OLD_KEY_LINE = /^([A-Za-z_][\w-]*)[ \t]*:[ \t]+(.+?)[ \t]*$/;
const OLD_MAILBOX = /^\s*([^"<>]*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/;

// Pieces a line is made of: keys, colons, dashes, every kind of white space and line separator YAML or `\s` knows.
const PIECES = ['title', 'a', 'x y', ':', ': ', '-', '- ', ' ', '  ', '\t', ' \t ', '\u00A0', '\u3000', '\f', '\v', '\uFEFF', '\n', '\r', '\u2028', '\u2029', '"', '<', '>', '@', 'k@e.org', '\u201C', '\u201D', '#'];

function lines(): string[] {
  const pick = seededPick(47);
  const generated: string[] = [];
  for (let n = 0; n < 5_000; n++) {
    const length = 1 + pick(9);
    let line = '';
    for (let i = 0; i < length; i++) line += PIECES[pick(PIECES.length)];
    generated.push(line);
  }
  // Values of blanks only, trailing separators, tabs: each after every kind of start.
  const ends = ['', ' ', '   ', '\t', ' \t', '\u2028', ' \u2029', '\u2028 x', '\n', ' \r\n', '\u00A0'];
  for (const start of ['title: ', 'title:\t', 'title:  ', '- ', '-\t', '  - title: ', 'from: ', 'title: \u201C', 'a:', 'Kim <k@e.org>', ' Kim  '])
    for (const value of ['', ' ', '  ', '\t', 'x', 'x y', ' x', '\u201Cx\u201D', '<k@e.org>'])
      for (const end of ends) generated.push(`${start}${value}${end}`);
  return generated;
}

const groups = (match: RegExpExecArray | null) => (match ? [...match.slice(1)] : null);

describe('the linear line patterns read every line as the lazy ones did', () => {
  const all = lines();
  // The lines each reads differently from the old pattern (none), and how many the old one matched (not none).
  const compare = (read: (line: string) => unknown, old: (line: string) => unknown) => {
    const differing = all.filter((line) => JSON.stringify(read(line)) !== JSON.stringify(old(line)));
    return { differing, matched: all.filter((line) => old(line) != null).length };
  };

  it.each([
    ["yamlHints' key: value line", (line: string) => groups(trimmedLineMatch(KEY_VALUE, line)), (line: string) => groups(OLD_KEY_VALUE.exec(line))],
    ["yamlHints' list item line", (line: string) => groups(trimmedLineMatch(ITEM, line)), (line: string) => groups(OLD_ITEM.exec(line))],
    ["entry's value typed as a number", (line: string) => trimmedLineMatch(TYPED_LINE, line)?.[1], (line: string) => OLD_TYPED_LINE.exec(line)?.[1]],
    ["typographicQuotes' key line", (line: string) => keyLineValue(line), (line: string) => groups(OLD_KEY_LINE.exec(line))],
    ["digestConfig's mailbox", (line: string) => mailboxParts(line)?.slice(1) ?? null, (line: string) => groups(OLD_MAILBOX.exec(line))],
  ])('%s', (_, read, old) => {
    const { differing, matched } = compare(read, old);
    expect(differing.map((line) => JSON.stringify(line))).toEqual([]);
    expect(matched).toBeGreaterThan(50);
  });
});

describe('a run of 50,000 spaces inside a value', () => {
  const spaces = ' '.repeat(50_000);
  const timed = (read: () => unknown) => {
    const start = performance.now();
    read();
    return performance.now() - start;
  };

  it.each([
    ['key: value', () => trimmedLineMatch(KEY_VALUE, `title: a${spaces}b`)],
    ['list item', () => trimmedLineMatch(ITEM, `- a${spaces}b`)],
    ['typed value', () => trimmedLineMatch(TYPED_LINE, `title: a${spaces}b`)],
    ['typographic key line', () => keyLineValue(`title: \u201Ca${spaces}b\u201D`)],
    ['mailbox', () => mailboxParts(`Kim${spaces}x`)],
  ])('is read in well under a second: %s', (_, read) => {
    expect(timed(read)).toBeLessThan(1000);
  });

  it('is kept in the value, which loses only its trailing spaces', () => {
    expect(trimmedLineMatch(KEY_VALUE, `title: a${spaces}b${spaces}`)?.[4]).toBe(`a${spaces}b`);
    expect(keyLineValue(`title: a${spaces}b${spaces}`)).toEqual(['title', `a${spaces}b`]);
    expect(mailboxParts(`Kim${spaces}<k@e.org>`)?.[1]).toBe('Kim');
  });
});
