import { describe, expect, it } from 'vitest';
import { embeddedMedia } from '../../../lib/content/embeddedMedia.js';

describe('embeddedMedia', () => {
  it('names each embed and what readers get: the link it becomes, its fallback, or nothing', () => {
    const body = '<iframe src="https://www.youtube.com/embed/abc" title="Port tour"></iframe>\n\n<p><video src="clip.mp4">Get the clip</video> <a href="https://x.example/"><iframe src="/map"></iframe><audio src="https://m.example/a.mp3"></audio></a></p>\n';
    expect(embeddedMedia(body)).toEqual({
      message: 'embeds what feed readers and mail clients do not play, so every feed, page and the digest has instead: <iframe> of "https://www.youtube.com/embed/abc" becomes a link, "Port tour"; <video> of "clip.mp4" shows its fallback text, "Get the clip", as its address is relative to the page it was copied from, which a publish does not know; <iframe> of "/map" is left out, as its address is relative to the page it was copied from, which a publish does not know; and 1 more',
      fix: 'give an embed with a relative address its full https address, and it becomes a link; if a link alone does not tell readers what the embed shows, write a line saying it (or link the page where it plays); remove an embed readers do not need',
    });
    expect(embeddedMedia('<a href="https://x.example/"><audio src="https://m.example/a.mp3"></audio></a>\n')?.message).toContain('<audio> of "https://m.example/a.mp3" becomes the text "Audio: m.example/a.mp3" of the link around it');
    // A known player's watch page; a merge tag in the address; a source's relative address.
    expect(embeddedMedia('<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ?start=5"></iframe>\n')?.message).toContain('<iframe> of "https://www.youtube.com/embed/dQw4w9WgXcQ?start=5" becomes a link to its watch page, https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=5, "Video: www.youtube.com/watch?v=dQw4w9WgXcQ&t=5"');
    expect(embeddedMedia('<iframe src="https://example.com/?u=*|UNIQID|*"></iframe>\n')).toEqual({
      message: 'embeds what feed readers and mail clients do not play, so every feed, page and the digest has instead: <iframe> of "https://example.com/?u=*|UNIQID|*" becomes the text "Embed: example.com", without a link: its address holds the merge tag "*|UNIQID|*", which only a mail service fills in when it sends',
      fix: "paste the real address in place of a merge tag's (or remove the embed); if a link alone does not tell readers what the embed shows, write a line saying it (or link the page where it plays); remove an embed readers do not need",
    });
    expect(embeddedMedia('<video><source src="media/c.webm">Fallback</video>\n')?.message).toContain('<video> shows its fallback text, "Fallback", as its address "media/c.webm" is relative to the page');
    // None with no embed, one in code, or one hidden or in a noscript (the hidden-content warning names those).
    expect(embeddedMedia('Plain text.\n')).toBeUndefined();
    expect(embeddedMedia('<p>A <iframe></iframe> b</p>\n')).toBeUndefined();
    expect(embeddedMedia('Write `<iframe src="https://a.example/">` to embed.\n')).toBeUndefined();
    expect(embeddedMedia('<div hidden><iframe src="https://a.example/"></iframe></div>\n<noscript><iframe src="https://gtm.example/ns"></iframe></noscript>\n')).toBeUndefined();
  });
});
