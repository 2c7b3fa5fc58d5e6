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

  it('a tag without its end tag names an element in words: no warning, and the line to write keeps it', () => {
    const fixOf = (title: string) => warningsOf(`title: ${title}`).map((warning) => [warning.message, warning.fix]);
    // Readers are shown `<main>` as typed, which is what the editor meant: a line without it would lose a word.
    for (const title of ['"Why the <main> element matters for screen readers"', '"The <br> tag"', '"<br>"', '"Why the <script> tag matters for Pyongyang sites"'])
      expect(warningsOf(`title: ${title}`), title).toEqual([]);
    // Beside a tag with its end tag, it stays as typed in the line to write; parse5 reads all after an unclosed
    // <style> as its text, read again as HTML.
    expect(fixOf('"<b>Breaking</b>: the <main> element"')).toEqual([['holds the HTML tag "<b>", which readers are shown as typed: titles are plain text', "write it as plain text: title: 'Breaking: the <main> element'"]]);
    expect(fixOf('"<style> sheets and <b>bold</b> type"')).toEqual([['holds the HTML tag "<b>", which readers are shown as typed: titles are plain text', 'write it as plain text: title: <style> sheets and bold type']]);
    // A tag with its end tag is markup, whether or not parse5 knows the element.
    expect(fixOf('Use <kbd>Ctrl</kbd>')).toEqual([['holds the HTML tag "<kbd>", which readers are shown as typed: titles are plain text', 'write it as plain text: title: Use Ctrl']]);
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

  it('a formula, raised, lowered or annotated text: the line to write reads them as a summary does, not as their text in a row', () => {
    const fixOf = (title: string) => warningsOf(`title: ${title}`).map((warning) => [warning.message, warning.fix]);
    // K, then 2 raised (²), then +1: not "K2+1".
    expect(fixOf('Growth <math><msup><mi>K</mi><mn>2</mn></msup><mo>+</mo><mn>1</mn></math> rises')).toEqual([['holds the HTML tag "<math>", which readers are shown as typed: titles are plain text', 'write it as plain text: title: Growth K²+1 rises']]);
    expect(fixOf('The limit <math><munder><mo>lim</mo><mrow><mi>n</mi><mo>→</mo><mi>∞</mi></mrow></munder></math> exists')).toEqual([['holds the HTML tag "<math>", which readers are shown as typed: titles are plain text', 'write it as plain text: title: The limit lim_(n→∞) exists']]);
    expect(fixOf('H<sub>2</sub>O in <ruby>平壌<rt>ピョンヤン</rt></ruby>')).toEqual([['holds the HTML tag "<sub>", which readers are shown as typed: titles are plain text', 'write it as plain text: title: H₂O in 平壌(ピョンヤン)']]);
  });

  it('a tag too, named by its place in the list as written (tags[2]), at its own line', () => {
    // Line 6: the opening ---, title:, tags:, then the items; the second spelling of trade is merged into the first.
    const warnings = warningsOf('title: T', 'tags:', '  - Trade', '  - trade', '  - R&amp;D');
    expect(warnings).toMatchObject([{ field: 'tags[2]', line: 6, message: 'holds the HTML character reference "&amp;", which readers are shown as typed: the field is plain text', fix: 'write it as plain text: R&D' }]);
    // After an item refused as no tag name: still its place as written.
    const parsed = parseEntry(file('title: T', 'tags:', '  - ""', '  - "x\u202Ey"'), 'entries/2014/t.md', SEOUL);
    expect(parsed.problems.map((problem) => problem.field)).toEqual(['tags[0]']);
    expect(parsed.warnings).toMatchObject([{ field: 'tags[1]', line: 5, message: expect.stringContaining('U+202E RIGHT-TO-LEFT OVERRIDE') }]);
  });

  it('a related link’s title too, named as the other fields of a list item are (related[1].title), at its own line', () => {
    const warnings = warningsOf('title: T', 'related:', '  - title: R&amp;D spending', '    url: https://x.example/b');
    // Line 4: the opening ---, title:, related:, then the item's title:.
    expect(warnings).toMatchObject([{ field: 'related[0].title', line: 4, message: 'holds the HTML character reference "&amp;", which readers are shown as typed: titles are plain text', fix: 'write it as plain text: title: R&D spending' }]);
    // The second link's, after one refused for its address: its place in the list as written, not among those kept.
    const parsed = parseEntry(file('title: T', 'related:', '  - title: Old', '    url: ftp://x.example/a', '  - title: R&amp;D spending', '    url: https://x.example/b'), 'entries/2014/t.md', SEOUL);
    expect(parsed.problems.map((problem) => problem.field)).toEqual(['related[0].url']);
    expect(parsed.warnings).toMatchObject([{ field: 'related[1].title', line: 6, message: 'holds the HTML character reference "&amp;", which readers are shown as typed: titles are plain text' }]);
  });
});
