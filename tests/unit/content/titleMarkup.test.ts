import { describe, expect, it } from 'vitest';
import { parseEntry } from '../../../lib/content/entry.js';

const SEOUL = { timezone: 'Asia/Seoul' };
const file = (...lines: string[]) => `---\n${lines.join('\n')}\nurl: https://x.example/a\nsource: S\ndate: 2014-05-01\n---\nBody.\n`;
const warningsOf = (...lines: string[]) => parseEntry(file(...lines), 'entries/2014/t.md', SEOUL).warnings;

describe('HTML in a title is a warning: titles are plain text', () => {
  it('a character reference (&amp;): the field, and the line to write with the character itself', () => {
    const { warnings, problems, entry } = parseEntry(file('title: AT&amp;T reports'), 'entries/2014/t.md', SEOUL);
    expect(problems).toEqual([]);
    expect(entry?.title).toBe('AT&amp;T reports');
    expect(warnings).toEqual([{ file: 'entries/2014/t.md', line: 2, field: 'title', message: 'holds the HTML character reference "&amp;", which readers are shown as typed: titles are plain text', fix: 'write it as plain text: title: AT&T reports' }]);
    // A typographic reference alone keeps its own warning (characterReferences), once.
    expect(warningsOf('title: "Kim&#8217;s visit"')).toMatchObject([{ field: 'title', message: 'holds the HTML character reference "&#8217;", which readers are shown as typed: the field is plain text' }]);
  });

  it('a tag (<b>): named, and the line without it', () => {
    expect(warningsOf('title: <b>Breaking</b> news')).toEqual([{ file: 'entries/2014/t.md', line: 2, field: 'title', message: 'holds the HTML tag "<b>", which readers are shown as typed: titles are plain text', fix: 'write it as plain text: title: Breaking news' }]);
    // Text a browser would not read as HTML is no warning.
    for (const title of ['AT&T reports', 'Q&A; rates', 'Growth < 2% & falling', 'x<y and y>z', '"a <= b"']) expect(warningsOf(`title: ${title}`), title).toEqual([]);
  });

  it('the line to write keeps the words after a raw text element never closed, and the text of a textarea', () => {
    const fixOf = (title: string) => warningsOf(`title: ${title}`).map((warning) => [warning.message, warning.fix]);
    // parse5 reads all after an unclosed <script> or <style> as the element's content: the words are the editor's.
    expect(fixOf('"Why the <script> tag matters for Pyongyang sites"')).toEqual([['holds the HTML tag "<script>", which readers are shown as typed: titles are plain text', 'write it as plain text: title: Why the tag matters for Pyongyang sites']]);
    expect(fixOf('"<style> sheets and <b>bold</b> type"')).toEqual([['holds the HTML tag "<style>", which readers are shown as typed: titles are plain text', 'write it as plain text: title: sheets and bold type']]);
    // A textarea's text is shown in its box; a closed script's is never shown.
    expect(fixOf('<textarea>Notes</textarea> on trade')).toEqual([['holds the HTML tag "<textarea>", which readers are shown as typed: titles are plain text', 'write it as plain text: title: Notes on trade']]);
    expect(fixOf('"<script>alert(1)</script> Rates rise"')).toEqual([['holds the HTML tag "<script>", which readers are shown as typed: titles are plain text', 'write it as plain text: title: Rates rise']]);
  });

  it('the line to write is quoted when the text needs it, and reads back as the text', () => {
    const [warning] = warningsOf('title: "<i>Kim</i>: the visit"');
    expect(warning!.fix).toBe("write it as plain text: title: 'Kim: the visit'");
    const written = warning!.fix.replace('write it as plain text: ', '');
    expect(parseEntry(file(written), 'entries/2014/t.md', SEOUL).entry?.title).toBe('Kim: the visit');
  });

  it('a related link’s title too', () => {
    const warnings = warningsOf('title: T', 'related:', '  - title: R&amp;D spending', '    url: https://x.example/b');
    expect(warnings).toMatchObject([{ field: 'related', message: 'holds the HTML character reference "&amp;", which readers are shown as typed: titles are plain text', fix: 'write it as plain text: title: R&D spending' }]);
  });
});
