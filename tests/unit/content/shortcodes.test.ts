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

// Hugo and Jekyll expand these as they build a page; here they reach readers as typed.
describe('a Hugo shortcode or a Liquid tag in the body', () => {
  const WRITE_IT = 'write what it stands for in Markdown or HTML (an image with its caption, a link), or remove it';

  it('a Hugo shortcode, {{< >}} or {{% %}}, is a warning naming it', () => {
    expect(warned('Chart:\n\n{{< figure src="https://x.example/c.png" title="Trade" >}}\n')).toEqual([
      { file: 'entries/2014/a.md', field: 'body', message: 'holds the Hugo shortcode "{{< figure src=\\"https://x.example/c.png\\" title=\\"Trade\\" >}}", which readers are shown as typed', fix: WRITE_IT },
    ]);
    expect(warned('{{% notice note %}}Read this.{{% /notice %}}\n').map((w) => w.message)).toEqual(['holds the Hugo shortcode "{{% notice note %}}", which readers are shown as typed']);
  });

  it('a Liquid tag or page variable: named, with Jekyll as the one that reads it', () => {
    expect(warned('{% include figure.html src="c.png" %}\n')).toEqual([
      { file: 'entries/2014/a.md', field: 'body', message: 'holds the Liquid tag (Jekyll) "{% include figure.html src=\\"c.png\\" %}", which readers are shown as typed', fix: `${WRITE_IT}: only Jekyll reads Liquid` },
    ]);
    expect(warned('From {{ page.source }}.\n').map((w) => w.message)).toEqual(['holds the Liquid variable (Jekyll) "{{ page.source }}", which readers are shown as typed']);
  });

  it('{% raw %}: the two tags to remove, the text between them being shown as typed', () => {
    expect(warned('{% raw %}Use {{ braces }}{% endraw %}\n').map((w) => w.fix)).toEqual(['remove {% raw %} and {% endraw %}: the text between them is shown as typed']);
  });

  it('the first of several kinds is the one named', () => {
    expect(warned('{% include a.html %} then [embed]https://x.example/v[/embed]\n').map((w) => w.message)).toEqual(['holds the Liquid tag (Jekyll) "{% include a.html %}", which readers are shown as typed']);
  });

  it('braces in prose are not a template: a set {a, b}, {{ alone }}, 50%}', () => {
    expect(warned('The set {a, b}, the text {{ braces }} and a 50%} rise.\n')).toEqual([]);
  });
});

describe('a shortcode or a Liquid tag in code is shown as code: no warning', () => {
  it('in a fenced block, an indented block or a code span', () => {
    expect(warned('WordPress writes:\n\n```\n[caption id="attachment_42"]<img src="https://x.example/a.png"> Pier[/caption]\n```\n')).toEqual([]);
    expect(warned('Hugo writes:\n\n    {{< figure src="c.png" >}}\n')).toEqual([]);
    expect(warned('Jekyll writes `{% include figure.html %}` and `{{ page.title }}`, WordPress `[caption]`.\n')).toEqual([]);
  });

  it('one outside the code beside it is still named, and one in a link’s address too', () => {
    expect(warned('Write `[caption]` for it:\n\n[caption id="x"]The pier[/caption]\n').map((w) => w.message)).toEqual(['holds the WordPress shortcode "[caption id=\\"x\\"]", which readers are shown as typed']);
    expect(warned('See [the post]({{site.baseurl}}/post).\n').map((w) => w.message)).toEqual(['holds the Liquid variable (Jekyll) "{{site.baseurl}}", which readers are shown as typed']);
  });
});

// An export copies a post's title, excerpt and publisher as it does its body: their shortcodes come along, as typed.
describe('a shortcode in a text field', () => {
  const fields = (title: string, summary: string, source: string) =>
    parseEntry(`---\ntitle: ${title}\nurl: https://x.example/a\nsource: ${source}\ndate: 2014-05-08\nsummary: ${summary}\n---\nText.\n`, 'entries/2014/a.md', { timezone: 'Asia/Seoul' }).warnings;
  const FIX = 'write the words it stands for, or remove it: this field is plain text';

  it('is a warning naming it and its line, in the title, the summary and the source name', () => {
    expect(fields('B {{< youtube abc >}}', "'[embed]https://v.example/1[/embed] Talks'", "'News {% include source.html %}'")).toEqual([
      { file: 'entries/2014/a.md', line: 2, field: 'title', message: 'holds the Hugo shortcode "{{< youtube abc >}}", which readers are shown as typed', fix: FIX },
      { file: 'entries/2014/a.md', line: 4, field: 'source.name', message: 'holds the Liquid tag (Jekyll) "{% include source.html %}", which readers are shown as typed', fix: FIX },
      { file: 'entries/2014/a.md', line: 6, field: 'summary', message: 'holds the WordPress shortcode "[embed]", which readers are shown as typed', fix: FIX },
    ]);
  });

  it('even between backticks, which a plain text field shows as typed; nothing for ordinary text', () => {
    expect(fields('B `{{< youtube abc >}}`', 'Talks', 'News').map((w) => w.field)).toEqual(['title']);
    expect(fields('Talks [1] resume {in} Geneva', 'A {{ b }} c', 'News')).toEqual([]);
  });
});
