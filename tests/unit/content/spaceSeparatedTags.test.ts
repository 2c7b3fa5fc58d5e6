import { describe, expect, it } from 'vitest';
import { parseEntry } from '../../../lib/content/entry.js';

// Jekyll reads `tags: Russia China` as two tags (a string is split at spaces); YAML, and so Broadsheet, as one.
const SEOUL = { timezone: 'Asia/Seoul' };
const parse = (tags: string) => parseEntry(`---\ntitle: T\nurl: https://x.example/a\nsource: S\ndate: 2014-05-01\n${tags}\n---\nBody.\n`, 'entries/2014/a.md', SEOUL);

describe('tags: as a plain text of several words', () => {
  it('is a warning giving the list to write, and the one tag with a space', () => {
    const parsed = parse('tags: Russia China');
    expect(parsed.warnings).toEqual([
      { file: 'entries/2014/a.md', line: 6, field: 'tags', message: '"Russia China" is one tag with a space in it, where Jekyll read 2 tags', fix: 'write tags: [Russia, China] for 2 tags, or tags: [Russia China] for one tag' },
    ]);
    expect(parsed.entry!.tags.map((tag) => tag.name)).toEqual(['Russia China']);
  });

  it('a tag with a space in a list, or quoted, is meant whole: no warning', () => {
    for (const tags of ['tags: [North Korea]', 'tags:\n  - North Korea', 'tags: "North Korea"', "tags: 'North Korea'", 'tags: Korea']) {
      expect(parse(tags).warnings).toEqual([]);
    }
  });
});
