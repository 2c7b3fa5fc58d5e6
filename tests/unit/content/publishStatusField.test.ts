import { describe, expect, it } from 'vitest';
import { parseEntry } from '../../../lib/content/entry.js';

// Jekyll's `published: false` and WordPress's `status: draft` keep a post off the old site; only `draft: true` does here.
const SEOUL = { timezone: 'Asia/Seoul' };
const file = (...lines: string[]) => `---\ntitle: T\nurl: https://x.example/a\nsource: S\ndate: 2014-05-01\n${lines.join('\n')}\n---\nBody.\n`;
const parse = (...lines: string[]) => parseEntry(file(...lines), 'entries/2014/a.md', SEOUL);

describe("another tool's publication state", () => {
  it('published: false is a problem, with draft: true to write, and no entry', () => {
    const parsed = parse('published: false');
    expect(parsed.entry).toBeUndefined();
    expect(parsed.problems).toEqual([
      { file: 'entries/2014/a.md', line: 6, field: 'published', message: "is not read: it is Jekyll's way to keep a post unpublished, and the entry would be published to every feed", fix: 'write draft: true in its place' },
    ]);
  });

  it.each(['draft', 'pending', 'private'])('status: %s is a problem naming the status', (status) => {
    expect(parse(`status: ${status}`).problems).toEqual([
      { file: 'entries/2014/a.md', line: 6, field: 'status', message: `is not read: "${status}" is WordPress's way to keep a post unpublished, and the entry would be published to every feed`, fix: 'write draft: true in its place' },
    ]);
  });

  it('beside draft: false, the fix says to replace it', () => {
    expect(parse('draft: false', 'status: draft').problems[0]!.fix).toBe('write draft: true in place of draft: false, and remove this line');
  });

  it('beside draft: true, only a warning: the entry is kept back anyway', () => {
    const parsed = parse('draft: true', 'published: false');
    expect(parsed.problems).toEqual([]);
    expect(parsed.warnings).toEqual([{ file: 'entries/2014/a.md', line: 7, field: 'published', message: "is not read: it is Jekyll's way to keep a post unpublished", fix: 'remove it: draft: true keeps the entry unpublished' }]);
  });

  it('published: true and status: publish are warnings: the entry is published as they say', () => {
    const parsed = parse('status: publish', 'published: true');
    expect(parsed.problems).toEqual([]);
    expect(parsed.entry).toBeDefined();
    expect(parsed.warnings.map((w) => [w.field, w.fix])).toEqual([
      ['status', 'remove it, an entry is published unless draft: true'],
      ['published', 'remove it, an entry is published unless draft: true'],
    ]);
  });

  it('a status of no WordPress meaning is an unknown field, as before', () => {
    expect(parse('status: ongoing').warnings).toMatchObject([{ field: 'status', message: 'is not a known field and is ignored' }]);
  });
});
