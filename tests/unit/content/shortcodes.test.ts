import { describe, expect, it } from 'vitest';
import { parseEntry } from '../../../lib/content/entry.js';

// Only WordPress expands its shortcodes: an export's `[caption]…[/caption]` reaches readers as typed.
const file = (body: string) => `---\ntitle: T\nurl: https://x.example/a\nsource: S\ndate: 2014-05-08\n---\n${body}`;
const warned = (body: string) => parseEntry(file(body), 'entries/2014/a.md', { timezone: 'Asia/Seoul' }).warnings.filter((w) => w.field === 'body');

describe('a WordPress shortcode in the body', () => {
  it('is a warning naming it: caption, embed, gallery', () => {
    expect(warned('[caption id="attachment_42" width="300"]<img src="https://x.example/a.png" alt="Pier"> The pier[/caption]\n')).toEqual([
      { file: 'entries/2014/a.md', field: 'body', message: 'holds the WordPress shortcode "[caption id=\\"attachment_42\\" width=\\"300\\"]", which readers are shown as typed', fix: 'write what it stands for in Markdown or HTML (an image with its caption, a link), or remove it' },
    ]);
    expect(warned('[embed]https://www.youtube.com/watch?v=abc[/embed]\n').map((w) => w.message)).toEqual(['holds the WordPress shortcode "[embed]", which readers are shown as typed']);
    expect(warned('Photos: [gallery ids="12,13"]\n')).toHaveLength(1);
  });

  it('not a Markdown link, a footnote mark or a bracketed word', () => {
    expect(warned('See [the caption](https://x.example/c), [1] and [embedded] text, [Gallery] of photos.\n')).toEqual([]);
  });
});
