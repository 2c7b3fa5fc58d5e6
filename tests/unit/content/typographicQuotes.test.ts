import { describe, expect, it } from 'vitest';
import { parseEntry } from '../../../lib/content/entry.js';
import { SITE } from '../../support/content.js';

// TextEdit's and Word's smart quotes around a whole value: YAML quotes only with straight ones, so the quotes are text.
const front = (title: string, more = '') => `---\ntitle: ${title}\nurl: https://x.example/a\nsource: Src\ndate: 2014-05-01\n${more}---\nCommentary.\n`;
const parse = (text: string) => parseEntry(text, 'entries/a.md', SITE);

describe('a value in typographic quotes', () => {
  it('is a warning naming the field and its line, the quotes and the fix, the entry published as typed; quotes inside straight ones or around part of a value are quiet', () => {
    const parsed = parse(front('\u201CKim visits the zone\u201D', 'summary: \u00ABLa visite\u00BB\n'));
    expect(parsed.problems).toEqual([]);
    expect(parsed.entry?.title).toBe('\u201CKim visits the zone\u201D');
    expect(parsed.warnings).toEqual([
      {
        file: 'entries/a.md',
        line: 2,
        field: 'title',
        message: '"\u201CKim visits the zone\u201D" stands in typographic quotes (\u201C\u2026\u201D), which YAML does not read as quotes: they are published as part of the title',
        fix: 'write title: Kim visits the zone, or title: "Kim visits the zone" with straight quotes; keep them only if the title is itself a quotation',
      },
      {
        file: 'entries/a.md',
        line: 6,
        field: 'summary',
        message: '"\u00ABLa visite\u00BB" stands in typographic quotes (\u00AB\u2026\u00BB), which YAML does not read as quotes: they are published as part of the summary',
        fix: 'write summary: La visite, or summary: "La visite" with straight quotes; keep them only if the summary is itself a quotation',
      },
    ]);
    // German and single quotes too.
    expect(parse(front('\u201EDer Besuch\u201C')).warnings.map((w) => w.field)).toEqual(['title']);
    expect(parse(front('\u2018Kim\u2019s visit\u2019')).warnings.map((w) => w.field)).toEqual(['title']);
    // Quiet for quotes meant: inside straight quotes, around part of a value, or none at all.
    for (const title of ['"\u201CKim visits the zone\u201D"', '\u201CWe will not yield,\u201D says Kim', 'Kim says \u201Cno\u201D', 'Kim visits', '\u201C\u201D x']) {
      expect(parse(front(title)).warnings, title).toEqual([]);
    }
  });
});
