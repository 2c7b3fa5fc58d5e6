import { describe, expect, it } from 'vitest';
import { renderDigestIndex } from '../../../lib/digest/digestIndexPage.js';
import { renderDigestArchiveHtml } from '../../../lib/digest/digestHtml.js';
import { renderDigestHtml } from '../../../lib/digest/renderDigestHtml.js';
import { meta, testSite, weekModel } from '../../support/digestFixtures.js';

// The digest archive's pages name the site's icon as every other page does (HTML "Link type icon": without one a
// browser asks for /favicon.ico at the host's root, outside a site under a path); the email names none.
const icons = (html: string) => [...html.matchAll(/<link rel="icon" href="([^"]*)">/g)].map((m) => m[1]);

describe("the digest archive's icon", () => {
  it('digests/index.html links the generated icon.png beside the site root, relative to the page', () => {
    const site = testSite();
    const href = icons(renderDigestIndex(site, []));
    expect(href).toHaveLength(1);
    expect(new URL(href[0]!, new URL('digests/index.html', site.url)).href).toBe(new URL('icon.png', site.url).href);
  });

  it("links site.yml's icon when it names one", () => {
    const site = { ...testSite(), icon: 'https://cdn.example.org/logo.png' };
    expect(icons(renderDigestIndex(site, []))).toEqual(['https://cdn.example.org/logo.png']);
  });

  it("an archived week links the site's icon by its URL, like the page's other links; the email links none", () => {
    const model = weekModel(testSite(), [meta('2014-05-09')]);
    expect(icons(renderDigestArchiveHtml(model))).toEqual([new URL('icon.png', model.site.url).href]);
    expect(icons(renderDigestHtml(model, { variant: 'email' }))).toEqual([]);
  });
});
