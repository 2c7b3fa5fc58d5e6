import { describe, expect, it } from 'vitest';
import { renderDigestIndex } from '../../../lib/digest/digestIndexPage.js';
import { DIGEST, meta, testSite, weekModel } from '../../support/digestFixtures.js';

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

// Keyboard and screen reader use (WCAG 2.4.1, 2.4.4): the home link and the feed links come before the list, so a
// skip link leads past them; each week's "text" link names its week for a list of links read alone.
describe("the digest archive page's way through", () => {
  const site = testSite();
  const models = [weekModel(site, [meta('2014-05-06')]), weekModel(site, [meta('2014-05-13')], '2014-W20')];
  const html = renderDigestIndex(site, models);

  it('opens with a skip link to the list, its main', () => {
    expect(/<body>\n<a class="skip" href="#digests">Skip to the digests<\/a>\n<header>/.test(html)).toBe(true);
    expect(html).toContain('<main id="digests">');
    expect(/^\.skip \{ position: absolute; left: -999rem; \}$/m.test(html)).toBe(true);
    expect(/^\.skip:focus \{ left: 1rem;/m.test(html)).toBe(true);
  });

  it("names the week in each plain-text link's text", () => {
    const texts = [...html.matchAll(/<a href="(2014-W\d\d)\.txt">(.*?)<\/a>/g)].map((m) => [m[1], m[2]!.replace(/<[^>]+>/g, '')]);
    expect(texts).toEqual(models.map((model) => [model.week.name, `text of ${model.rangeText}`]));
  });
});

// The signup form is the page's own content, in its main landmark after the list: a banner (<header>) holds what
// every page of a site has (WAI-ARIA 1.2, banner), not a form of this page.
describe("the digest archive page's signup form", () => {
  const site = testSite();
  const html = renderDigestIndex(site, [weekModel(site, [meta('2014-05-06')])]);
  const landmark = (name: string) => new RegExp(`<${name}\\b[^>]*>([\\s\\S]*?)</${name}>`).exec(html)![1]!;

  it('is in main, after the list of digests, and not in the header', () => {
    expect(html.match(/<form\b/g)).toHaveLength(1);
    expect(landmark('header')).not.toContain('<form');
    expect(landmark('main')).toMatch(/<\/ul>\n<form class="signup" method="post" action="\.\.\/subscribe">/);
  });

  it("is in main too where the site offers the digest another way: the link to the home page's digest section", () => {
    const outside = testSite({}, { ...DIGEST, subscribe: 'https://lists.example.net/join' });
    const page = renderDigestIndex(outside, []);
    const main = /<main\b[^>]*>([\s\S]*?)<\/main>/.exec(page)![1]!;
    expect(main).toContain('<a href="../#digest">Get the weekly digest by email</a>');
    expect(/<header>([\s\S]*?)<\/header>/.exec(page)![1]).not.toContain('Get the weekly digest by email');
  });
});
