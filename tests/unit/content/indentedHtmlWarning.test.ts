import { describe, expect, it } from 'vitest';
import { parseEntry } from '../../../lib/content/entry.js';
import { renderMarkdown } from '../../../lib/content/renderMarkdown.js';

// HTML pasted with its indentation: after a blank line, CommonMark (§4.4) reads lines indented by four spaces or a
// tab as a code block, and every output shows the tags as typed.
const file = (body: string) => `---\ntitle: T\nurl: https://x.example/a\nsource: S\ndate: 2014-05-08\n---\n${body}`;
const warned = (body: string) => parseEntry(file(body), 'entries/2014/a.md', { timezone: 'Asia/Seoul' }).warnings.filter((w) => w.field === 'body');
const FIX = 'remove the indentation of those lines to have the HTML read as HTML, or fence them with ``` if they are meant as code';

describe('HTML indented as a code block in the body', () => {
  it('is a warning naming the file, the line of the block, its first line and the fix', () => {
    const body = 'Intro.\n\n<table>\n<tr><td>\n\n    <p>Coal exports rose.</p>\n\n    <p>Prices fell.</p>\n</td></tr>\n</table>\n';
    // Published as code: the reason for the warning.
    expect(renderMarkdown(body, 'https://x.example/').html).toContain('<pre><code>&lt;p&gt;Coal exports rose.&lt;/p&gt;');
    // The body starts on line 7 (after the front matter's six lines); its block on the body's sixth line, the file's twelfth.
    expect(warned(body)).toEqual([{ file: 'entries/2014/a.md', line: 12, field: 'body', message: 'holds HTML indented by four spaces or a tab after a blank line ("<p>Coal exports rose.</p>"), which Markdown shows as a code block of the tags as typed (CommonMark §4.4)', fix: FIX }]);
  });

  it('a tab, an end tag, a container the output makes a div of, before raw HTML', () => {
    expect(warned('<div>\n\n\t</td>\n')).toHaveLength(1);
    expect(warned('A.\n\n      <section>\n</div>\n')).toHaveLength(1);
    // Start tags alone, no other < in the body.
    expect(warned('<div>\n\n    <p>Coal exports rose.\n')).toHaveLength(1);
  });

  it('not code among prose (a sample of HTML shown on purpose), code that starts with another tag or none, a fenced block, or HTML indented less than four spaces', () => {
    for (const body of ['A.\n\n    <p>Shown as code.</p>\n\nB.\n', '<div>\n\n    <custom-widget>\n', '<div>\n\n    <?php echo 1; ?>\n', '<div>\n\n    let a = b < c;\n', '<div>\n\n```\n<p>Code</p>\n```\n', '<div>\n\n   <p>Three spaces.</p>\n', '- item\n\n    <p>In the item: HTML, not code.</p>\n']) {
      expect(warned(body), body).toEqual([]);
    }
  });
});
