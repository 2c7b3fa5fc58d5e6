import { describe, expect, it } from 'vitest';
import { renderDigestHtml } from '../../../lib/digest/renderDigestHtml.js';
import { meta, testSite, weekModel } from '../../support/digestFixtures.js';

// WCAG 2.4.4 Link Purpose: the image links to the article, so its link says so first (the title), then what the
// image shows (its alt, which an aria-label hides from a screen reader); the alt stays the description.
describe("the digest's image link", () => {
  const pictured = meta('2014-05-06', { title: 'Fair <opens>', image: 'https://img.example.com/fair.jpg', imageAlt: 'Stalls & <crowds> at the fair' });
  const model = weekModel(testSite(), [pictured]);

  for (const variant of ['email', 'archive'] as const) {
    it(`is named by the entry's title, then the image's description, in the ${variant}`, () => {
      const link = new RegExp(`<a href="${pictured.url}"([^>]*)><img [^>]*alt="([^"]*)"`).exec(renderDigestHtml(model, { variant }));
      expect(link?.[1]).toContain(' aria-label="Fair &lt;opens&gt;: Stalls &amp; &lt;crowds&gt; at the fair"');
      expect(link?.[2]).toBe('Stalls &amp; &lt;crowds&gt; at the fair');
    });
  }
});
