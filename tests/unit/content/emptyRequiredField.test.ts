import { describe, expect, it } from 'vitest';
import { parseEntry } from '../../../lib/content/entry.js';
import { SITE } from '../../support/content.js';

// A required field written with no value is empty, not missing: the fix says what to write after it.
const FILE = 'entries/2014/a.md';
const parse = (...lines: string[]) => parseEntry(`---\n${lines.join('\n')}\n---\nCommentary.\n`, FILE, SITE);

describe('title: or url: given with no value', () => {
  it('title: is empty, with the headline to write after it', () => {
    for (const written of ['title:', "title: ''", 'title: ~', 'title: "  "']) {
      expect(parse(written, 'url: https://x.example/a', 'source: S', 'date: 2014-05-01').problems, written).toEqual([
        { file: FILE, line: 2, field: 'title', message: 'is empty', fix: "write the article's headline after title:, e.g. title: Talks resume in Geneva" },
      ]);
    }
  });

  it('url: is empty, with the address to write after it', () => {
    for (const written of ['url:', "url: ''", 'url: ~']) {
      expect(parse('title: T', written, 'source: S', 'date: 2014-05-01').problems, written).toEqual([
        { file: FILE, line: 3, field: 'url', message: 'is empty', fix: 'write the absolute https address of the original article after url:, e.g. url: https://example.com/story' },
      ]);
    }
  });

  it('a field left out is still missing, with the line to add', () => {
    expect(parse('url: https://x.example/a', 'source: S', 'date: 2014-05-01').problems).toEqual([{ file: FILE, field: 'title', message: 'is missing', fix: "add title: with the article's headline" }]);
    expect(parse('title: T', 'source: S', 'date: 2014-05-01').problems).toEqual([{ file: FILE, field: 'url', message: 'is missing', fix: 'add url: with the absolute https address of the original article' }]);
  });

  it('one a comment emptied is named once, by its cut', () => {
    const { problems } = parse('title: #Kim visits', 'url: https://x.example/a', 'source: S', 'date: 2014-05-01');
    expect(problems).toEqual([expect.objectContaining({ field: 'title' })]);
    expect(problems[0]!.message).not.toBe('is empty');
  });
});
