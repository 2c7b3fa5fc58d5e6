import { describe, expect, it } from 'vitest';
import { parseEntry } from '../../../lib/content/entry.js';
import { renderMarkdown } from '../../../lib/content/renderMarkdown.js';
import { entry, entryText } from '../../support/content.js';

const BASE = 'https://watch.example.org/';
const warned = (body: string) => parseEntry(entryText(entry({}), body), 'entries/2014/a.md', { timezone: 'Asia/Seoul' }).warnings.filter((w) => w.field === 'body');

// HTML reads a reference to U+0000 as U+FFFD (WHATWG HTML §13.2.5.80), as CommonMark does: it stands for a control
// character, which no output holds.
describe('a reference to U+0000 in a body', () => {
  it('is dropped from the text and the raw HTML, in each form; a reference to another character is kept', () => {
    expect(renderMarkdown('Rice&#0; and &#x00;wheat &#146;', BASE).html).toBe('<p>Rice and wheat \u2019</p>\n');
    expect(renderMarkdown('<p>Rice&#0; and &#X000 wheat &#010;</p>', BASE).html).toBe('<p>Rice and  wheat \n</p>');
    expect(renderMarkdown('[Rice](/a)<a href="/b?q=&#0;">&#0;wheat</a>', BASE).html).toBe('<p><a href="https://watch.example.org/a">Rice</a><a href="https://watch.example.org/b?q=">wheat</a></p>\n');
    // In code it is shown as typed.
    expect(renderMarkdown('`&#0;`', BASE).html).toBe('<p><code>&amp;#0;</code></p>\n');
  });

  it('is named by check with the fix, in text or raw HTML; not in code', () => {
    const named = (reference: string) => ({
      field: 'body',
      message: `holds "${reference}", a reference to U+0000, a control character: HTML reads it as U+FFFD (\uFFFD), and every feed and page drops it`,
      fix: `delete ${reference}`,
    });
    expect(warned('Rice&#0; prices.\n')).toEqual([{ file: 'entries/2014/a.md', ...named('&#0;') }]);
    expect(warned('<p>Rice&#x0000; prices.</p>\n')).toMatchObject([named('&#x0000;')]);
    expect(warned('Write `&#0;` in code.\n\n    &#0;\n')).toEqual([]);
    expect(warned('Rice &#10; &#01; prices.\n')).toEqual([]);
  });
});
