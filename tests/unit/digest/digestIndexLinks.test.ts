import { describe, expect, it } from 'vitest';
import { renderDigestIndex } from '../../../lib/digest/digestIndexPage.js';
import { testSite } from '../../support/digestFixtures.js';

// digests/index.html links the site and the digest feeds relative to itself, as the site's other pages do, so that
// they lead to the same host's files: on the published site, and in `broadsheet preview`.
describe("the digest archive page's links", () => {
  const html = renderDigestIndex(testSite(), []);
  const hrefs = (pattern: RegExp) => [...html.matchAll(pattern)].map((m) => m[1]!);

  it('leads home to the site root, relative, with the title isolated', () => {
    expect(html).toContain(`<p><a href="../">← <bdi>${testSite().title}</bdi></a></p>`);
  });

  it('links the digest feeds beside it, in the text and for autodiscovery', () => {
    expect(hrefs(/<a href="([^"]*)">(?:RSS|Atom|JSON Feed)<\/a>/g)).toEqual(['rss.xml', 'atom.xml', 'feed.json']);
    expect(hrefs(/<link rel="alternate" type="[^"]*" title="[^"]*" href="([^"]*)">/g)).toEqual(['rss.xml', 'atom.xml', 'feed.json']);
  });
});

describe("the digest archive page's style", () => {
  it('breaks a long word (a site title with no space) rather than scroll sideways', () => {
    const body = /^body \{([^}]*)\}$/m.exec(renderDigestIndex(testSite(), []))?.[1];
    expect(body).toContain('overflow-wrap: anywhere;');
  });
});
