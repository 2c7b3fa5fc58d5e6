import { describe, expect, it } from 'vitest';
import { fieldLine } from '../../../lib/content/fieldLines.js';
import { lineField } from '../../../lib/content/lineField.js';

const fieldOf = (yaml: string, text: string) => {
  const lines = yaml.split('\n');
  return lineField(lines, lines.findIndex((line) => line.includes(text)));
};

describe('lineField: the field a line of YAML is part of', () => {
  it('names a key, a nested key and a list item as problems name fields', () => {
    expect(fieldOf('title: T\ntags: [a, b]\n', 'tags')).toBe('tags');
    expect(fieldOf('title: T\ntags:\n  - a\n  - b\n', '- b')).toBe('tags');
    // A list in its key's column (YAML 1.2 §8.2.1).
    expect(fieldOf('tags:\n- a\n- b\ntitle: T\n', '- b')).toBe('tags');
    expect(fieldOf('source:\n  name: S\n  url: u\n', 'url: u')).toBe('source.url');
    expect(fieldOf('digest:\n  day: monday\n  unsubscribe:\n\n    # the list\n    url: u\n', 'url: u')).toBe('digest.unsubscribe.url');
  });

  it('numbers a list item that is a mapping, its first key on the item line or not', () => {
    const related = 'related:\n  - title: a\n    url: b\n  # c\n  - title: c\n    url: d\n';
    expect(fieldOf(related, 'title: c')).toBe('related[1].title');
    expect(fieldOf(related, 'url: d')).toBe('related[1].url');
    expect(fieldOf(related, 'url: b')).toBe('related[0].url');
    expect(fieldOf('related:\n- title: a\n  url: b\n', 'url: b')).toBe('related[0].url');
  });

  it("gives a continued value's lines its key, and no field before any key", () => {
    expect(fieldOf('summary: >\n  one\n  two\ntitle: T\n', 'two')).toBe('summary');
    expect(fieldOf('related:\n  - title: >\n      long\n    url: b\n', 'long')).toBe('related[0].title');
    expect(fieldOf('# a comment\ntitle: T\n', 'comment')).toBeUndefined();
  });

  it('names what fieldLine finds on that line', () => {
    const yaml = 'title: T\nsource:\n  name: S\nrelated:\n- title: a\n  url: b\n- title: c\n  url: d\ndigest:\n  unsubscribe:\n    url: u\n';
    const lines = yaml.split('\n');
    for (const [index, line] of lines.entries()) {
      const field = lineField(lines, index);
      if (line.trim() === '' || field === undefined) continue;
      expect(fieldLine(lines, field), `${line} -> ${field}`).toBe(index);
    }
  });
});
