import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseEntry } from '../../../lib/content/entry.js';
import { hiddenContent } from '../../../lib/content/hiddenContent.js';
import { markdown } from '../../../lib/content/markdownParser.js';
import { renderMarkdown } from '../../../lib/content/renderMarkdown.js';
import { entry, entryText } from '../../support/content.js';

const FIX = 'delete it if readers are not meant to see it; if they are, remove what hides it (hidden, style="display:none", opacity:0, a zero height or width with overflow:hidden, font-size:0, visibility:hidden, a <dialog> not open, a width or height of 1 or less on an image, in its attributes, its style or a rule of a <style> element), or write text meant as typed (<xmp>, <plaintext>) as a Markdown code block';
const LEFT_OUT = 'holds what a browser would not show as written, which is left out of every feed, page and the digest: ';

describe('hiddenContent', () => {
  it("names each hidden element with the text and images it drops, as written in the body", () => {
    const body = '<div style="display:none">PREHEADER  text</div><img src="https://track.example/open.gif" hidden>\n\nThe story.\n';
    expect(hiddenContent(body)).toEqual({
      message: `${LEFT_OUT}<div style="display:none"> the text "PREHEADER text"; <img src="https://track.example/open.gif" hidden> the image "https://track.example/open.gif"`,
      fix: FIX,
    });
  });

  // Checked in Chromium on markdown-it's HTML: the span ends with the first paragraph, its end tag is ignored, and the
  // second paragraph shows; a <b> is reopened in it and hides it too.
  it('names what a blank line inside a hidden inline element leaves shown, as the output and the summary show it', () => {
    const body = '<span style="display:none">hidden one\n\nhidden two</span>\n\nThe story.\n';
    expect(renderMarkdown(body, 'https://watch.example.org/')).toEqual({ html: '\n<p>hidden two</p>\n<p>The story.</p>\n', firstParagraph: 'hidden two' });
    const problem = hiddenContent(body);
    expect(problem?.message).toContain('<span style="display:none"> the text "hidden one"; and a blank line ends <span style="display:none"> with its Markdown paragraph, so what follows it up to its </span> shows and is published: the text "hidden two"');
    expect(problem?.fix).toContain('put them in a <div> whose start and end tags are each on a line of their own');
    for (const quiet of ['x <b style="display:none">one\n\ntwo</b> after\n', 'x <span style="display:none">one</span>\n\ntwo\n']) {
      expect(hiddenContent(quiet)?.message, quiet).not.toContain('blank line');
      expect(renderMarkdown(quiet, 'https://watch.example.org/').html, quiet).not.toContain('one');
    }
    expect(renderMarkdown('x <b style="display:none">one\n\ntwo</b> after\n', 'https://watch.example.org/').html).not.toContain('two');
  });

  // WHATWG HTML §4.8.4.3: an img with no src of its own draws the image its picture's source selects.
  it('names the image a tracking pixel with no src of its own takes from its picture', () => {
    const body = '<picture><source srcset="https://track.example/p.gif"><img width="1" height="1" alt=""></picture>\n\nThe story.\n';
    expect(hiddenContent(body)?.message).toBe(`${LEFT_OUT}<img width="1" height="1" alt=""> the image "https://track.example/p.gif"`);
  });

  it('names a hidden image whose only address holds a merge tag by that address as typed and its tag, as the merge-tag warning does', () => {
    // No image of it is published, hidden or not; the service's mail shows the image, so the editor is told of it.
    const body = '<div style="display:none">Preheader <img src="https://img.example/%7B%7Bid%7D%7D.png" alt="Logo"></div>\n\n<p hidden><img srcset="https://img.example/*|ID|*.png 1x"></p>\n\nText.\n';
    expect(hiddenContent(body)?.message).toBe(`${LEFT_OUT}<div style="display:none"> the text "Preheader", the image "https://img.example/{{id}}.png", whose address holds the merge tag "{{id}}"; <p hidden> the image "https://img.example/*|ID|*.png", whose address holds the merge tag "*|ID|*"`);
  });

  it('counts what is past the third, and says nothing of a media element\'s fallback, which is kept', () => {
    const body = 'A <video src="v.mp4">Your browser cannot play it</video> <noembed>0</noembed>\n\n<dialog>1</dialog> <noframes>2</noframes> <title>3</title>\n';
    expect(hiddenContent(body)?.message).toBe(`${LEFT_OUT}<noembed> the text "0"; <dialog> the text "1"; <noframes> the text "2"; and 1 more`);
    expect(hiddenContent('<video src="v.mp4" controls />\n\nWhat it shows.\n')).toBeUndefined();
  });

  it('names an element hidden through a custom property an ancestor sets', () => {
    expect(hiddenContent('<div style="--h:none"><p style="display:var(--h)">Preheader</p></div>\n\nThe story.\n')?.message).toBe(`${LEFT_OUT}<p style="display:var(--h)"> the text "Preheader"`);
    expect(hiddenContent('<div style="--h:block"><p style="display:var(--h, none)">Shown</p></div>\n')).toBeUndefined();
  });

  it('says nothing of a hidden element with nothing in it, of what is shown, or of a tag written in code', () => {
    expect(hiddenContent('<div hidden> </div><span style="display:none"></span>\n')).toBeUndefined();
    expect(hiddenContent('<dialog open>Shown</dialog> <span style="display:block">Shown</span>\n')).toBeUndefined();
    expect(hiddenContent('Write `<div hidden>secret</div>` to hide it, or\n\n    <video>fallback</video>\n')).toBeUndefined();
  });

  it('is a warning on body from parseEntry, and the entry is published', () => {
    const parsed = parseEntry(entryText(entry(), '<div hidden>Secret</div>\n\nStory.\n'), 'entries/2014/a.md', { timezone: 'UTC' });
    expect(parsed.entry).toBeDefined();
    expect(parsed.warnings).toEqual([{ file: 'entries/2014/a.md', field: 'body', message: `${LEFT_OUT}<div hidden> the text "Secret"`, fix: FIX }]);
  });

  describe('renders only a body with a tag that could hide something', () => {
    afterEach(() => vi.restoreAllMocks());

    it('not prose that names hidden, display or visibility, nor a tag without them', () => {
      const render = vi.spyOn(markdown, 'render');
      expect(hiddenContent('The hidden cost of display ads: *visibility* is [bought](https://ads.example?display=1).\n\n<abbr title="Korea Exchange">KRX</abbr>, hidden.\n')).toBeUndefined();
      expect(render).not.toHaveBeenCalled();
    });

    it('a tag with one in a quoted value after a `>`, or a reference parse5 decodes into one', () => {
      expect(hiddenContent('<div title="a>b" hidden>Secret</div>\n')?.message).toBe(`${LEFT_OUT}<div title="a>b" hidden> the text "Secret"`);
      expect(hiddenContent('<div style="&#100;isplay:none">Secret</div>\n')?.message).toBe(`${LEFT_OUT}<div style="&#100;isplay:none"> the text "Secret"`);
    });

    it('a style that names display only through a CSS escape, and not prose or a Markdown escape with a backslash', () => {
      expect(hiddenContent('<div style="\\64 isplay:none">Secret</div>\n')?.message).toBe(`${LEFT_OUT}<div style="\\64 isplay:none"> the text "Secret"`);
      expect(hiddenContent('<span style=d\\69splay:n\\6f\\6e\\65>Secret</span>\n')?.message).toBe(`${LEFT_OUT}<span style=d\\69splay:n\\6f\\6e\\65> the text "Secret"`);
      const render = vi.spyOn(markdown, 'render');
      expect(hiddenContent('Saved in C:\\Reports\\2014 \\*not emphasis\\*, <abbr title="x">X</abbr> \\<b>.\n')).toBeUndefined();
      expect(render).not.toHaveBeenCalled();
    });

    it('reads 100 KB of unclosed tags and quotes in one pass', () => {
      // Were a tag read as far as its next `>`, each `<` would read the rest of the body.
      for (const unit of ['<a', '<a "<a \'', '<a "x']) expect(hiddenContent(unit.repeat(100_000 / unit.length))).toBeUndefined();
    });
  });
});
