import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { contentFolder, entry, entryText } from '../../support/content.js';
import { siteYaml } from '../../support/digestFixtures.js';
import { DROPPED_ELEMENTS, insideDropped } from '../../support/droppedElements.js';

// Through a real publish: what the sanitiser drops with its content (a tracking pixel in <noscript>, the text
// in an <svg>, what a browser hides, ...) reaches no feed, no page (the entry's own included), no digest archive and
// no OPML, though the paragraph around it does, as the body and as the default summary (the first paragraph).
// Elements their attributes hide, each named `hiding-N` for its words.
// The last: a custom property css-tree cannot read, whose fallback is none.
// Then a newsletter's preheader idioms, each drawing nothing in Chromium.
const HIDING = ['<span style="display:none">', '<span hidden>', '<dialog>', '<em style="display:block; display:none">', '<b style="--a: }; display: var(--a, none)">', '<span style="opacity:0">', '<span style="display:block;max-height:0;overflow:hidden">', '<span style="display:block;width:0;height:0;overflow:hidden">', '<span style="visibility:hidden">'];
const hidden = (start: string, index: number) => `${start}<img src="https://track.example.com/hiding-${index}.gif" alt="">hiding-${index}-hidden-words</${/^<([a-z]+)/.exec(start)![1]}>`;

// Images a browser draws larger than a pixel, and one it draws 1×1 as a hack's `!ie` does not apply: a picture's
// source sizes its 1×1 fallback 600×400, and a browser draws the source's image, not the img's src; a style draws a
// 1×1 img 40 wide.
const KEPT = '<picture><source srcset="https://img.example.com/harbour.webp" width="600" height="400"><img src="https://img.example.com/harbour.jpg" width="1" height="1" alt="Harbour"></picture>';
const SIZED = '<img src="https://img.example.com/line.png" width="1" height="1" style="width:40px" alt="">';
// An img with a srcset and no src shows the srcset's image a screen of density 1 draws, not its first.
const SRCSET = '<img srcset="https://img.example.com/quay-2x.jpg 2x, https://img.example.com/quay.jpg 1x" alt="Quay">';
// An img with neither, whose alt text a browser shows; in a picture, the image of its source instead.
const ALT_ONLY = '<img alt="Harbour map">';
const SOURCE_ONLY = '<picture><source srcset="https://img.example.com/chart-2x.jpg 2x, https://img.example.com/chart.jpg"><img alt="Chart"></picture>';
// A lazy loader's data: placeholder shows the srcset's image; an empty src shows the alt text.
const LAZY = '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" srcset="https://img.example.com/pier.jpg 1x, https://img.example.com/pier-2x.jpg 2x" alt="Pier">';
const EMPTY_SRC = '<img src="" alt="Old pier">';
// A lazy img whose data-src a publish cannot use: its noscript copy where it has one, else its alt (and a warning).
const NOSCRIPT = '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="/uploads/dock.jpg" alt="Dock"><noscript><img src="https://img.example.com/dock.jpg" alt="Dock"></noscript>';
const LAZY_RELATIVE = '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="charts/rice.png" alt="Rice chart">';
// A YouTube embed links to its watch page; one whose address holds a merge tag is its title alone.
const YOUTUBE = '<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=42" title="Harbour tour"></iframe>';
const SURVEY = '<iframe src="https://survey.example.com/?u=*|UNIQID|*" title="Survey"></iframe>';
const IE_PIXEL = '<img src="https://track.example.com/ie.gif" width="1" height="1" style="width:40px !ie" alt="">';
// A width through var(): 40 wide is kept at that size, 1 wide is a pixel.
const VAR_SIZED = '<img src="https://img.example.com/var-line.png" width="1" height="1" style="--w:40px;width:var(--w)" alt="">';
const VAR_PIXEL = '<img src="https://track.example.com/var.gif" width="1" height="1" style="--w:1px;width:var(--w)" alt="">';

// HTML has no self-closing video: the commentary after it is its fallback, which a reader is shown.
const CLIP = '<video src="https://media.example.com/clip.mp4" controls />\n\nWhat the clip shows.\n\nOur reading of it.\n';

let out: string | undefined;
afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

describe('content the sanitiser drops', () => {
  it('reaches no published file, while the words around it do', async () => {
    // A newsletter's preheader and pixel first: the summary is the paragraph after them.
    const preheader = '<div style="display:none;max-height:0">PREHEADER-hidden-words</div><img src="https://track.example.com/open.gif" width="1" height="1" style="display:none" alt="">\n\n';
    // A plaintext's text runs to the end of the body: it comes last.
    const body = `${preheader}Visible opening ${DROPPED_ELEMENTS.filter((tag) => tag !== 'plaintext').map(insideDropped).join(' ')} ${HIDING.map(hidden).join(' ')} <embed src="https://track.example.com/embed.swf"> visible closing.\n\nSecond <span style="display:var(--a,})">paragraph</span>.\n\nRates of <math><mtext><img src="https://track.example.com/math.gif" alt="">7.5</mtext><mo>%</mo></math> held.\n\nKept images: ${KEPT} and ${SIZED} kept, ${VAR_SIZED}, ${SRCSET}, ${ALT_ONLY}, ${SOURCE_ONLY}, ${LAZY}, ${EMPTY_SRC}, ${NOSCRIPT}, ${LAZY_RELATIVE}, ${YOUTUBE}, ${SURVEY}.${IE_PIXEL}${VAR_PIXEL}\n\n${CLIP}\n${insideDropped('plaintext')}\n`;
    const content = await contentFolder({
      site: siteYaml(),
      entries: {
        '2014/pixel.md': entryText(entry({ title: 'Harbour reopens', url: 'https://news.example.com/harbour', date: '2014-05-08' }), body),
        // A </div> in a table ends nothing (WHATWG HTML §13.2.6.4.9): the paragraph after it is in the hidden div.
        // A style element's rules hide a preheader, but not what they hide only on narrow screens; a zero font size
        // hides text (an image inside would show); mso-hide is Outlook's alone. Its rules draw one img 1×1 (a
        // tracking pixel) and a 1×1 img 40 wide.
        '2014/newsletter.md': entryText(entry({ title: 'Newsletter', url: 'https://news.example.com/newsletter', date: '2014-05-06' }), '<style>.preheader{display:none} @media (max-width:600px){.mobile{display:none}} #more:target{display:block} img.t{width:1px;height:1px} img.wide{width:40px !important}</style><span class="preheader">SHEET-hidden-words</span><div style="font-size:0;line-height:0">FONTSIZE-hidden-words</div>\n\nNewsletter story, <span class="mobile">MOBILE-shown-words</span> <span style="mso-hide:all">MSO-shown-words</span>.\n\n<table><tr><td style="font-size:0"><font size="2">FONT-shown-words</font></td></tr></table>\n\n<div style="height:0;min-height:40px;overflow:hidden">MINHEIGHT-shown-words</div>\n\n<div style="opacity:0;animation:fade 1s forwards">FADE-shown-words</div>\n\n<div id="more" style="display:none">TARGET-shown-words</div>\n\nRULE-SIZED <img class="t" src="https://track.example.com/sheet-pixel.gif" alt=""> <img class="wide" src="https://img.example.com/rule.png" width="1" height="1" style="width:1px" alt="">\n'),
        // A newsletter's images whose addresses hold a merge tag: one hidden, named as what the service's mail shows; one
        // beside a src no browser draws, published as its alt text. Then a link pasted from old Windows software, whose
        // address and title hold a reference to 0x92: the Windows-1252 ’, as in text.
        '2014/tagged.md': entryText(entry({ title: 'Tagged', url: 'https://news.example.com/tagged', date: '2014-05-05' }), '<div hidden><img src="https://img.example.com/{{id}}.png" alt="Hidden logo"></div>\n\nTagged <img src="javascript:alert(1)" srcset="https://img.example.com/*|ID|*.png 1x" alt="Logo">.\n\n[The report](https://news.example.com/what&#146;s "What&#146;s new")\n'),
        '2014/misnested.md': entryText(entry({ title: 'Misnested', url: 'https://news.example.com/misnested', date: '2014-05-07' }), '<div hidden><table>\n\n</div>\n\nMISNESTED-hidden-words\n\n</table></div>\n\nReal commentary two.\n\n<picture><img src="https://track.example.com/plain-pixel.gif" width="1" height="1" alt=""></picture>\n'),
      },
    });
    out = await mkdtemp(join(tmpdir(), 'broadsheet-dropped-'));
    const run = await runCli(['publish', '--content', content, '--out', out, '--now', '2014-06-01T00:00:00Z']);
    expect(run.code, run.stderr).toBe(0);
    // Named as a warning on the body, the preheader first.
    expect(run.stderr).toContain('warning: entries/2014/pixel.md: body: holds what a browser would not show as written, which is left out of every feed, page and the digest: <div style="display:none;max-height:0"> the text "PREHEADER-hidden-words";');
    // Then a plain 1×1 image, hidden by nothing but its size.
    expect(run.stderr).toContain('warning: entries/2014/misnested.md: body: holds what a browser would not show as written, which is left out of every feed, page and the digest: <div hidden> the text "MISNESTED-hidden-words"; <img src="https://track.example.com/plain-pixel.gif" width="1" height="1" alt=""> the image "https://track.example.com/plain-pixel.gif"');

    expect(run.stderr).toContain('warning: entries/2014/newsletter.md: body: holds what a browser would not show as written, which is left out of every feed, page and the digest: <span class="preheader"> the text "SHEET-hidden-words"; <div style="font-size:0;line-height:0"> the text "FONTSIZE-hidden-words"; <img class="t" src="https://track.example.com/sheet-pixel.gif" alt=""> the image "https://track.example.com/sheet-pixel.gif" (delete it if readers are not meant to see it; if they are, remove what hides it (hidden, style="display:none", opacity:0, a zero height or width with overflow:hidden, font-size:0, visibility:hidden, a <dialog> not open, a width or height of 1 or less on an image, in its attributes, its style or a rule of a <style> element)');

    const files = (await readdir(out, { recursive: true, withFileTypes: true }))
      .filter((file) => file.isFile())
      .map((file) => relative(out!, join(file.parentPath, file.name)))
      .filter((key) => !key.startsWith('_broadsheet/'));
    const texts = Object.fromEntries(await Promise.all(files.map(async (key) => [key, await readFile(join(out!, key), 'utf8')] as const)));
    // The files that carry the body or its summary: the feeds, the index, the entry's page, the week's digest.
    for (const key of ['rss.xml', 'atom.xml', 'feed.json', 'index.html', 'tags/trade/rss.xml', 'entries/2014/pixel/index.html', 'digests/2014-W19.html', 'digests/2014-W19.txt']) {
      expect(texts[key], key).toBeDefined();
      expect(texts[key], key).toContain('Visible opening');
    }
    // A style css-tree cannot read, with no none in it, hides nothing.
    expect(JSON.parse(texts['feed.json']!).items[0].content_html).toContain('<p>Second paragraph.</p>');
    // A MathML formula is words of the text: published as its text, an image in it (as in svg) not.
    expect(JSON.parse(texts['feed.json']!).items[0].content_html).toContain('<p>Rates of 7.5% held.</p>');
    expect(texts['entries/2014/pixel/index.html']).toContain('Rates of 7.5% held.');
    // Published at the size a browser draws them, which no later reading takes for a pixel.
    expect(JSON.parse(texts['feed.json']!).items[0].content_html).toContain('<p>Kept images: <img src="https://img.example.com/harbour.webp" alt="Harbour" /> and <img src="https://img.example.com/line.png" width="40" height="1" alt="" /> kept, <img src="https://img.example.com/var-line.png" width="40" height="1" alt="" />, <img src="https://img.example.com/quay.jpg" alt="Quay" />, Harbour map, <img src="https://img.example.com/chart.jpg" alt="Chart" />, <img src="https://img.example.com/pier.jpg" alt="Pier" />, Old pier, <img src="https://img.example.com/dock.jpg" alt="Dock" />, Rice chart, <a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ&amp;t=42">Harbour tour</a>, Survey.</p>');
    expect(run.stderr).toContain('warning: entries/2014/pixel.md: body: shows a lazy-loaded image whose address, "charts/rice.png" (its data-src), is relative, which a publish cannot make an image of: readers get its alt text, "Rice chart" (');
    expect(texts['entries/2014/pixel/index.html']).toContain('<img src="https://img.example.com/line.png" width="40" height="1" alt="" />');
    // The clip itself, which no reader plays, is a link to it, and named in a warning.
    expect(JSON.parse(texts['feed.json']!).items[0].content_html).toMatch(/<p><a href="https:\/\/media\.example\.com\/clip\.mp4">Video: media\.example\.com\/clip\.mp4<\/a><\/p>\n<p>What the clip shows\.[^]*Our reading of it\./);
    expect(run.stderr).toContain('warning: entries/2014/pixel.md: body: embeds what feed readers and mail clients do not play, so every feed, page and the digest has instead: <iframe> of "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=42" becomes a link to its watch page, https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42, "Harbour tour"; <iframe> of "https://survey.example.com/?u=*|UNIQID|*" becomes the text "Survey", without a link: its address holds the merge tag "*|UNIQID|*", which only a mail service fills in when it sends; <video> of "https://media.example.com/clip.mp4" becomes a link, "Video: media.example.com/clip.mp4" (');
    expect(JSON.parse(texts['feed.json']!).items[0].summary).toMatch(/^Visible opening +visible closing\.$/);
    expect(JSON.parse(texts['feed.json']!).items[1]).toMatchObject({ summary: 'Real commentary two.', content_html: expect.stringMatching(/^<p>Real commentary two\.<\/p>\n<p>Source: /) });
    expect(texts['entries/2014/misnested/index.html']).toContain('Real commentary two.');
    expect(JSON.parse(texts['feed.json']!).items[2]).toMatchObject({ summary: 'Newsletter story, MOBILE-shown-words MSO-shown-words.', content_html: expect.stringMatching(/^<p>Newsletter story, MOBILE-shown-words MSO-shown-words\.<\/p>\n/) });
    // What Chromium shows again: a <font size> in a zero-size cell, a min-height over a zero height, an opacity an
    // animation changes, a :target reveal.
    for (const words of ['FONT', 'MINHEIGHT', 'FADE', 'TARGET']) expect(JSON.parse(texts['feed.json']!).items[2].content_html, words).toContain(`${words}-shown-words`);
    // A rule's !important width over the img's own 1×1, as a browser draws it.
    expect(JSON.parse(texts['feed.json']!).items[2].content_html).toContain('<p>RULE-SIZED  <img src="https://img.example.com/rule.png" width="40" height="1" alt="" /></p>');
    expect(run.stderr).toContain('warning: entries/2014/tagged.md: body: holds what a browser would not show as written, which is left out of every feed, page and the digest: <div hidden> the image "https://img.example.com/{{id}}.png", whose address holds the merge tag "{{id}}" (');
    expect(run.stderr).toContain('warning: entries/2014/tagged.md: body: shows an image whose address holds a mail service\'s merge tag, which only that service fills in when it sends: "https://img.example.com/*|ID|*.png" (the tag "*|ID|*", published as its alt text "Logo");');
    expect(JSON.parse(texts['feed.json']!).items[3]).toMatchObject({ title: 'Tagged', summary: 'Tagged Logo.', content_html: expect.stringMatching(/^<p>Tagged Logo\.<\/p>\n<p><a href="https:\/\/news\.example\.com\/what%E2%80%99s" title="What\u2019s new">The report<\/a><\/p>\n/) });
    for (const [key, text] of Object.entries(texts)) {
      expect(text.includes('track.example.com'), `${key} has a dropped element's URL`).toBe(false);
      for (const tag of DROPPED_ELEMENTS) expect(text.includes(`${tag}-hidden-words`), `${key} has the text of a <${tag}>`).toBe(false);
      expect(text.match(/(?:PREHEADER|hiding-\d|MISNESTED|SHEET|FONTSIZE)-hidden-words/), `${key} has hidden text`).toBeNull();
    }
  }, 60_000);
});
