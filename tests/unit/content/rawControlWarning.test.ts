import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../lib/content/renderMarkdown.js';
import { bodyLineOf, bodyWarnings } from '../../support/bodyWarnings.js';

const BASE = 'https://watch.example.org/';
const warned = (body: string) => bodyWarnings(body, /which every feed, page and mail drops, unseen/);

describe('a raw control character in a body', () => {
  it('U+0000 is dropped, as the other control characters are, not published as U+FFFD (CommonMark reads it so)', () => {
    expect(renderMarkdown('Para with raw \u0000 NUL.', BASE).html).toBe('<p>Para with raw  NUL.</p>\n');
    expect(renderMarkdown('`co\u0000de` and\n\n    in\u0000dented\n', BASE).html).not.toContain('\uFFFD');
  });

  it('is warned of on body with its line, what it is, how many more, and the fix', () => {
    const body = 'First line.\n\nPara with raw \u0000 NUL and \u0007 bell.\n';
    expect(warned(body)).toEqual([
      {
        file: 'entries/2014/a.md',
        field: 'body',
        line: bodyLineOf(body, 'Para with raw'),
        message: 'holds U+0000, a control character and 1 more such, which every feed, page and mail drops, unseen',
        fix: 'delete it (most editors do not show it: search for U+0000), or write the character meant',
      },
    ]);
    const next = 'Fine.\n\nNext \u0085 line.\n';
    expect(warned(next)).toMatchObject([{ line: bodyLineOf(next, 'Next'), message: 'holds U+0085, a control character, which every feed, page and mail drops, unseen' }]);
    expect(warned('Text \uFFFF here.\n')).toMatchObject([{ message: 'holds U+FFFF, a noncharacter, which every feed, page and mail drops, unseen' }]);
  });

  it('tab, line feed and carriage return are text: no warning', () => {
    expect(warned('A\ttab and\r\nCRLF lines.\r\n')).toEqual([]);
  });
});
