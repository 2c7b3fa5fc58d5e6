import { describe, expect, it } from 'vitest';
import { embeddedMedia } from '../../../lib/content/embeddedMedia.js';
import { hiddenContent } from '../../../lib/content/hiddenContent.js';
import { renderMarkdown } from '../../../lib/content/renderMarkdown.js';

const BASE = 'https://watch.example.org/';
const html = (body: string) => renderMarkdown(body, BASE).html;

describe('an iframe, video or audio with an http(s) source', () => {
  it('is published as a link to it, its text the title, in a figure with its caption', () => {
    const ghost = '<figure class="kg-card kg-embed-card"><iframe width="200" height="113" src="https://www.youtube.com/embed/dQw4w9WgXcQ?feature=oembed" frameborder="0" allowfullscreen title="Rason port tour"></iframe><figcaption>A tour of Rajin port.</figcaption></figure>\n';
    expect(html(ghost)).toBe('<figure><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">Rason port tour</a><figcaption>A tour of Rajin port.</figcaption></figure>\n');
  });

  it('without a title, says its kind, host and path; alone, in a paragraph of its own; none where a reader could not open it', () => {
    expect(html('<iframe src="https://ex.org/player/7?h=82" allowfullscreen></iframe>\n')).toBe('<p><a href="https://ex.org/player/7?h=82">Embed: ex.org/player/7</a></p>\n');
    expect(html('<p>Listen: <audio controls src="https://media.example.org/talk.mp3"></audio></p>\n')).toBe('<p>Listen: <a href="https://media.example.org/talk.mp3">Audio: media.example.org/talk.mp3</a></p>\n');
    // Relative to the scheme, as old embed codes write it: over https.
    expect(html('<p>A <iframe src="//www.youtube.com/embed/abc"></iframe> b</p>\n')).toBe('<p>A <a href="https://www.youtube.com/embed/abc">Embed: www.youtube.com/embed/abc</a> b</p>\n');
    // Inside a link, its text alone: one link may not hold another.
    expect(html('<p>A <a href="https://x.example/">see <iframe src="https://a.example/x"></iframe></a> b</p>\n')).toBe('<p>A <a href="https://x.example/">see Embed: a.example/x</a> b</p>\n');
    // Not where it would not be one a reader can open: not http(s), hidden, a pixel or in a noscript.
    for (const src of ['javascript:alert(1)', 'data:text/html,x', '/embed/x', 'embed/x']) {
      expect(html(`<p>A <iframe src="${src}"></iframe> b</p>\n`), src).toBe('<p>A  b</p>\n');
    }
    expect(html('<p>A <iframe src="https://a.example/x" style="display:none"></iframe> b</p>\n')).toBe('<p>A  b</p>\n');
    expect(html('<p>A <iframe src="https://t.example/p" width="1" height="1"></iframe> b</p>\n')).toBe('<p>A  b</p>\n');
    expect(html('<p>A <noscript><iframe src="https://www.googletagmanager.com/ns.html?id=GTM-X"></iframe></noscript> b</p>\n')).toBe('<p>A  b</p>\n');
    // Without a source a reader can open, a video's fallback is all a reader gets.
    expect(html('<p>A <video src="clip.mp4">Download the clip</video> b</p>\n')).toBe('<p>A Download the clip b</p>\n');
  });

  it('a known player\'s embed links to its watch page (a YouTube start kept as t, a Vimeo hash as a part of the path and its start as #t)', () => {
    expect(html('<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=90&amp;rel=0"></iframe>\n')).toBe('<p><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ&amp;t=90">Video: www.youtube.com/watch?v=dQw4w9WgXcQ&amp;t=90</a></p>\n');
    expect(html('<p>A <iframe src="//youtube.com/embed/a_B-c1D2e3F/" title="Port"></iframe> b</p>\n')).toBe('<p>A <a href="https://www.youtube.com/watch?v=a_B-c1D2e3F">Port</a> b</p>\n');
    expect(html('<iframe src="https://player.vimeo.com/video/76979871?h=8272103f6e&amp;title=0"></iframe>\n')).toBe('<p><a href="https://vimeo.com/76979871/8272103f6e">Video: vimeo.com/76979871/8272103f6e</a></p>\n');
    expect(html('<iframe src="https://player.vimeo.com/video/76979871"></iframe>\n')).toBe('<p><a href="https://vimeo.com/76979871">Video: vimeo.com/76979871</a></p>\n');
    // Vimeo's start time is the player's fragment's t, as it is the watch page's, in any of its forms; not a word.
    expect(html('<iframe src="https://player.vimeo.com/video/76979871?h=8272103f6e#t=1m2s"></iframe>\n')).toBe('<p><a href="https://vimeo.com/76979871/8272103f6e#t=1m2s">Video: vimeo.com/76979871/8272103f6e#t=1m2s</a></p>\n');
    expect(html('<p>A <iframe src="https://player.vimeo.com/video/76979871#t=62" title="Port"></iframe> b</p>\n')).toBe('<p>A <a href="https://vimeo.com/76979871#t=62">Port</a> b</p>\n');
    expect(html('<p>A <iframe src="https://player.vimeo.com/video/76979871#t=soon" title="Port"></iframe> b</p>\n')).toBe('<p>A <a href="https://vimeo.com/76979871">Port</a> b</p>\n');
    // Not a playlist, nor another host's /embed/: linked as they are.
    expect(html('<iframe src="https://www.youtube.com/embed/videoseries?list=PLx"></iframe>\n')).toBe('<p><a href="https://www.youtube.com/embed/videoseries?list=PLx">Embed: www.youtube.com/embed/videoseries</a></p>\n');
    expect(html('<iframe src="https://ex.org/embed/dQw4w9WgXcQ"></iframe>\n')).toBe('<p><a href="https://ex.org/embed/dQw4w9WgXcQ">Embed: ex.org/embed/dQw4w9WgXcQ</a></p>\n');
  });

  it('one whose address holds a merge tag is its text alone, as a link to one is', () => {
    expect(html('<p>A <iframe src="https://example.com/?u=*|UNIQID|*&amp;id=*|ID|*"></iframe> b</p>\n')).toBe('<p>A Embed: example.com b</p>\n');
    expect(html('<iframe src="https://forms.example.com/s?id={{ subscriber.uuid }}" title="Reader survey"></iframe>\n')).toBe('<p>Reader survey</p>\n');
    expect(html('<p><video src="https://media.example.com/%%EMAIL%%/c.mp4">Fallback</video></p>\n')).toBe('<p>Video: media.example.com/%%EMAIL%%/c.mp4</p>\n');
    // A query's bracketed word is no merge tag.
    expect(html('<iframe src="https://ex.org/map?filter[name]=x"></iframe>\n')).toContain('<a href="https://ex.org/map?filter%5Bname%5D=x">');
  });

  it('a video or audio drops its fallback text, ending at its end tag; its first source is the link where it has no src', () => {
    const video = '<p>A <video controls poster="https://media.example.org/p.jpg"><source src="https://media.example.org/k.webm" type="video/webm"><source src="https://media.example.org/k.mp4">Your browser does not support video. <a href="https://media.example.org/k.mp4">Download</a>.</video> b</p>\n';
    expect(html(video)).toBe('<p>A <a href="https://media.example.org/k.webm">Video: media.example.org/k.webm</a> b</p>\n');
    // Nor is it the summary.
    expect(renderMarkdown(video, BASE).firstParagraph).toBe('A b');
    expect(renderMarkdown('<video src="https://media.example.org/c.mp4">Your browser does not support video.</video>\n\nOur take.\n', BASE).firstParagraph).toBe('Our take.');
  });

  it('an embed in the fallback of one with no end tag is a link too, after the first', () => {
    const body = '<p>A <video src="https://media.example.org/v.mp4">B <iframe src="https://ex.org/inner"></iframe> C <audio src="https://media.example.org/a.mp3">D</p>\n';
    expect(html(body)).toBe('<p>A <a href="https://media.example.org/v.mp4">Video: media.example.org/v.mp4</a>B <a href="https://ex.org/inner">Embed: ex.org/inner</a> C <a href="https://media.example.org/a.mp3">Audio: media.example.org/a.mp3</a>D</p>\n');
  });

  // Checked in Chromium: an iframe, img or video under visibility:hidden is hidden though a child shows its text again.
  it('is no link, nor is an img kept, where the visibility it inherits hides it and only a sibling shows again', () => {
    const body = '<div style="visibility:hidden">secret <iframe src="https://ex.org/frame"></iframe> <img src="https://img.example.com/a.jpg" alt="A"> <span style="visibility:visible">shown again</span></div>\n';
    const out = html(body);
    expect(out).toContain('shown again');
    for (const gone of ['secret', 'ex.org/frame', 'a.jpg']) expect(out, gone).not.toContain(gone);
    expect(embeddedMedia(body)).toBeUndefined();
    expect(hiddenContent(body)?.message).toContain('the image "https://img.example.com/a.jpg"');
    // One that shows itself again is a link.
    expect(html('<div style="visibility:hidden">x <iframe style="visibility:visible" src="https://ex.org/frame"></iframe></div>\n')).toContain('<a href="https://ex.org/frame">Embed: ex.org/frame</a>');
  });

  it('a video with no end tag keeps what follows it, which a missing end tag makes its fallback', () => {
    expect(html('<video src="https://media.example.org/clip.mp4" controls />\n\nWhat the clip shows.\n')).toBe('<p><a href="https://media.example.org/clip.mp4">Video: media.example.org/clip.mp4</a></p>\n<p>What the clip shows.</p>\n');
  });
});
