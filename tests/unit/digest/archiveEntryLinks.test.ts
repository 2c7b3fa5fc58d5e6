import { describe, expect, it } from 'vitest';
import { renderDigestArchiveHtml } from '../../../lib/digest/digestHtml.js';
import { renderDigestHtml } from '../../../lib/digest/renderDigestHtml.js';
import { meta, testSite, weekModel } from '../../support/digestFixtures.js';

// An archived week's page is a page of the site: as the site's index does (renderEntryItem), it links each entry's
// own page (its commentary, entries/<id>/) and each tag's page (tags/<slug>/), absolute as every link of the digest.
// The email keeps to the articles.
describe("an archived week's links to the site's entry and tag pages", () => {
  const site = testSite();
  const entry = meta('2014-05-06', { id: '2014/rice-prices', title: 'Rice prices rise', tags: [{ name: 'Food Trade', slug: 'food-trade' }, { name: 'Markets', slug: 'markets' }] });
  const model = weekModel(site, [entry]);
  const archive = renderDigestArchiveHtml(model);
  const email = renderDigestHtml(model, { variant: 'email' });

  it("links the entry's own page from its line of source and date, named by its title for a list of links", () => {
    expect(archive).toContain('<time datetime="2014-05-06" dir="auto">Tue, 6 May 2014</time> · <a href="https://watch.example.org/entries/2014/rice-prices/">Commentary<span class="skip"> on “<bdi>Rice prices rise</bdi>”</span></a></p>');
    expect(email).not.toContain('entries/2014/rice-prices');
  });

  it("links each tag to its page, as the site's lists of entries do", () => {
    expect(archive).toContain('<p class="tags">Tags: <a href="https://watch.example.org/tags/food-trade/"><bdi>#Food Trade</bdi></a> · <a href="https://watch.example.org/tags/markets/"><bdi>#Markets</bdi></a></p>');
    expect(email).toMatch(/Tags: <bdi[^>]*>Food Trade<\/bdi> · <bdi[^>]*>Markets<\/bdi><\/p>/);
    expect(email).not.toContain('/tags/');
  });

  it('colours the tag links as the digest colours its other links, in either scheme', () => {
    const css = /<style>([\s\S]*?)<\/style>/.exec(archive)![1]!;
    expect(css).toMatch(/\n\.tags a, \.join a \{ color: #1a4f8b; \}/);
    expect(css).toMatch(/@media \(prefers-color-scheme: dark\) \{\n {2}\.skip, \.tags a, \.join a \{ color: #8ab4f8; \}/);
  });
});
