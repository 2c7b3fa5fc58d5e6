import { describe, expect, it } from 'vitest';
import { parseEntry } from '../../../lib/content/entry.js';

const SEOUL = { timezone: 'Asia/Seoul' };
const file = (...lines: string[]) => `---\ntitle: T\nurl: https://x.example/a\nsource: S\ndate: 2014-05-01\n${lines.join('\n')}\n---\nBody.\n`;

describe('a known field written in another case', () => {
  it('Summary: the lowercase key to write, not the list of every field', () => {
    expect(parseEntry(file('Summary: S.'), 'entries/2014/a.md', SEOUL).warnings).toEqual([
      { file: 'entries/2014/a.md', line: 6, field: 'Summary', message: 'is not a known field and is ignored', fix: 'keys are lowercase: write summary:' },
    ]);
  });

  it('imagealt: the key as spelt, imageAlt', () => {
    expect(parseEntry(file('image: https://x.example/p.png', 'imagealt: A pier'), 'entries/2014/a.md', SEOUL).warnings).toContainEqual(expect.objectContaining({ field: 'imagealt', fix: 'keys are case-sensitive: write imageAlt:' }));
  });

  it('a field of no known name: the known fields to check against', () => {
    expect(parseEntry(file('sumary: S.'), 'entries/2014/a.md', SEOUL).warnings[0]!.fix).toBe('remove it, or check its spelling against: title, url, source, date, tags, summary, updated, related, image, imageAlt, draft, id');
  });
});
